package dev.threadlens.it;

import static dev.threadlens.testkit.Reports.list;
import static dev.threadlens.testkit.Reports.step;
import static dev.threadlens.testkit.Reports.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.DeadlockApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;
import dev.threadlens.testkit.Reports;

/**
 * The agent's detector, in a child JVM per scenario: each deadlock is found, described right
 * (kind, threads, what each waits for and who holds it, held locks, stacks), counted, exported
 * and logged once; each hang is reported with its evidence and never as a cycle.
 */
class DeadlockDetectionIT {

    /** Short intervals so the tests run fast; the defaults are 5 s and 30 s. */
    static final String FAST = "deadlockInterval=200ms,stuckThreshold=1s";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void twoThreadSynchronizedCycle(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, FAST)) {
            app.command("sync2");
            Map<String, Object> d = awaitDeadlock(app, "sync-a");
            assertEquals("monitor", d.get("kind"), text(d));
            assertEquals(Set.of("sync-a", "sync-b"), Set.copyOf(strings(d.get("threads"))));
            assertTrue(String.valueOf(d.get("confirmedBy")).contains("JVM"), "the JVM sees monitor cycles: " + d);
            assertCycleLink(d, "sync-a", "monitor", "sync-b");
            assertCycleLink(d, "sync-b", "monitor", "sync-a");
            for (Map<String, Object> s : list(d.get("cycle"))) {
                Map<String, Object> held = list(s.get("heldLocks")).get(0);
                assertEquals("monitor", held.get("type"));
                assertTrue(String.valueOf(held.get("takenAt")).startsWith(DeadlockApp.class.getName() + ".lambda$sync2$"),
                        "where the monitor was entered: " + held);
                assertTrue(String.valueOf(s.get("waitingAt")).startsWith(DeadlockApp.class.getName()), s.toString());
                assertTrue(strings(s.get("stack")).size() >= 2, "each thread's stack is in the report");
            }
            Metrics m = app.scrape();
            assertEquals(2, m.value("jvm_deadlock_threads", "kind", "monitor"), m.grep("jvm_deadlock"));
            assertEquals(1, m.value("jvm_deadlocks_detected_total", "kind", "monitor"));
            assertEquals(0, m.value("jvm_deadlocks_detected_total", "kind", "lock"));
            assertLoggedOnce(app, "DEADLOCK (monitor) of 2 threads");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void threeThreadReentrantLockCycle(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, FAST)) {
            app.command("locks3");
            Map<String, Object> d = awaitDeadlock(app, "lock-0");
            assertEquals("lock", d.get("kind"), text(d));
            assertEquals(List.of("lock-0", "lock-1", "lock-2"), strings(d.get("threads")), "in cycle order");
            for (int i = 0; i < 3; i++) {
                Map<String, Object> s = assertCycleLink(d, "lock-" + i, "reentrant_lock", "lock-" + (i + 1) % 3);
                Map<String, Object> held = list(s.get("heldLocks")).get(0);
                assertEquals("reentrant_lock", held.get("type"));
                // lock-i holds what lock-(i-1) waits for
                String previous = "lock-" + (i + 2) % 3;
                assertEquals(waitsFor(step(d, previous)).get("identity"), held.get("identity"));
            }
            Metrics m = app.scrape();
            assertEquals(3, m.value("jvm_deadlock_threads", "kind", "lock"));
            assertEquals(1, m.value("jvm_deadlocks_detected_total", "kind", "lock"));
            assertLoggedOnce(app, "DEADLOCK (lock) of 3 threads");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void mixedMonitorAndLockCycle(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, FAST)) {
            app.command("mixed");
            Map<String, Object> d = awaitDeadlock(app, "mixed-lock");
            assertEquals("mixed", d.get("kind"), text(d));
            assertCycleLink(d, "mixed-monitor", "reentrant_lock", "mixed-lock");
            assertCycleLink(d, "mixed-lock", "monitor", "mixed-monitor");
            assertEquals("monitor", list(step(d, "mixed-monitor").get("heldLocks")).get(0).get("type"));
            assertEquals("reentrant_lock", list(step(d, "mixed-lock").get("heldLocks")).get(0).get("type"));
            assertEquals(2, app.scrape().value("jvm_deadlock_threads", "kind", "mixed"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void readWriteLockCycleInvisibleToTheJvm(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, FAST)) {
            app.command("rw");
            app.command("upgrade");
            Map<String, Object> d = awaitDeadlock(app, "rw-1");
            assertEquals("lock", d.get("kind"), text(d));
            assertFalse(String.valueOf(d.get("confirmedBy")).contains("JVM"),
                    "findDeadlockedThreads cannot see read holders: " + d.get("confirmedBy"));
            assertCycleLink(d, "rw-1", "write_lock", "rw-2");
            assertCycleLink(d, "rw-2", "write_lock", "rw-1");
            for (String[] pair : new String[][] {{"rw-1", "rw-2"}, {"rw-2", "rw-1"}}) {
                Map<String, Object> held = list(step(d, pair[0]).get("heldLocks")).get(0);
                assertEquals("read_lock", held.get("type"), "read holds are found: " + held);
                assertEquals(waitsFor(step(d, pair[1])).get("identity"), held.get("identity"));
            }
            Map<String, Object> upgrade = awaitDeadlock(app, "upgrader");
            Map<String, Object> self = assertCycleLink(upgrade, "upgrader", "write_lock", "upgrader");
            assertTrue(String.valueOf(waitsFor(self).get("detail")).contains("cannot be upgraded"), self.toString());
            assertEquals(3, app.scrape().value("jvm_deadlock_threads", "kind", "lock"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void diningPhilosophers(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, FAST)) {
            app.command("philosophers 5");
            Map<String, Object> d = awaitDeadlock(app, "philosopher-0");
            assertEquals("lock", d.get("kind"), text(d));
            assertEquals(5, strings(d.get("threads")).size());
            for (int i = 0; i < 5; i++) {
                assertCycleLink(d, "philosopher-" + i, "reentrant_lock", "philosopher-" + (i + 1) % 5);
            }
            assertEquals(5, app.scrape().value("jvm_deadlock_threads", "kind", "lock"));
            assertLoggedOnce(app, "DEADLOCK (lock) of 5 threads");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void executorStarvationInASingleThreadPool(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, FAST)) {
            app.command("starvation");
            Map<String, Object> d = awaitDeadlock(app, "pool-1-thread-1");
            assertEquals("executor_starvation", d.get("kind"), text(d));
            Map<String, Object> w = waitsFor(assertCycleLink(d, "pool-1-thread-1", "future", "pool-1-thread-1"));
            assertEquals("pool-1", w.get("executor"));
            assertTrue(String.valueOf(w.get("detail")).contains("not started"), w.toString());
            assertTrue(text(d).contains("which only a worker of executor pool-1 can run"), text(d));
            Metrics m = app.scrape();
            assertEquals(1, m.value("jvm_deadlock_threads", "kind", "executor_starvation"));
            assertEquals(1, m.value("jvm_deadlocks_detected_total", "kind", "executor_starvation"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void semaphoreHangIsReportedWithEvidenceNotAsACycle(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, FAST)) {
            app.command("semaphore");
            Reports r = Reports.await(app, x -> x.hangOf("sem-waiter-0") != null, "a semaphore hang");
            Map<String, Object> h = r.hangOf("sem-waiter-0");
            assertEquals("semaphore", h.get("kind"));
            assertEquals(Set.of("sem-waiter-0", "sem-waiter-1"), Set.copyOf(strings(h.get("threads"))));
            assertTrue(String.valueOf(h.get("evidence")).contains("0 permits available"), h.toString());
            assertTrue(String.valueOf(h.get("evidence")).contains("none woke up once"), h.toString());
            assertTrue(r.deadlocks().isEmpty(), "no cycle is invented: " + r.text());
            assertNull(r.deadlockOf("sem-waiter-0"));
            assertTrue(strings(r.stuck().stream().map(s -> s.get("thread")).toList()).contains("sem-waiter-1"));
            Metrics m = app.scrape();
            assertEquals(2, m.value("jvm_deadlock_threads", "kind", "semaphore"));
            assertEquals(1, m.value("jvm_deadlocks_detected_total", "kind", "semaphore"));
            assertTrue(m.value("jvm_thread_stuck_count") >= 2, m.grep("stuck"));
            assertLoggedOnce(app, "HANG (semaphore) of 2 threads");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void conditionHangAndFutureCycle(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, FAST)) {
            app.command("condition");
            app.command("futurelock");
            Map<String, Object> d = awaitDeadlock(app, "future-waiter");
            assertEquals("mixed", d.get("kind"), text(d));
            assertCycleLink(d, "future-waiter", "future", "future-runner");
            assertCycleLink(d, "future-runner", "reentrant_lock", "future-waiter");
            Reports r = Reports.await(app, x -> x.hangOf("cond-waiter") != null, "a condition hang");
            Map<String, Object> h = r.hangOf("cond-waiter");
            assertEquals("condition", h.get("kind"));
            assertEquals(List.of("cond-waiter", "cond-signaller"), strings(h.get("threads")));
            assertTrue(String.valueOf(h.get("evidence")).contains("\"cond-signaller\""), h.toString());
        }
    }

    static ChildJvm start(Jdk jdk, String options) throws Exception {
        ChildJvm app = ChildJvm.builder(jdk).agent(options).main(DeadlockApp.class).start();
        app.awaitStdout("^ready");
        return app;
    }

    static Map<String, Object> awaitDeadlock(ChildJvm app, String thread) {
        return Reports.await(app, r -> r.deadlockOf(thread) != null, "a deadlock of " + thread).deadlockOf(thread);
    }

    /** {@code thread} waits for a primitive of {@code type} held by {@code holder}; returns its cycle entry. */
    static Map<String, Object> assertCycleLink(Map<String, Object> d, String thread, String type, String holder) {
        Map<String, Object> s = step(d, thread);
        assertEquals(type, waitsFor(s).get("type"), thread + " waits for: " + s);
        assertEquals(holder, s.get("heldBy"), text(d));
        assertTrue(strings(s.get("holders")).contains(holder), s.toString());
        assertTrue(Set.of("blocked", "waiting").contains(String.valueOf(s.get("state"))), s.toString());
        assertTrue(text(d).contains("\"" + thread + "\" waits for " + type), text(d));
        return s;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> waitsFor(Map<String, Object> step) {
        Map<String, Object> w = (Map<String, Object>) step.get("waitsFor");
        assertNotNull(w, "waitsFor of " + step);
        return w;
    }

    static String text(Map<String, Object> d) {
        return String.valueOf(d.get("text"));
    }

    /** After a few more passes, the message still appears exactly once on stderr. */
    static void assertLoggedOnce(ChildJvm app, String message) {
        app.awaitStderr(java.util.regex.Pattern.quote(message));
        Reports.awaitPasses(app, 3);
        int n = 0;
        for (String line : app.stderr().split("\n")) {
            if (line.contains(message)) {
                n++;
            }
        }
        assertEquals(1, n, "logged once per new deadlock:\n" + app.stderr());
    }
}
