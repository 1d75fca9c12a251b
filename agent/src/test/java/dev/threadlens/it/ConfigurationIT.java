package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.LifecycleApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Http;
import dev.threadlens.testkit.Jdk;

/**
 * Bad configuration: one clear line naming the problem and what is accepted, and the application
 * runs anyway, unless {@code strict=true}. Plus the precedence of the three sources.
 */
class ConfigurationIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void unknownOptionIsNamedAndTheAppStillRuns(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent("prot=9999").noPortFile().main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            app.command("start 1");
            String line = app.awaitStderr("threadlens");
            assertTrue(line.startsWith("[threadlens] ERROR unknown option 'prot' (did you mean 'port'?); known: enabled, "
                    + "strict, host, port, portFile, startup, logLevel"), line);
            assertTrue(line.endsWith("; the application runs without the agent"), line);
            assertEquals(1, countLines(app.stderr(), "[threadlens]"), "exactly one line: " + app.stderr());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void badNumberIsNamedWithWhatIsAccepted(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent("port=12ab").noPortFile().main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            app.command("start 1");
            assertEquals("[threadlens] ERROR option 'port' has a bad value '12ab' (from agent arguments): expected an "
                    + "integer from 0 to 65535; the application runs without the agent", app.awaitStderr("threadlens"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void portInUseTurnsOnlyTheEndpointOff(Jdk jdk) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ChildJvm app = ChildJvm.builder(jdk).agent("port=" + taken.getLocalPort()).main(LifecycleApp.class)
                     .start()) {
            app.awaitStdout("^ready");
            app.command("start 1");
            String line = app.awaitStderr("threadlens");
            assertTrue(line.startsWith("[threadlens] ERROR port " + taken.getLocalPort() + " on 127.0.0.1 is not available"),
                    line);
            assertTrue(line.endsWith("choose another with port=N, or port=0 for any free port; the HTTP endpoint is off, "
                    + "the agent keeps recording"), line);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void strictStopsTheJvmBeforeMain(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent("strict=true,logLevel=loud").noPortFile()
                .main(LifecycleApp.class).start()) {
            int code = app.waitFor(Duration.ofSeconds(60));
            assertEquals(2, code, app.output());
            assertFalse(app.stdout().contains("ready"), "main() never ran: " + app.output());
            assertTrue(app.stderr().contains("[threadlens] ERROR option 'logLevel' has a bad value 'loud' (from agent "
                    + "arguments): expected off, error, warn, info or debug; strict=true, so the JVM exits"), app.output());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void environmentVariableIsNamedInErrors(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent("").noPortFile().env("THREADLENS_MAX_THREADS", "3")
                .main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            assertTrue(app.awaitStderr("threadlens").startsWith(
                    "[threadlens] ERROR unknown environment variable 'THREADLENS_MAX_THREADS'"), app.output());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void agentArgumentsBeatSystemPropertiesBeatEnvironment(Jdk jdk) throws Exception {
        Path portFile = Files.createTempFile("threadlens-precedence", ".port");
        Files.delete(portFile);
        // env says disabled, -D says enabled and a fixed port, the agent argument says port 0.
        try (ChildJvm app = ChildJvm.builder(jdk).agent("port=0").env("THREADLENS_ENABLED", "false")
                .env("THREADLENS_PORT_FILE", portFile.toString())
                .jvmArg("-Dthreadlens.enabled=true").jvmArg("-Dthreadlens.port=1")
                .main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!Files.exists(portFile) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            int port = Integer.parseInt(Files.readString(portFile).trim());
            assertTrue(port > 1, "port 0 from the agent arguments won over port 1 from -D");
            assertEquals(200, Http.get(port, "/health").status(), "enabled=true from -D won over the environment");
        } finally {
            Files.deleteIfExists(portFile);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void disabledAgentDoesNothing(Jdk jdk) throws Exception {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = probe.getLocalPort();
            probe.close();
            try (ChildJvm app = ChildJvm.builder(jdk).agent("enabled=false,port=" + port).main(LifecycleApp.class)
                    .start()) {
                app.awaitStdout("^ready");
                app.command("start 1");
                assertFalse(Http.listening(port), "no endpoint when enabled=false");
                assertTrue(app.stderr().contains("disabled by enabled=false (agent arguments)"), app.output());
            }
        }
    }

    private static int countLines(String text, String fragment) {
        int n = 0;
        for (String l : text.split("\n")) {
            if (l.contains(fragment)) {
                n++;
            }
        }
        return n;
    }
}
