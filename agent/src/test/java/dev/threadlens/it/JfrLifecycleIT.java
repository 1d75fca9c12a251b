package dev.threadlens.it;

import static dev.threadlens.it.JfrSupport.api;
import static dev.threadlens.it.JfrSupport.awaitJfr;
import static dev.threadlens.it.JfrSupport.awaitStreamRunning;
import static dev.threadlens.it.JfrSupport.threads;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.threadlens.testapps.JfrApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Cli;
import dev.threadlens.testkit.Http;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/** The JFR stream next to another recording, across attach and detach, off, and at JVM exit. */
class JfrLifecycleIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void worksBesideAnotherRecordingAndDetachLeavesNoJfrThread(Jdk jdk) throws Exception {
        Path userFile = Files.createTempFile("user-recording", ".jfr");
        try (ChildJvm app = ChildJvm.builder(jdk).jvmArg("-XX:StartFlightRecording:name=user,filename=" + userFile)
                .jvmArg("-XX:+EnableDynamicAgentLoading").main(JfrApp.class).start()) {
            app.awaitStdout("^ready");
            assertEquals("recordings: user=RUNNING", app.ask("recordings", "recordings: "));

            for (int round = 1; round <= 2; round++) { // a second attach starts from fresh state
                int port = attach(jdk, app);
                app.usePort(port);
                awaitStreamRunning(app);
                assertEquals(List.of("threadlens-jfr-stream"), threads(app, n -> n.contains("jfr") || n.startsWith("JFR Event")),
                        "the stream's thread is the agent's and says so");
                app.command("monitor 2 60");
                awaitJfr(app);
                Metrics m = app.scrape();
                assertEquals(2, JfrSupport.sumWhere(m, "jvm_lock_wait_seconds_count",
                        s -> s.label("jvm_lock_site").contains("JfrApp$Ledger.post")), m.grep("jvm_lock_wait"));

                Cli.Result detach = Cli.run(jdk, "detach", Long.toString(app.pid()));
                assertEquals(0, detach.exitCode, detach + app.output());
                assertFalse(Http.listening(port));
                assertEquals(List.of(), threads(app, n -> n.startsWith("threadlens") || n.startsWith("JFR Event Stream")),
                        "no agent or JFR stream thread is left");
                assertEquals("recordings: user=RUNNING", app.ask("recordings", "recordings: "),
                        "the user's recording runs on, ours is gone");
            }
        } finally {
            Files.deleteIfExists(userFile);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void jfrFalseNeverStartsFlightRecorder(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent("jfr=false").main(JfrApp.class).start()) {
            app.awaitStdout("^ready");
            app.command("monitor 2 60");
            JsonNode status = api(app, "/api/jfr");
            assertFalse(status.path("enabled").asBoolean(), status.toString());
            assertEquals("off (jfr=false)", status.path("state").asText());
            assertEquals("recordings: uninitialized", app.ask("recordings", "recordings: "),
                    "JFR was never even initialised");
            assertEquals(List.of(), threads(app, n -> n.startsWith("JFR") || n.contains("jfr")));
            Metrics m = app.scrape();
            assertFalse(m.has("jvm_lock_wait_seconds_count", "jvm_lock_type", "monitor"), m.grep("jvm_lock_wait"));
            assertTrue(m.has("jvm_thread_time_seconds_total"), "thread time does not need JFR");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void theStreamDoesNotKeepTheJvmAlive(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent().main(JfrApp.class).start()) {
            app.awaitStdout("^ready");
            awaitStreamRunning(app);
            app.closeInput(); // the command loop ends and main() returns
            assertEquals(0, app.waitFor(Duration.ofSeconds(60)), app.output());
        }
    }

    private static int attach(Jdk jdk, ChildJvm app) throws Exception {
        Path portFile = Files.createTempFile("threadlens-attach", ".port");
        Files.delete(portFile);
        Cli.Result r = Cli.run(jdk, "attach", Long.toString(app.pid()), "port=0,portFile=" + portFile);
        assertEquals(0, r.exitCode, r + "\n" + app.output());
        int port = Integer.parseInt(Files.readString(portFile).trim());
        Files.delete(portFile);
        return port;
    }
}
