package dev.threadlens.locks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.threadlens.bootstrap.ActiveWait;
import dev.threadlens.bootstrap.LockProbes;

class LockInsightsTest {

    @Test
    void showsTheWaitAThreadIsInAndForgetsThreadsThatEnded() throws Exception {
        LockInsights insights = new LockInsights();
        PrimitiveInfo info = new PrimitiveInfo(PrimitiveKind.READ_WRITE_LOCK, "com.example.A.<init>(A.java:1)", null, true);
        Object sync = new Object();
        ActiveWait mine = ActiveWait.current();
        insights.track(mine);
        mine.begin(sync, LockProbes.WAIT_SHARED, false, info, System.nanoTime());
        try {
            WaitView view = insights.currentWait(Thread.currentThread());
            assertSame(sync, view.primitive());
            assertEquals("read_lock", view.type());
            assertTrue(view.lock());
            assertSame(info, view.info());
            assertEquals(1, insights.currentWaits().size());
        } finally {
            mine.clear();
        }
        assertNull(insights.currentWait(Thread.currentThread()));

        // Threads that waited once and ended must not be kept alive by the agent.
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            Thread t = new Thread(() -> insights.track(ActiveWait.current()));
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
        threads.clear();
        long deadline = System.currentTimeMillis() + 10_000;
        while (insights.trackedThreads() > 1 && System.currentTimeMillis() < deadline) {
            System.gc();
            Thread.sleep(20);
            insights.expunge();
        }
        assertEquals(1, insights.trackedThreads(), "only this (live) thread is still known");
    }

    @Test
    void classifiesSynchronizersByClass() {
        assertEquals(PrimitiveKind.REENTRANT_LOCK,
                PrimitiveKind.ofSynchronizer("java.util.concurrent.locks.ReentrantLock$NonfairSync"));
        assertEquals(PrimitiveKind.READ_WRITE_LOCK,
                PrimitiveKind.ofSynchronizer("java.util.concurrent.locks.ReentrantReadWriteLock$FairSync"));
        assertEquals(PrimitiveKind.SEMAPHORE, PrimitiveKind.ofSynchronizer("java.util.concurrent.Semaphore$NonfairSync"));
        assertEquals(PrimitiveKind.LATCH, PrimitiveKind.ofSynchronizer("java.util.concurrent.CountDownLatch$Sync"));
        assertEquals(PrimitiveKind.IGNORED, PrimitiveKind.ofSynchronizer("java.util.concurrent.ThreadPoolExecutor$Worker"));
        assertEquals(PrimitiveKind.SYNCHRONIZER, PrimitiveKind.ofSynchronizer("com.example.Mutex$Sync"));
        assertEquals("write_lock", PrimitiveKind.READ_WRITE_LOCK.type(false));
        assertEquals("semaphore", PrimitiveKind.SEMAPHORE.type(true));
    }

    @Test
    void conditionsOfQueuesAndBarriersAreNotUserConditions() {
        assertEquals(PrimitiveKind.QUEUE, PrimitiveRegistry.refine(PrimitiveKind.CONDITION,
                java.util.concurrent.ArrayBlockingQueue.class));
        assertEquals(PrimitiveKind.QUEUE, PrimitiveRegistry.refine(PrimitiveKind.CONDITION,
                java.util.concurrent.LinkedBlockingDeque.class));
        assertEquals(PrimitiveKind.INTERNAL, PrimitiveRegistry.refine(PrimitiveKind.CONDITION,
                java.util.concurrent.CyclicBarrier.class));
        assertEquals(PrimitiveKind.CONDITION, PrimitiveRegistry.refine(PrimitiveKind.CONDITION,
                java.util.concurrent.ThreadPoolExecutor.class));
        assertEquals(PrimitiveKind.QUEUE, PrimitiveRegistry.refine(PrimitiveKind.CONDITION,
                java.lang.ref.ReferenceQueue.class), "the cleaner waiting for work");
        assertEquals(PrimitiveKind.REENTRANT_LOCK, PrimitiveRegistry.refine(PrimitiveKind.REENTRANT_LOCK,
                java.util.concurrent.ArrayBlockingQueue.class), "a queue's lock is a lock");
    }
}
