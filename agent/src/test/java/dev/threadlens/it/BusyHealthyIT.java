package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.BusyApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;
import dev.threadlens.testkit.Reports;

/**
 * No false positive: dozens of threads contending and signalling for a while (60 s by default,
 * {@code -Dthreadlens.it.busySeconds=N}), checked by the detector ten times a second and by this
 * test every second, produce no deadlock, no hang, no stuck thread and no lock-order inversion.
 */
class BusyHealthyIT {

    private static final int SECONDS = Integer.getInteger("threadlens.it.busySeconds", 60);
    private static final String[] KINDS = {"transfer", "monitor", "read", "write", "semaphore", "produce", "consume",
        "signal", "await", "latch", "future", "optimistic", "stamped_write", "wait_notify", "join", "barrier"};

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void busyButHealthyWorkloadIsNeverReported(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent("deadlockInterval=100ms,stuckThreshold=10s,lockOrder=true")
                .main(BusyApp.class).start()) {
            app.awaitStdout("^ready");
            app.command("start");
            long end = System.nanoTime() + Duration.ofSeconds(SECONDS).toNanos();
            int checks = 0;
            while (System.nanoTime() < end) {
                Reports r = Reports.of(app);
                assertTrue(r.deadlocks().isEmpty() && r.hangs().isEmpty() && r.stuck().isEmpty()
                        && r.inversions().isEmpty(), "false positive on a healthy program:\n" + r.text());
                checks++;
                Thread.sleep(1_000);
            }
            Metrics m = app.scrape();
            app.command("stop");
            String ops = app.awaitStdout("^ops ");
            for (String kind : KINDS) {
                Matcher count = Pattern.compile("\\b" + kind + "=(\\d+)").matcher(ops);
                assertTrue(count.find() && Long.parseLong(count.group(1)) > 0, kind + " made progress: " + ops);
            }
            assertTrue(checks >= SECONDS / 2, "checked throughout: " + checks);
            assertEquals(0, m.sum("jvm_deadlocks_detected_total"), m.grep("jvm_deadlock"));
            assertEquals(0, m.sum("jvm_deadlock_threads"), m.grep("jvm_deadlock"));
            assertEquals(0, m.value("jvm_thread_stuck_count"));
            assertEquals(0, m.value("jvm_lock_order_inversions_total"));
            assertEquals(0, m.sum("threadlens_agent_errors_total"), m.grep("threadlens_agent_errors_total"));
            assertTrue(!app.stdout().contains("error in "), app.stdout());
        }
    }
}
