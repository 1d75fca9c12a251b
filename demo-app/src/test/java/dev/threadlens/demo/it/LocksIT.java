package dev.threadlens.demo.it;

import static dev.threadlens.demo.it.Samples.LOCK_SITE;
import static dev.threadlens.demo.it.Samples.SYNC_SITE;
import static dev.threadlens.demo.it.Samples.sumAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.demo.scenarios.AtomicScenario;
import dev.threadlens.demo.scenarios.GlobalLockScenario;
import dev.threadlens.demo.scenarios.LockScenario;
import dev.threadlens.demo.scenarios.RaceScenario;
import dev.threadlens.demo.scenarios.SemaphoreScenario;
import dev.threadlens.demo.scenarios.TimeSlicingScenario;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/** Mutual exclusion: race, lock, semaphore, atomic, global-lock, time-slicing. */
class LocksIT {

    private static final RunCache RUNS = new RunCache();
    private static final String WAITS = "jvm_lock_wait_seconds_count";

    @AfterAll
    static void forget() {
        RUNS.clear();
    }

    // --- race

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void raceLosesUpdatesUnsynchronizedAndIsExactWithLockAndAtomic(Jdk jdk) throws Exception {
        DemoRun run = race(jdk);
        assertTrue(run.number("unsynchronized lost (\\d+) updates") > 0, run.output());
        assertTrue(run.hasLine("with the lock and with the atomic the count was exact every time"), run.output());
        long[] round1 = run.numbers("round 1: expected (\\d+); unsynchronized \\d+ \\(lost \\d+\\), with a lock (\\d+), atomic (\\d+)");
        assertEquals(round1[0], round1[1]);
        assertEquals(round1[0], round1[2]);
    }

    @Tag(Features.LOCKS)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void raceLockRoundShowsContention(Jdk jdk) throws Exception {
        Metrics end = race(jdk).end();
        assertTrue(sumAt(end, WAITS, LOCK_SITE, RaceScenario.class, "jvm_lock_type", "reentrant_lock") >= 1,
                Samples.show(end, WAITS));
    }

    private static DemoRun race(Jdk jdk) throws Exception {
        return RUNS.get(jdk, "race", "--duration", "3s");
    }

    // --- lock

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void lockShowsTryLockTimeoutAndIsLocked(Jdk jdk) throws Exception {
        DemoRun run = lock(jdk);
        assertTrue(run.hasLine("main holds the printer: isLocked\\(\\) = true, isHeldByCurrentThread\\(\\) = true"), run.output());
        assertTrue(run.hasLine("asker: tryLock\\(\\) = false, at once"), run.output());
        assertTrue(run.hasLine("asker: tryLock\\(200 ms\\) = false after \\d+ ms"), run.output());
        assertTrue(run.hasLine("main released the printer: isLocked\\(\\) = false"), run.output());
        long[] pages = run.numbers("pages per clerk \\[(\\d+), (\\d+), (\\d+)\\]");
        for (long p : pages) {
            assertTrue(p > 0, "every clerk printed\n" + run.output());
        }
    }

    @Tag(Features.LOCKS)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void lockCountsWaitsAndEveryTimeout(Jdk jdk) throws Exception {
        DemoRun run = lock(jdk);
        Metrics end = run.end();
        long hurriedGaveUp = run.number("the hurried clerk gave up (\\d+) times");
        assertEquals(hurriedGaveUp + 1, sumAt(end, "jvm_lock_timeouts_total", LOCK_SITE, LockScenario.class,
                "jvm_lock_type", "reentrant_lock"), "the asker's timeout and the hurried clerk's"
                        + Samples.show(end, "jvm_lock_timeouts_total"));
        assertTrue(sumAt(end, WAITS, LOCK_SITE, LockScenario.class, "jvm_lock_type", "reentrant_lock") >= 1,
                Samples.show(end, WAITS));
    }

    @Tag(Features.JFR)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void lockBookkeepersWaitOnTheLedgerMonitor(Jdk jdk) throws Exception {
        DemoRun run = lock(jdk);
        assertTrue(run.number("the bookkeepers made (\\d+) ledger entries") > 0, run.output());
        // Two bookkeepers holding the ledger 20-40 ms in turn: nearly every entry waits for the other.
        assertTrue(sumAt(run.end(), WAITS, LOCK_SITE, LockScenario.class, "jvm_lock_type", "monitor") >= 10,
                Samples.show(run.end(), WAITS));
    }

    private static DemoRun lock(Jdk jdk) throws Exception {
        return RUNS.get(jdk, "lock", "--duration", "4s");
    }

    // --- semaphore

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void semaphoreNeverLetsMoreThanThreeIn(Jdk jdk) throws Exception {
        DemoRun run = semaphore(jdk);
        long[] use = run.numbers("at most (\\d+) of (\\d+) connections were in use at once");
        assertEquals(3, use[1]);
        assertEquals(3, use[0], "5 workers keep all 3 connections busy\n" + run.output());
        assertTrue(run.hasLine("; 3 available at the end"), run.output());
    }

