package dev.threadlens.deadlock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

class WaitGraphAnalyzerTest {

    private final List<ThreadView> threads = new ArrayList<>();

    private void waits(long id, String type, Release release, String state, long... holders) {
        List<Long> h = new ArrayList<>();
        for (long x : holders) {
            h.add(x);
        }
        WaitFor w = new WaitFor(new Primitive(type, type + "@" + id, null), release, h,
                type.equals("future") && release == Release.ANY ? "pool" : null, null);
        threads.add(new ThreadView(id, "t" + id, state, List.of("com.example.App.run(App.java:" + id + ")"), List.of(), w));
    }

    private void runs(long id) {
        threads.add(new ThreadView(id, "t" + id, "runnable", List.of(), List.of(), null));
    }

    private List<Deadlock> analyze(Long... jvm) {
        return WaitGraphAnalyzer.deadlocks(new WaitSnapshot(threads, Set.of(jvm)));
    }

    @Test
    void twoThreadCycleInWaitOrderWithThreadsBehindIt() {
        waits(1, "monitor", Release.ALL, "blocked", 2);
        waits(2, "reentrant_lock", Release.ALL, "waiting", 1);
        waits(3, "monitor", Release.ALL, "blocked", 1); // waits for the cycle, not part of it
        List<Deadlock> found = analyze();
        assertEquals(1, found.size());
        Deadlock d = found.get(0);
        assertEquals("mixed", d.kind());
        assertEquals(List.of("t1", "t2"), d.threadNames());
        assertEquals("t2", d.cycle().get(0).heldBy().name());
        assertEquals("t1", d.cycle().get(1).heldBy().name());
        assertEquals(List.of("t3"), d.blocked().stream().map(ThreadView::name).toList());
    }

    @Test
    void anEdgeToARunningThreadBreaksTheChain() {
        waits(1, "reentrant_lock", Release.ALL, "waiting", 2);
        waits(2, "reentrant_lock", Release.ALL, "waiting", 3);
        runs(3);
        assertTrue(analyze().isEmpty());
    }

    @Test
    void timedAndUnknownWaitsAreNeverPartOfACycle() {
        waits(1, "reentrant_lock", Release.ALL, "timed_waiting", 2);
        waits(2, "reentrant_lock", Release.ALL, "waiting", 1);
        assertTrue(analyze().isEmpty(), "a tryLock with a timeout ends by itself");
        threads.clear();
        waits(1, "semaphore", Release.UNKNOWN, "waiting");
        waits(2, "reentrant_lock", Release.ALL, "waiting", 1);
        assertTrue(analyze().isEmpty(), "nobody can be named for a semaphore");
    }

    @Test
    void aWriteLockWaitsForEveryReaderAndAnUpgradeForItself() {
        waits(1, "write_lock", Release.ALL, "waiting", 2, 3);
        runs(2);
        waits(3, "write_lock", Release.ALL, "waiting", 1); // one reader of 1's lock is stuck on 1
        List<Deadlock> found = analyze();
        assertEquals(1, found.size(), "one stuck reader is enough");
        assertEquals("lock", found.get(0).kind());
        assertEquals(List.of("t2", "t3"), found.get(0).cycle().get(0).holders());
        threads.clear();
        waits(7, "write_lock", Release.ALL, "waiting", 7);
        assertEquals(List.of("t7"), analyze().get(0).threadNames());
    }

    @Test
    void aQueuedTaskNeedsAnyFreeWorker() {
        waits(1, "future", Release.ANY, "waiting", 1, 2);
        waits(2, "future", Release.ANY, "waiting", 1, 2);
        List<Deadlock> found = analyze();
        assertEquals(1, found.size());
        assertEquals("executor_starvation", found.get(0).kind());
        threads.clear();
        waits(1, "future", Release.ANY, "waiting", 1, 2);
        runs(2); // a worker that will be free again
        assertTrue(analyze().isEmpty());
    }

    @Test
    void philosophersAreOneCycleInOrderAndTwoCyclesAreTwoDeadlocks() {
        for (int i = 0; i < 5; i++) {
            waits(10 + i, "reentrant_lock", Release.ALL, "waiting", 10 + (i + 1) % 5);
        }
        waits(20, "monitor", Release.ALL, "blocked", 21);
        waits(21, "monitor", Release.ALL, "blocked", 20);
        List<Deadlock> found = analyze();
        assertEquals(2, found.size());
        Deadlock ring = found.stream().filter(d -> d.cycle().size() == 5).findFirst().orElseThrow();
        assertEquals(List.of("t10", "t11", "t12", "t13", "t14"), ring.threadNames());
        assertEquals("monitor", found.stream().filter(d -> d.cycle().size() == 2).findFirst().orElseThrow().kind());
    }

    @Test
    void theJvmsVerdictStandsEvenWhenTheGraphCouldNotSeeAHolder() {
        waits(1, "lock", Release.ALL, "waiting", 2);
        waits(2, "lock", Release.ALL, "waiting", 1);
        assertEquals(1, analyze(1L, 2L).size());
    }

    @Test
    void signatureIsStableAcrossPasses() {
        waits(1, "monitor", Release.ALL, "blocked", 2);
        waits(2, "monitor", Release.ALL, "blocked", 1);
        String first = analyze().get(0).signature();
        java.util.Collections.reverse(threads);
        assertEquals(first, analyze().get(0).signature());
    }
}
