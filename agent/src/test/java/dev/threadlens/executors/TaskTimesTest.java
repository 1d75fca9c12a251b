package dev.threadlens.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TaskTimesTest {

    @Test
    void putFindReleaseRoundTrip() {
        TaskTimes t = new TaskTimes(64);
        Object task = new Object();
        Object owner = new Object();
        assertTrue(t.put(task, 42L, owner));
        int slot = t.find(task);
        assertTrue(slot >= 0);
        assertEquals(42L, t.time(slot));
        assertSame(owner, t.owner(slot));
        assertTrue(t.release(slot, task));
        assertFalse(t.release(slot, task), "released once only");
        assertEquals(-1, t.find(task));
        assertEquals(0, t.size());
    }

    @Test
    void capacityIsAPowerOfTwoAtLeastTheWindow() {
        assertEquals(16, new TaskTimes(1).capacity());
        assertEquals(64, new TaskTimes(64).capacity());
        assertEquals(128, new TaskTimes(65).capacity());
        assertEquals(8192, new TaskTimes(8192).capacity());
    }

    @Test
    void fullTableDropsInsteadOfBlockingOrGrowing() {
        TaskTimes t = new TaskTimes(16); // exactly one window: every key competes for the same 16 slots
        List<Object> kept = new ArrayList<>();
        int refused = 0;
        for (int i = 0; i < 100; i++) {
            Object task = new Object();
            if (t.put(task, i, null)) {
                kept.add(task);
            } else {
                refused++;
            }
        }
        assertEquals(16, kept.size());
        assertEquals(84, refused);
        for (Object task : kept) {
            assertTrue(t.find(task) >= 0);
        }
        // A freed slot is reused.
        Object first = kept.get(0);
        assertSame(null, t.remove(first));
        assertTrue(t.put(new Object(), 1, null));
    }

    @Test
    void removeReturnsTheOwner() {
        TaskTimes t = new TaskTimes(64);
        Object owner = "pool";
        Object task = new Object();
        t.put(task, 1, owner);
        assertSame(owner, t.remove(task));
        assertNull(t.remove(task));
    }

    @Test
    void sameTaskSubmittedTwiceHasTwoEntries() {
        TaskTimes t = new TaskTimes(64);
        Runnable shared = () -> { };
        assertTrue(t.put(shared, 1, null));
        assertTrue(t.put(shared, 2, null));
        assertTrue(t.release(t.find(shared), shared));
        assertTrue(t.release(t.find(shared), shared));
        assertEquals(-1, t.find(shared));
    }

    @Test
    void sweepReleasesWhatTheSweeperCondemns() {
        TaskTimes t = new TaskTimes(64);
        Object old = new Object();
        Object fresh = new Object();
        t.put(old, 10, "a");
        t.put(fresh, 1_000, "b");
        List<Object> released = new ArrayList<>();
        t.sweep(new TimedSlots.Sweeper() {
            @Override
            public Object verdict(Object key, long time, Object owner) {
                return time < 100 ? "expired" : null;
            }

            @Override
            public void released(Object owner, Object verdict) {
                released.add(owner + ":" + verdict);
            }
        });
        assertEquals(List.of("a:expired"), released);
        assertEquals(-1, t.find(old));
        assertTrue(t.find(fresh) >= 0);
    }

    @Test
    void sweepLetsGoOfTheOwnersOfFreedSlots() {
        TaskTimes t = new TaskTimes(64);
        Object task = new Object();
        Object kept = new Object();
        t.put(task, 10, "dead pool");
        t.put(kept, 20, "live pool");
        int freed = t.find(task);
        int live = t.find(kept);
        assertSame("dead pool", t.remove(task));
        assertSame("dead pool", t.owner(freed), "a release frees the slot by its key only");
        t.sweep(new TimedSlots.Sweeper() {
            @Override
            public Object verdict(Object key, long time, Object owner) {
                return null;
            }

            @Override
            public void released(Object owner, Object verdict) {
            }
        });
        assertNull(t.owner(freed), "the sweep drops the owner a freed slot still held");
        assertSame("live pool", t.owner(live), "and leaves the entries in use alone");
        assertEquals(1, t.size());
        assertTrue(t.put(task, 30, "next"), "the scrubbed slot is free again");
    }

    @Test
    void concurrentProducersAndConsumersLoseNothingTheyKept() throws Exception {
        TaskTimes t = new TaskTimes(1024);
        int threads = 4;
        int perThread = 20_000;
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger matched = new AtomicInteger();
        AtomicLong wrongTime = new AtomicLong();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int n = 0; n < threads; n++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < perThread; i++) {
                    Object task = new Object();
                    long time = System.identityHashCode(task) * 31L + i;
                    if (!t.put(task, time, Thread.currentThread())) {
                        refused.incrementAndGet();
                        continue;
                    }
                    int slot = t.find(task);
                    if (slot >= 0 && t.time(slot) != time) {
                        wrongTime.incrementAndGet();
                    }
                    if (slot >= 0 && t.owner(slot) == Thread.currentThread() && t.release(slot, task)) {
                        matched.incrementAndGet();
                    }
                }
            });
            all.add(th);
            th.start();
        }
        go.countDown();
        for (Thread th : all) {
            th.join();
        }
        assertEquals(0, wrongTime.get(), "a found entry always carries its own time");
        assertEquals(threads * perThread, matched.get() + refused.get(), "every kept entry was found and released");
        assertEquals(0, t.size(), "nothing left behind");
    }
}
