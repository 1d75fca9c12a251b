package dev.threadlens.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.demo.scenarios.DeadlockScenario;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/**
 * dining-philosophers and deadlock: the deadlocking modes really deadlock (the JVM itself agrees,
 * and the agent reports it) and the JVM still exits at the end; the safe modes never deadlock.
 */
class DeadlocksIT {

    private static final RunCache RUNS = new RunCache();
    private static final String THREADS = "jvm_deadlock_threads";
    private static final String DETECTED = "jvm_deadlocks_detected_total";
    private static final String API = "/api/deadlocks";

    @AfterAll
    static void forget() {
        RUNS.clear();
    }

    // --- dining-philosophers

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void diningDeadlockLeavesEveryoneHungryAndStillExits(Jdk jdk) throws Exception {
        DemoRun run = dining(jdk, "deadlock");
        assertTrue(run.hasLine("ThreadMXBean.findDeadlockedThreads\\(\\) lists all 5 = true"), run.output());
        assertTrue(run.hasLine("meals per philosopher \\[0, 0, 0, 0, 0\\]: nobody ate"), run.output());
    }

    @Tag(Features.DEADLOCK)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void diningDeadlockIsReported(Jdk jdk) throws Exception {
        DemoRun run = dining(jdk, "deadlock");
        assertTrue(run.scrapes().stream().anyMatch(s -> s.metrics.valueOrZero(THREADS, "kind", "lock") == 5),
                "all five philosophers in one cycle in some scrape" + Samples.show(run.end(), "jvm_deadlock"));
        Metrics end = run.end();
        assertTrue(end.value(DETECTED, "kind", "lock") >= 1, Samples.show(end, "jvm_deadlock"));
        assertEquals(0, end.sum(THREADS), "the interrupt broke the cycle" + Samples.show(end, "jvm_deadlock"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void diningOrderedEveryoneEats(Jdk jdk) throws Exception {
        assertEveryoneAte(dining(jdk, "ordered"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void diningWaiterEveryoneEats(Jdk jdk) throws Exception {
        assertEveryoneAte(dining(jdk, "waiter"));
    }

    @Tag(Features.DEADLOCK)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void diningOrderedNeverDeadlocks(Jdk jdk) throws Exception {
        assertNeverDeadlocked(dining(jdk, "ordered"));
    }

    @Tag(Features.DEADLOCK)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void diningWaiterNeverDeadlocks(Jdk jdk) throws Exception {
        assertNeverDeadlocked(dining(jdk, "waiter"));
    }

    private static void assertEveryoneAte(DemoRun run) {
        long[] meals = run.numbers("meals per philosopher \\[(\\d+), (\\d+), (\\d+), (\\d+), (\\d+)\\]$");
        for (long m : meals) {
            assertTrue(m > 0, "every philosopher ate\n" + run.output());
        }
    }

    /** In every scrape, and at the end: no deadlocked thread, none ever detected, and the API agrees. */
    private static void assertNeverDeadlocked(DemoRun run) {
        assertTrue(run.scrapes().size() >= 5, "several scrapes while they ate");
        for (DemoRun.Scrape s : run.scrapes()) {
            assertEquals(0, s.metrics.sum(THREADS), Samples.show(s.metrics, "jvm_deadlock"));
            assertNoDeadlockInApi(s.extra.status(), s.extra.body());
        }
        assertEquals(0, run.end().sum(DETECTED), Samples.show(run.end(), "jvm_deadlock"));
        assertNoDeadlockInApi(run.endExtra().status(), run.endExtra().body());
    }

    private static void assertNoDeadlockInApi(int status, String body) {
        assertEquals(200, status, API + " answers: " + body);
        assertTrue(body.replaceAll("\\s", "").contains("\"deadlocks\":[]"), "no deadlock in " + body);
    }

    private static DemoRun dining(Jdk jdk, String mode) throws Exception {
        return RUNS.getWith(jdk, API, "dining-philosophers", "--mode", mode, "--duration", mode.equals("deadlock") ? "10s" : "4s");
    }

    // --- deadlock

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void monitorDeadlockStaysAndTheJvmStillExits(Jdk jdk) throws Exception {
        DemoRun run = deadlock(jdk, "monitor");
        assertTrue(run.hasLine("transfer-alice-to-bob is BLOCKED on .*Account.*, held by transfer-bob-to-alice"),
                run.output());
        assertTrue(run.hasLine("findDeadlockedThreads\\(\\) lists both = true"), run.output());
        assertTrue(run.hasLine("still BLOCKED \\(BLOCKED, BLOCKED\\)"), run.output());
        // DemoRun checked the JVM exited with 0 although two threads are deadlocked for good: they are daemon threads.
    }

    @Tag(Features.DEADLOCK)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void monitorDeadlockIsReported(Jdk jdk) throws Exception {
        DemoRun run = deadlock(jdk, "monitor");
        assertTrue(run.scrapes().stream().anyMatch(s -> s.metrics.valueOrZero(THREADS, "kind", "monitor") == 2),
                "both transfers in a monitor cycle" + Samples.show(run.end(), "jvm_deadlock"));
        assertEquals(2, run.end().value(THREADS, "kind", "monitor"), "a monitor deadlock never ends");
        assertTrue(run.end().value(DETECTED, "kind", "monitor") >= 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void lockDeadlockIsBrokenByInterrupt(Jdk jdk) throws Exception {
        DemoRun run = deadlock(jdk, "lock");
        assertTrue(run.hasLine("findDeadlockedThreads\\(\\) lists both = true"), run.output());
        assertTrue(run.hasLine("both threads have ended \\(alive: false, false\\)"), run.output());
    }

    @Tag(Features.DEADLOCK)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void lockDeadlockIsReportedThenGone(Jdk jdk) throws Exception {
        DemoRun run = deadlock(jdk, "lock");
        assertTrue(run.scrapes().stream().anyMatch(s -> s.metrics.valueOrZero(THREADS, "kind", "lock") == 2),
                Samples.show(run.end(), "jvm_deadlock"));
        assertEquals(0, run.end().sum(THREADS), Samples.show(run.end(), "jvm_deadlock"));
        assertTrue(run.end().value(DETECTED, "kind", "lock") >= 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void abandonedLockOutlivesItsDeadOwner(Jdk jdk) throws Exception {
        DemoRun run = deadlock(jdk, "abandoned");
        assertTrue(run.hasLine("careless-worker died: java.lang.IllegalStateException: crashed while holding"), run.output());
        assertTrue(run.hasLine("ledger.isLocked\\(\\) = true, by a thread that is gone: .*Locked by thread careless-worker"),
                run.output());
        assertTrue(run.number("timed tryLock\\(\\) gave up (\\d+) times") >= 2, run.output());
        Metrics end = run.end();
        assertEquals(1, end.value("jvm_thread_uncaught_exceptions_total", "error_type", "java.lang.IllegalStateException"),
                Samples.show(end, "jvm_thread_uncaught"));
    }

    @Tag(Features.LOCKS)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void abandonedLockTimeoutsAreCounted(Jdk jdk) throws Exception {
        DemoRun run = deadlock(jdk, "abandoned");
        Metrics end = run.end();
        assertEquals(run.number("timed tryLock\\(\\) gave up (\\d+) times"), Samples.sumAt(end, "jvm_lock_timeouts_total",
                Samples.LOCK_SITE, DeadlockScenario.class, "jvm_lock_type", "reentrant_lock"),
                Samples.show(end, "jvm_lock_timeouts_total"));
    }

    private static DemoRun deadlock(Jdk jdk, String mode) throws Exception {
        return RUNS.get(jdk, "deadlock", "--mode", mode, "--duration", mode.equals("abandoned") ? "3s" : "10s");
    }
}
