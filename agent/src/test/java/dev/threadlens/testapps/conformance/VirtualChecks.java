package dev.threadlens.testapps.conformance;

import static dev.threadlens.testapps.conformance.Checks.PATIENCE_MS;
import static dev.threadlens.testapps.conformance.Checks.SHORT_MS;
import static dev.threadlens.testapps.conformance.Checks.awaitBlocked;
import static dev.threadlens.testapps.conformance.Checks.eventually;
import static dev.threadlens.testapps.conformance.Checks.expect;
import static dev.threadlens.testapps.conformance.Checks.expectEquals;
import static dev.threadlens.testapps.conformance.Checks.since;
import static dev.threadlens.testapps.conformance.Checks.startVirtual;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** The same primitives used from virtual threads (JDK 21+); registered only where they exist. */
final class VirtualChecks {

    private VirtualChecks() {
    }

    static void register(Checks c) {
        if (!Virtual.available()) {
            return;
        }
        c.add("virtual.reentrantlock-contention", () -> {
            ReentrantLock lock = new ReentrantLock();
            int[] counter = {0};
            List<Checks.Helper> hs = new ArrayList<>();
            for (int t = 0; t < 50; t++) {
                hs.add(startVirtual("vinc-" + t, () -> {
                    for (int i = 0; i < 500; i++) {
                        lock.lock();
                        try {
                            counter[0]++;
                            if (i % 100 == 0) {
                                Thread.yield();
                            }
                        } finally {
                            lock.unlock();
                        }
                    }
                }));
            }
            for (Checks.Helper h : hs) {
                h.finish();
            }
            expectEquals(25_000, counter[0], "increments under the lock from virtual threads");
            expect(Virtual.isVirtual(hs.get(0).thread()), "helper was not virtual");
        });
        c.add("virtual.lockinterruptibly-and-trylock", () -> {
            ReentrantLock lock = new ReentrantLock();
            lock.lock();
            AtomicBoolean interrupted = new AtomicBoolean();
            AtomicBoolean timedOut = new AtomicBoolean();
            Checks.Helper v;
            try {
                v = startVirtual("vwaiter", () -> {
                    timedOut.set(!lock.tryLock(SHORT_MS, TimeUnit.MILLISECONDS));
                    try {
                        lock.lockInterruptibly();
                        lock.unlock();
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                    }
                });
                eventually(() -> timedOut.get() && lock.hasQueuedThread(v.thread()), "virtual waiter queued");
                v.thread().interrupt();
                v.finish();
            } finally {
                lock.unlock();
            }
            expect(timedOut.get(), "timed tryLock from a virtual thread succeeded on a held lock");
            expect(interrupted.get(), "lockInterruptibly from a virtual thread was not interrupted");
        });
        c.add("virtual.condition-await-signal", () -> {
            ReentrantLock lock = new ReentrantLock();
            Condition ready = lock.newCondition();
            int[] items = {0};
            AtomicInteger consumed = new AtomicInteger();
            List<Checks.Helper> consumers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                consumers.add(startVirtual("vconsumer-" + i, () -> {
                    for (int k = 0; k < 10; k++) {
                        lock.lock();
                        try {
                            while (items[0] == 0) {
                                ready.await();
                            }
                            items[0]--;
                            consumed.incrementAndGet();
                            if (!lock.isHeldByCurrentThread()) {
                                throw new Checks.Failed("await returned without the lock");
                            }
                        } finally {
                            lock.unlock();
                        }
                    }
                }));
            }
            Checks.Helper producer = startVirtual("vproducer", () -> {
                for (int k = 0; k < 100; k++) {
                    lock.lock();
                    try {
                        items[0]++;
                        ready.signal();
                    } finally {
                        lock.unlock();
                    }
                }
            });
            producer.finish();
            for (Checks.Helper h : consumers) {
                h.finish();
            }
            expectEquals(100, consumed.get(), "consumed");
        });
        c.add("virtual.semaphore-bounds-concurrency", () -> {
            Semaphore s = new Semaphore(3);
            AtomicInteger inside = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();
            List<Checks.Helper> hs = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                hs.add(startVirtual("vsem-" + i, () -> {
                    s.acquire();
                    try {
                        most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                        Thread.sleep(2);
                        inside.decrementAndGet();
                    } finally {
                        s.release();
                    }
                }));
            }
            for (Checks.Helper h : hs) {
                h.finish();
            }
            expect(most.get() <= 3 && most.get() >= 1, "most inside at once: " + most.get());
            expectEquals(3, s.availablePermits(), "permits after all left");
        });
        c.add("virtual.sleep-join-interrupt", () -> {
            Checks.Helper sleeper = startVirtual("vsleeper", () -> {
                try {
                    Thread.sleep(PATIENCE_MS * 4);
                    throw new Checks.Failed("sleep was not interrupted");
                } catch (InterruptedException expected) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new Checks.Failed("interrupt status set after InterruptedException");
                    }
                }
            });
            awaitBlocked(sleeper.thread());
            long t0 = System.nanoTime();
            sleeper.thread().join(SHORT_MS);
            expect(since(t0) >= SHORT_MS, "join(ms) on a virtual thread returned early");
            expect(sleeper.thread().isAlive(), "sleeper ended by itself");
            sleeper.thread().interrupt();
            sleeper.finish();
        });
        c.add("virtual.per-task-executor", () -> {
            ExecutorService pool = Virtual.perTaskExecutor();
            List<Future<Integer>> fs = new ArrayList<>();
            for (int i = 1; i <= 200; i++) {
                int n = i;
                fs.add(pool.submit(() -> {
                    Thread.sleep(1);
                    return Virtual.isVirtual(Thread.currentThread()) ? n : -100_000;
                }));
            }
            int sum = 0;
            for (Future<Integer> f : fs) {
                sum += f.get(PATIENCE_MS, TimeUnit.MILLISECONDS);
            }
            expectEquals(200 * 201 / 2, sum, "sum of virtual-thread task results");
            pool.shutdown();
            expect(pool.awaitTermination(PATIENCE_MS, TimeUnit.MILLISECONDS), "did not terminate");
            expect(pool.isTerminated(), "not terminated");
        });
    }
}
