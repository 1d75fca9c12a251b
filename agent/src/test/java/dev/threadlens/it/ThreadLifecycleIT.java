package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.LifecycleApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/** Lifecycle counters move by exactly the threads a program starts and ends (premain). */
class ThreadLifecycleIT {

    private static final String STARTED = "jvm_thread_started_total";
    private static final String TERMINATED = "jvm_thread_terminated_total";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void countsPlatformThreadsExactlyWithDaemonSplit(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent().main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            Metrics before = app.scrape();
            app.command("start 7");
            app.command("start 3 daemon");
            Metrics after = app.scrape();

            assertEquals(7, delta(before, after, STARTED, "false", "false"), after.grep("jvm_thread_"));
            assertEquals(3, delta(before, after, STARTED, "true", "false"));
            assertEquals(7, delta(before, after, TERMINATED, "false", "false"));
            assertEquals(3, delta(before, after, TERMINATED, "true", "false"));
            assertEquals(0, delta(before, after, STARTED, "true", "true"), "no virtual thread was started");
            assertEquals(7, after.value("jvm_thread_lifetime_seconds_count", "jvm_thread_daemon", "false")
                    - before.valueOrZero("jvm_thread_lifetime_seconds_count", "jvm_thread_daemon", "false"));
            assertEquals("counter", after.type("jvm_thread_started_total"));
            assertEquals(1, after.value("threadlens_agent_info", "mode", "premain", "jdk", jdkVersion(after)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void countsUncaughtExceptionsByType(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent().main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            app.command("uncaught java.lang.IllegalStateException");
            app.command("uncaught java.lang.IllegalStateException");
            app.command("uncaught java.lang.UnsupportedOperationException");
            Metrics m = app.scrape();
            String name = "jvm_thread_uncaught_exceptions_total";
            assertEquals(2, m.value(name, "error_type", "java.lang.IllegalStateException"), m.grep(name));
            assertEquals(1, m.value(name, "error_type", "java.lang.UnsupportedOperationException"));
            assertEquals(2, m.samples(name).size(), "only the types that happened: " + m.grep(name));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void threadStateGaugeShowsWaitingThreads(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent().main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            Metrics before = app.scrape();
            app.command("hold 4");
            Metrics held = app.scrape();
            app.command("release");
            Metrics released = app.scrape();
            String[] waitingUser = {"jvm_thread_state", "waiting", "jvm_thread_daemon", "false"};
            assertEquals(4, held.value("jvm_thread_count", waitingUser) - before.value("jvm_thread_count", waitingUser),
                    held.grep("jvm_thread_count"));
            assertEquals(before.value("jvm_thread_count", waitingUser), released.value("jvm_thread_count", waitingUser));
            assertEquals(12, held.samples("jvm_thread_count").size(), "6 states x daemon or not, zeros included");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#withVirtualThreads")
    void countsVirtualThreads(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent().main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            Metrics before = app.scrape();
            app.command("virtual 25");
            app.command("start 2");
            Metrics after = app.scrape();
            assertEquals(25, delta(before, after, STARTED, "true", "true"), after.grep("jvm_thread_"));
            assertEquals(25, delta(before, after, TERMINATED, "true", "true"));
            assertEquals(2, delta(before, after, STARTED, "false", "false"), "platform threads still counted apart");
            assertTrue(after.value("jvm_thread_lifetime_seconds_count", "jvm_thread_daemon", "true") >= 25);
        }
    }

    private static double delta(Metrics before, Metrics after, String name, String daemon, String virtual) {
        String[] labels = {"jvm_thread_daemon", daemon, "jvm_thread_virtual", virtual};
        return after.value(name, labels) - before.valueOrZero(name, labels);
    }

    private static String jdkVersion(Metrics m) {
        return m.samples("threadlens_agent_info").get(0).label("jdk");
    }
}
