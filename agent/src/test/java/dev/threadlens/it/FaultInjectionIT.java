package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.threadlens.testapps.FaultsApp;
import dev.threadlens.testkit.ApiJson;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Http;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/**
 * Failures forced inside the agent ({@code -Dthreadlens.test.faults}, a test-only switch) never
 * reach the application: its own results stay exact and it exits normally, every failure is
 * counted in {@code threadlens_agent_errors_total{component}} and logged once. A scrape that
 * throws answers 500 and the next one works; a JFR stream that dies is started again while the
 * probes' metrics keep moving.
 */
class FaultInjectionIT {

    /** Each component's fault, fired at its recording point. */
    private static final List<String> COMPONENTS = List.of("thread_lifecycle", "locks", "executors", "jfr",
            "deadlock", "http");
    private static final Duration WAIT = ChildJvm.DEFAULT_WAIT;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void aFailureInEachComponentIsCountedLoggedOnceAndNeverReachesTheApplication(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk)
                .agent("deadlockInterval=100ms,jfrMonitorThreshold=1ms,jfrParkThreshold=1ms")
                .jvmArg("-Dthreadlens.test.faults=" + String.join(",", COMPONENTS))
                .main(FaultsApp.class).start()) {
            app.awaitStdout("^ready");
            app.awaitStderr("TEST ONLY: faults are forced inside the agent");

            // http: every JSON API request fails inside the agent and answers 500, the endpoint lives on.
            for (int i = 0; i < 3; i++) {
                Http.Response api = app.get("/api/locks");
                assertEquals(500, api.status(), api.body());
                assertEquals("InjectedFault", ApiJson.parse(api.body()).path("error").asText(), api.body());
            }
            assertEquals(200, app.get("/health").status());

            // The workload exercises every probe; the JFR stream and the detector pass on their own.
            Metrics m = null;
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (System.nanoTime() < deadline) {
                String result = app.ask("work 200", "result ");
                assertTrue(result.startsWith("result ok"), "the application saw the fault: " + result + "\n"
                        + app.output());
                m = app.scrape();
                if (allFailedTwice(m)) {
                    break;
                }
            }
            for (String c : COMPONENTS) {
                double errors = m.value("threadlens_agent_errors_total", "component", c);
                assertTrue(errors >= 2, c + " failed " + errors + " times, expected many\n" + m.grep("agent_errors")
                        + "\n" + app.output());
            }
            assertEquals(0, m.value("threadlens_agent_errors_total", "component", "metrics"),
                    "scrapes do not fail with this set of faults");

            app.closeInput();
            assertEquals(0, app.waitFor(WAIT), "the application exits normally\n" + app.output());
            for (String c : COMPONENTS) {
                assertEquals(1, countLines(app.stderr(), l -> l.contains("internal failure in " + c + " (")),
                        c + ": logged once however often it failed\n" + app.stderr());
            }
            assertFalse(app.stderr().contains("Exception in thread"), app.output());
            assertFalse(app.stdout().contains("error "), "every command succeeded\n" + app.output());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void aScrapeThatThrowsAnswers500AndADeadJfrStreamIsStartedAgain(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent("jfrMonitorThreshold=1ms")
                .jvmArg("-Dthreadlens.test.faults=metrics:2,jfr_stream:1")
                .main(FaultsApp.class).start()) {
            app.awaitStdout("^ready");

            // The first two collections throw: 500 with a short message (no stack, no internals).
            for (int i = 0; i < 2; i++) {
                Http.Response failed = app.get("/metrics");
                assertEquals(500, failed.status(), failed.body());
                assertTrue(failed.body().contains("collecting metrics failed"), failed.body());
                assertFalse(failed.body().contains("\tat "), "no stack trace in the answer: " + failed.body());
            }
            Http.Response next = app.get("/metrics");
            assertEquals(200, next.status(), next.body());
            Metrics ok = Metrics.parse(next.body());
            assertEquals(2, ok.value("threadlens_agent_errors_total", "component", "metrics"));
            assertTrue(ok.sum("jvm_thread_count") > 0, ok.grep("jvm_thread_count"));
            assertEquals(1, countLines(app.stderr(), l -> l.contains("internal failure in metrics (")), app.stderr());

            // The stream died at its first flush and was started again.
            JsonNode status = awaitJfr(app, s -> s.path("restarts").asInt() == 1 && s.path("running").asBoolean());
            assertEquals("running", status.path("state").asText(), status.toString());
            app.awaitStderr("the JFR stream stopped \\(.*fault injected.*jfr_stream\\); starting it again \\(1 of 5\\)");
            assertTrue(app.scrape().value("threadlens_agent_errors_total", "component", "jfr") >= 1);

            // After the restart, JFR events and the probes' metrics keep coming.
            long eventsBefore = jfrEvents(status);
            Metrics before = app.scrape();
            assertTrue(app.ask("work 200", "result ").startsWith("result ok"), app.output());
            Metrics after = awaitMetrics(app, m -> m.sum("jvm_lock_wait_seconds_count", "jvm_lock_type", "monitor")
                    > before.sum("jvm_lock_wait_seconds_count", "jvm_lock_type", "monitor"), "JFR monitor waits after the restart");
            assertTrue(after.sum("jvm_lock_wait_seconds_count", "jvm_lock_type", "reentrant_lock")
                    > before.sum("jvm_lock_wait_seconds_count", "jvm_lock_type", "reentrant_lock"), after.grep("lock_wait"));
            assertEquals(200 + before.sum("jvm_executor_task_completed_total"), after.sum("jvm_executor_task_completed_total"),
                    after.grep("task_completed"));
            JsonNode later = awaitJfr(app, s -> jfrEvents(s) > eventsBefore);
            assertEquals(1, later.path("restarts").asInt(), later.toString());

            app.closeInput();
            assertEquals(0, app.waitFor(WAIT), app.output());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void aJfrStreamThatKeepsDyingIsReportedAndTheRestGoesOn(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent().jvmArg("-Dthreadlens.test.faults=jfr_stream")
                .main(FaultsApp.class).start()) {
            app.awaitStdout("^ready");
            JsonNode status = awaitJfr(app, s -> s.path("state").asText().startsWith("failed"));
            assertTrue(status.path("state").asText().contains("gave up after 5 restarts"), status.toString());
            assertEquals(5, status.path("restarts").asInt(), status.toString());
            assertFalse(status.path("running").asBoolean(), status.toString());
            Metrics m = app.scrape();
            assertEquals(6, m.value("threadlens_agent_errors_total", "component", "jfr"), "each death counted once");
            assertEquals(5, countLines(app.stderr(), l -> l.contains("the JFR stream stopped")), app.stderr());
            assertEquals(1, countLines(app.stderr(), l -> l.contains("JFR pairing stopped after 5 restarts")),
                    app.stderr());
            assertEquals(1, countLines(app.stderr(), l -> l.contains("internal failure in jfr (")), app.stderr());

            // Without JFR, the probes, the scrape and the application carry on.
            assertTrue(app.ask("work 200", "result ").startsWith("result ok"), app.output());
            Metrics after = app.scrape();
            assertTrue(after.sum("jvm_lock_wait_seconds_count", "jvm_lock_type", "reentrant_lock")
                    > m.sum("jvm_lock_wait_seconds_count", "jvm_lock_type", "reentrant_lock"), after.grep("lock_wait"));
            assertEquals(200 + m.sum("jvm_executor_task_completed_total"), after.sum("jvm_executor_task_completed_total"));
            assertFalse(app.ask("stats", "stats ").contains("threadlens-jfr-stream"), "the stream's thread ended");
            app.closeInput();
            assertEquals(0, app.waitFor(WAIT), app.output());
        }
    }

    private static boolean allFailedTwice(Metrics m) {
        for (String c : COMPONENTS) {
            if (m.valueOrZero("threadlens_agent_errors_total", "component", c) < 2) {
                return false;
            }
        }
        return true;
    }

    private static long countLines(String text, Predicate<String> match) {
        return text.lines().filter(match).count();
    }

    private static long jfrEvents(JsonNode status) {
        long n = 0;
        for (JsonNode c : status.path("counts")) {
            n += c.asLong();
        }
        return n;
    }

    private static JsonNode awaitJfr(ChildJvm app, Predicate<JsonNode> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = ApiJson.parse(app.get("/api/jfr").body());
            if (condition.test(status)) {
                return status;
            }
            Thread.sleep(200);
        }
        fail("JFR status never got there: " + status + "\n" + app.output());
        return status;
    }

    private static Metrics awaitMetrics(ChildJvm app, Predicate<Metrics> condition, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Metrics m = null;
        while (System.nanoTime() < deadline) {
            m = app.scrape();
            if (condition.test(m)) {
                return m;
            }
            Thread.sleep(200);
        }
        fail(what + " never showed\n" + (m == null ? "" : m.text()) + "\n" + app.output());
        return m;
    }
}
