package dev.threadlens.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class SubmitRingTest {

    private static final long NONE = SubmitRing.NONE;
    private static final Object OWNER = "pool state";

    private static List<Object> submit(SubmitRing ring, int n, long firstTime) {
        List<Object> tasks = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Object task = new Object();
            assertTrue(ring.put(task, firstTime + i));
            tasks.add(task);
        }
        return tasks;
    }

    @Test
    void tasksTakenInOrderGiveBackTheirTimesOnce() {
        SubmitRing ring = new SubmitRing(64, 1, OWNER);
        List<Object> tasks = submit(ring, 50, 1000);
        for (int i = 0; i < tasks.size(); i++) {
            assertEquals(1000 + i, ring.take(tasks.get(i), SubmitRing.SHARED));
        }
        assertEquals(0, ring.size());
        assertEquals(NONE, ring.take(tasks.get(0), SubmitRing.SHARED), "taken once only");
        // The ring comes round: the hint follows the tail through many laps.
        for (int lap = 0; lap < 10; lap++) {
            List<Object> more = submit(ring, 40, lap * 100L);
            for (int i = 0; i < more.size(); i++) {
                assertEquals(lap * 100L + i, ring.take(more.get(i), SubmitRing.SHARED));
            }
        }
    }

    @Test
    void workersRacingTakeTasksALittleOutOfOrder() {
        SubmitRing ring = new SubmitRing(1024, 1, OWNER);
        List<Object> tasks = submit(ring, 600, 0);
        // Pairs swapped, as two workers' probes run in either order: found near the hint.
        for (int i = 0; i + 1 < tasks.size(); i += 2) {
            assertEquals(i + 1, ring.take(tasks.get(i + 1), SubmitRing.SHARED));
            assertEquals(i, ring.take(tasks.get(i), SubmitRing.SHARED), "just behind the hint");
        }
        assertEquals(0, ring.size());
    }

    @Test
    void aTaskFarFromTheHintIsFoundOnlyByTheWholeRingScan() {
        SubmitRing ring = new SubmitRing(1024, 1, OWNER);
        List<Object> tasks = submit(ring, 500, 0);
        Object last = tasks.get(499);
        assertEquals(NONE, ring.take(last, SubmitRing.SHARED), "beyond the window ahead of the hint");
        assertEquals(499, ring.takeAnywhere(last, SubmitRing.SHARED));
        // The hint moved past it: the first tasks are now far behind it, and still found.
        assertEquals(NONE, ring.take(tasks.get(0), SubmitRing.SHARED));
        assertEquals(0, ring.takeAnywhere(tasks.get(0), SubmitRing.SHARED));
        assertEquals(1, ring.take(tasks.get(1), SubmitRing.SHARED), "the hint followed");
    }

    @Test
    void aRunOfRemovedTasksDoesNotStrandTheHint() {
        SubmitRing ring = new SubmitRing(1024, 1, OWNER);
        List<Object> tasks = submit(ring, 300, 0);
        for (int i = 0; i < 200; i++) {
            assertTrue(ring.remove(tasks.get(i)));
        }
        assertFalse(ring.remove(tasks.get(0)), "removed once only");
        assertEquals(NONE, ring.take(tasks.get(200), SubmitRing.SHARED), "200 slots past the hint");
        assertEquals(200, ring.takeAnywhere(tasks.get(200), SubmitRing.SHARED));
        for (int i = 201; i < 300; i++) {
            assertEquals(i, ring.take(tasks.get(i), SubmitRing.SHARED));
        }
    }

    @Test
    void forkJoinWorkersDrainingDifferentQueuesKeepHintsOfTheirOwn() {
        SubmitRing ring = new SubmitRing(1024, 1 + SubmitRing.WORKER_LANES, OWNER);
        // Two submitting threads interleaved: A at even positions, B at odd ones.
        List<Object> a = new ArrayList<>();
        List<Object> b = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            Object task = new Object();
            assertTrue(ring.put(task, i));
            (i % 2 == 0 ? a : b).add(task);
        }
        int laneA = SubmitRing.lane(0);
        int laneB = SubmitRing.lane(1);
        assertEquals(0, ring.take(a.get(0), laneA));
        assertEquals(NONE, ring.take(b.get(150), laneB), "B's worker starts mid-queue, far from its hint");
        assertEquals(301, ring.takeAnywhere(b.get(150), laneB));
        int misses = 0;
        for (int i = 1; i < 200; i++) {
            // Each lane walks its own queue: no lane drags the other's hint away.
            misses += ring.take(a.get(i), laneA) == 2L * i ? 0 : 1;
            if (i > 150) {
                misses += ring.take(b.get(i), laneB) == 2L * i + 1 ? 0 : 1;
            }
        }
        assertEquals(0, misses);
        assertEquals(SubmitRing.lane(64), SubmitRing.lane(0), "lanes wrap: a hint shared, never a wrong answer");
    }

    @Test
    void theNewestTaskIsFoundFromTheTail() {
        SubmitRing ring = new SubmitRing(1024, 1, OWNER);
        List<Object> tasks = submit(ring, 500, 0);
        assertEquals(498, ring.takeRecent(tasks.get(498)));
        assertEquals(NONE, ring.takeRecent(tasks.get(100)), "only the newest are looked at");
    }

    @Test
    void aFullRingRefusesInsteadOfOverwritingTheTasksThatStartNext() {
        SubmitRing ring = new SubmitRing(16, 1, OWNER);
        List<Object> kept = submit(ring, 16, 0);
        Object refused = new Object();
        assertFalse(ring.put(refused, 99));
        ring.overflowed(); // as the recorder says when the table refused it too
        assertEquals(NONE, ring.takeAnywhere(kept.get(15), SubmitRing.SHARED), "no scan after an overflow");
        assertEquals(1, ring.take(kept.get(1), SubmitRing.SHARED), "the second oldest kept its time");
        assertFalse(ring.put(new Object(), 100), "the oldest still holds the slot at the tail");
        assertEquals(0, ring.take(kept.get(0), SubmitRing.SHARED));
        Object next = new Object();
        Object after = new Object();
        assertTrue(ring.put(next, 101), "the oldest's slot is the next one used");
        assertTrue(ring.put(after, 102));
        assertEquals(15, ring.takeAnywhere(kept.get(15), SubmitRing.SHARED), "an entry taken: scans again");
        for (int i = 2; i < 15; i++) {
            assertEquals(i, ring.takeAnywhere(kept.get(i), SubmitRing.SHARED));
        }
        assertEquals(101, ring.take(next, SubmitRing.SHARED), "one unbroken run: found where the hint is");
        assertEquals(102, ring.take(after, SubmitRing.SHARED));
        assertEquals(0, ring.size());
    }

    @Test
    void sweepReleasesWhatTheSweeperCondemns() {
        SubmitRing ring = new SubmitRing(64, 1, OWNER);
        List<Object> tasks = submit(ring, 10, 0);
        AtomicInteger released = new AtomicInteger();
        ring.sweep(new TimedSlots.Sweeper() {
            @Override
            public Object verdict(Object key, long time, Object o) {
                assertEquals(OWNER, o);
                return time < 4 ? "old" : null;
            }

            @Override
            public void released(Object o, Object verdict) {
                released.incrementAndGet();
            }
        });
        assertEquals(4, released.get());
        assertEquals(6, ring.size());
        assertEquals(NONE, ring.take(tasks.get(0), SubmitRing.SHARED));
        assertEquals(4, ring.take(tasks.get(4), SubmitRing.SHARED));
    }

    @Test
    void slotsMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new SubmitRing(1000, 1, OWNER));
    }

    /** Submitters and workers at once: every task is taken exactly once, with its own time. */
    @Test
    void concurrentSubmittersAndWorkersLoseAndDuplicateNothing() throws Exception {
        SubmitRing ring = new SubmitRing(1024, 1, OWNER);
        int perSubmitter = 50_000;
        int submitters = 2;
        java.util.concurrent.BlockingQueue<long[]> queue = new java.util.concurrent.LinkedBlockingQueue<>();
        AtomicLong wrongTimes = new AtomicLong();
        AtomicLong untimed = new AtomicLong();
        AtomicLong timed = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int s = 0; s < submitters; s++) {
            threads.add(new Thread(() -> {
                await(go);
                for (int i = 0; i < perSubmitter; i++) {
                    long[] task = {System.nanoTime()}; // the task carries its own submit time
                    if (!ring.put(task, task[0])) {
                        refused.incrementAndGet();
                    }
                    queue.add(task);
                }
            }));
        }
        for (int w = 0; w < 2; w++) {
            threads.add(new Thread(() -> {
                await(go);
                for (int i = 0; i < perSubmitter * submitters / 2; i++) {
                    long[] task = take(queue);
                    long time = ring.take(task, SubmitRing.SHARED);
                    if (time == NONE) {
                        time = ring.takeAnywhere(task, SubmitRing.SHARED);
                    }
                    if (time == NONE) {
                        untimed.incrementAndGet();
                    } else {
                        timed.incrementAndGet();
                        if (time != task[0]) {
                            wrongTimes.incrementAndGet();
                        }
                    }
                }
            }));
        }
        threads.forEach(Thread::start);
        go.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(0, wrongTimes.get());
        assertEquals(perSubmitter * submitters, timed.get() + untimed.get());
        assertTrue(untimed.get() <= refused.get(), "only tasks refused a slot go untimed: " + untimed + " > " + refused);
        assertEquals(0, ring.size());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    private static long[] take(java.util.concurrent.BlockingQueue<long[]> queue) {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