    @Tag(Features.LOCKS)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void semaphorePermitsGaugeStaysBetweenZeroAndThreeAndWorkersWait(Jdk jdk) throws Exception {
        DemoRun run = semaphore(jdk);
        int seen = 0;
        for (DemoRun.Scrape s : run.scrapes()) {
            List<Metrics.Sample> permits = Samples.of(s.metrics, "jvm_semaphore_permits_available", LOCK_SITE,
                    SemaphoreScenario.class);
            for (Metrics.Sample p : permits) {
                assertTrue(p.value >= 0 && p.value <= 3, "permits " + p);
                seen++;
            }
        }
        assertTrue(seen >= 5, "the permits gauge over several scrapes, seen " + seen + " times\n"
                + Samples.show(run.end(), "jvm_semaphore"));
        Metrics end = run.end();
        assertEquals(3, sumAt(end, "jvm_semaphore_permits_available", LOCK_SITE, SemaphoreScenario.class),
                "all connections back" + Samples.show(end, "jvm_semaphore"));
        assertTrue(sumAt(end, WAITS, LOCK_SITE, SemaphoreScenario.class, "jvm_lock_type", "semaphore") >= 1,
                "workers waited for a connection" + Samples.show(end, WAITS));
    }

    private static DemoRun semaphore(Jdk jdk) throws Exception {
        return RUNS.get(jdk, "semaphore", "--duration", "4s");
    }

    // --- atomic

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void atomicWaysAreExact(Jdk jdk) throws Exception {
        DemoRun run = atomic(jdk);
        assertTrue(run.hasLine("every other way was exact: true"), run.output());
        for (String way : new String[] {"synchronized", "ReentrantLock", "AtomicLong.incrementAndGet",
            "compareAndSet loop", "LongAdder.increment"}) {
            assertTrue(run.hasLine(way + " +exact every round: true"), way + "\n" + run.output());
        }
    }

    @Tag(Features.LOCKS)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void atomicOnlyTheLockWaits(Jdk jdk) throws Exception {
        Metrics end = atomic(jdk).end();
        assertTrue(sumAt(end, WAITS, LOCK_SITE, AtomicScenario.class, "jvm_lock_type", "reentrant_lock") >= 1,
                Samples.show(end, WAITS));
    }

    private static DemoRun atomic(Jdk jdk) throws Exception {
        return RUNS.get(jdk, "atomic", "--duration", "3s");
    }

    // --- global-lock

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void globalLockComparesTheThreeWays(Jdk jdk) throws Exception {
        DemoRun run = globalLock(jdk);
        long[] cpu = run.numbers("CPU-bound: 1 thread (\\d+) chunks/s; 4 threads with the global lock (\\d+) .*; "
                + "4 threads without it (\\d+)");
        long[] io = run.numbers("I/O-bound: 1 thread (\\d+) requests/s; 4 threads (\\d+)");
        for (long v : cpu) {
            assertTrue(v > 0, run.output());
        }
        for (long v : io) {
            assertTrue(v > 0, run.output());
        }
    }

    @Tag(Features.LOCKS)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void globalLockIsContended(Jdk jdk) throws Exception {
        Metrics end = globalLock(jdk).end();
        assertTrue(sumAt(end, WAITS, LOCK_SITE, GlobalLockScenario.class, "jvm_lock_type", "reentrant_lock") >= 1,
                Samples.show(end, WAITS));
    }

    @Tag(Features.JFR)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void globalLockIoWaitsAreSleeps(Jdk jdk) throws Exception {
        Metrics end = globalLock(jdk).end();
        assertTrue(sumAt(end, "jvm_sync_wait_seconds_count", SYNC_SITE, GlobalLockScenario.class, "jvm_sync_type",
                "sleep") >= 1, Samples.show(end, "jvm_sync_wait_seconds_count"));
    }

    private static DemoRun globalLock(Jdk jdk) throws Exception {
        return RUNS.get(jdk, "global-lock", "--duration", "4s");
    }

    // --- time-slicing

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void timeSlicingShowsMoreRunnableThreadsThanCores(Jdk jdk) throws Exception {
        DemoRun run = timeSlicing(jdk);
        long n = run.number("(\\d+) runnable threads on \\d+ cores");
        assertEquals(6, n);
        List<DemoRun.Scrape> slicing = run.scrapesBetween("^   watch", "runnable threads on");
        assertFalse(slicing.isEmpty(), run.output());
        double most = slicing.stream().mapToDouble(s -> Samples.threadCount(s.metrics, "runnable", false)).max()
                .orElseThrow();
        assertTrue(most >= n, "all " + n + " spinners runnable at once, saw " + most);
        assertTrue(run.hasLine("unfair lock: acquisitions per thread \\[\\d+, \\d+, \\d+, \\d+\\]"), run.output());
        assertTrue(run.hasLine("fair lock: +acquisitions per thread \\[\\d+, \\d+, \\d+, \\d+\\]"), run.output());
    }

    @Tag(Features.LOCKS)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void timeSlicingLocksAreContended(Jdk jdk) throws Exception {
        Metrics end = timeSlicing(jdk).end();
        assertTrue(sumAt(end, WAITS, LOCK_SITE, TimeSlicingScenario.class, "jvm_lock_type", "reentrant_lock") >= 1,
                Samples.show(end, WAITS));
    }

    private static DemoRun timeSlicing(Jdk jdk) throws Exception {
        // 6 spinners on this 2-core machine still leave the agent's endpoint some CPU for the scrapes.
        return RUNS.get(jdk, "time-slicing", "--duration", "8s", "--threads", "6");
    }
}
