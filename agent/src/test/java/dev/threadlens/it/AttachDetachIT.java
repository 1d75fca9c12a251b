package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.LifecycleApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Cli;
import dev.threadlens.testkit.Http;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/** {@code attach} into a running JVM, {@code detach} leaving no trace, and attach again. */
class AttachDetachIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void attachDetachAndAttachAgain(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            app.command("start 3"); // before the agent: never counted

            int port = attach(jdk, app);
            Metrics attached = Metrics.parse(Http.get(port, "/metrics").body());
            assertEquals(1, attached.value("threadlens_agent_info", "mode", "attach"));
            assertEquals(0, attached.value("jvm_thread_started_total", "jvm_thread_daemon", "false",
                    "jvm_thread_virtual", "false"), "threads started before the attach are not counted");
            app.command("start 5");
            Metrics counted = Metrics.parse(Http.get(port, "/metrics").body());
            assertEquals(5, counted.value("jvm_thread_started_total", "jvm_thread_daemon", "false",
                    "jvm_thread_virtual", "false"));
            assertEquals(5, counted.value("jvm_thread_terminated_total", "jvm_thread_daemon", "false",
                    "jvm_thread_virtual", "false"));
            assertTrue(agentThreads(app).contains("threadlens-"), "agent threads run while attached");

            detach(jdk, app);
            assertFalse(Http.listening(port), "endpoint closed after detach");
            assertEquals("", agentThreads(app), "no agent thread is left");
            assertAdviceRemoved(app);

            int again = attach(jdk, app);
            app.command("start 2");
            Metrics second = Metrics.parse(Http.get(again, "/metrics").body());
            assertEquals(2, second.value("jvm_thread_started_total", "jvm_thread_daemon", "false",
                    "jvm_thread_virtual", "false"), "a new attach starts from fresh state");
            detach(jdk, app);
            assertFalse(Http.listening(again));
            assertAdviceRemoved(app);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void spyProvesTheProbesAreLiveWhileAttached(Jdk jdk) throws Exception {
        // The positive control for assertAdviceRemoved: the same spy does see calls while the advice is in.
        try (ChildJvm app = ChildJvm.builder(jdk).main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            attach(jdk, app);
            app.command("spy ThreadProbes worker-"); // not the JVM's or the agent's threads
            app.command("start 3");
            assertEquals("spycount 6", app.ask("spycount", "spycount "), "3 starts + 3 exits reach the spy");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void attachRefusesASecondAgentAndReportsErrors(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            String pid = Long.toString(app.pid());

            Cli.Result badOption = Cli.run(jdk, "attach", pid, "prot=1");
            assertEquals(1, badOption.exitCode, badOption.toString());
            assertTrue(badOption.stderr.contains("unknown option 'prot' (did you mean 'port'?)"), badOption.toString());

            Cli.Result notRunning = Cli.run(jdk, "detach", pid);
            assertEquals(1, notRunning.exitCode, notRunning.toString());
            assertTrue(notRunning.stderr.contains("threadlens is not running in process " + pid), notRunning.toString());

            attach(jdk, app);
            Cli.Result second = Cli.run(jdk, "attach", pid, "port=0");
            assertEquals(1, second.exitCode, second.toString());
            assertTrue(second.stderr.contains("already running in process " + pid), second.toString());
            app.command("start 1"); // the application kept running through all of it
        }
    }

    private static int attach(Jdk jdk, ChildJvm app) throws Exception {
        Path portFile = Files.createTempFile("threadlens-attach", ".port");
        Files.delete(portFile);
        Cli.Result r = Cli.run(jdk, "attach", Long.toString(app.pid()), "port=0,portFile=" + portFile);
        assertEquals(0, r.exitCode, r + "\n" + app.output());
        assertTrue(r.stdout.contains("threadlens attached to process " + app.pid()), r.toString());
        if (jdk.feature() >= 21) {
            assertTrue(r.stderr.contains("-XX:+EnableDynamicAgentLoading"), "explains the JDK 21+ warning: " + r);
        }
        int port = Integer.parseInt(Files.readString(portFile).trim());
        Files.delete(portFile);
        return port;
    }

    private static void detach(Jdk jdk, ChildJvm app) throws Exception {
        Cli.Result r = Cli.run(jdk, "detach", Long.toString(app.pid()));
        assertEquals(0, r.exitCode, r + "\n" + app.output());
        assertTrue(r.stdout.contains("threadlens detached from process " + app.pid()), r.toString());
    }

    /** Threads whose name starts with {@code threadlens}, comma-separated. */
    private static String agentThreads(ChildJvm app) {
        String line = app.ask("threads", "threads: ");
        StringBuilder agent = new StringBuilder();
        for (String name : line.substring("threads: ".length()).split(",")) {
            if (name.startsWith("threadlens")) {
                agent.append(agent.length() == 0 ? "" : ",").append(name);
            }
        }
        return agent.toString();
    }

    /** A spy sink in the dispatcher hears nothing: the bytecode no longer calls it. */
    private static void assertAdviceRemoved(ChildJvm app) {
        app.command("spy ThreadProbes");
        app.command("start 3");
        app.command("start 1 daemon");
        assertEquals("spycount 0", app.ask("spycount", "spycount "),
                "instrumented methods still call the dispatcher after detach");
    }
}
