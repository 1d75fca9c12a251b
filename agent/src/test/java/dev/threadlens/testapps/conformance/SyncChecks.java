package dev.threadlens.testapps.conformance;

import static dev.threadlens.testapps.conformance.Checks.PATIENCE_MS;
import static dev.threadlens.testapps.conformance.Checks.SHORT_MS;
import static dev.threadlens.testapps.conformance.Checks.awaitBlocked;
import static dev.threadlens.testapps.conformance.Checks.eventually;
import static dev.threadlens.testapps.conformance.Checks.expect;
import static dev.threadlens.testapps.conformance.Checks.expectEquals;
import static dev.threadlens.testapps.conformance.Checks.expectThrows;
import static dev.threadlens.testapps.conformance.Checks.since;
import static dev.threadlens.testapps.conformance.Checks.start;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Exchanger;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** Semaphore, latch, barrier, phaser, exchanger, Thread.join/sleep and monitors. */
final class SyncChecks {

    private SyncChecks() {
    }

    static void register(Checks c) {
        semaphore(c);
        latch(c);
        barrier(c);
        phaser(c);
        exchanger(c);
        thread(c);
        monitor(c);
    }

    private static void semaphore(Checks c) {
        c.add("semaphore.permits", () -> {
            Semaphore s = new Semaphore(3);
            s.acquire(2);
            expectEquals(1, s.availablePermits(), "after acquire(2)");
            expect(!s.tryAcquire(2), "tryAcquire(2) with one permit");
            expect(s.tryAcquire(), "tryAcquire() with one permit");
            expectEquals(0, s.availablePermits(), "after tryAcquire");
            s.release(3);
            expectEquals(3, s.availablePermits(), "after release(3)");
            expectEquals(3, s.drainPermits(), "drained");
            expectEquals(0, s.availablePermits(), "after drain");
        });
        c.add("semaphore.release-more-than-acquired", () -> {
            Semaphore s = new Semaphore(1);
            s.release(2);
            expectEquals(3, s.availablePermits(), "release beyond the initial permits");
            Semaphore negative = new Semaphore(-1);
            expect(!negative.tryAcquire(), "acquired from a negative semaphore");
            negative.release(2);
            expectEquals(1, negative.availablePermits(), "negative semaphore after release(2)");
        });
        c.add("semaphore.tryacquire-timeout", () -> {
            Semaphore s = new Semaphore(0);
            long t0 = System.nanoTime();
            expect(!s.tryAcquire(SHORT_MS, TimeUnit.MILLISECONDS), "timed tryAcquire on an empty semaphore");
            expect(since(t0) >= SHORT_MS, "timed tryAcquire gave up early");
            expect(!s.hasQueuedThreads(), "queued after the timeout");
            expectEquals(0, s.availablePermits(), "permits after the timeout");
        });
        c.add("semaphore.tryacquire-timeout-succeeds", () -> {
            Semaphore s = new Semaphore(0);
            AtomicBoolean got = new AtomicBoolean();
            Checks.Helper w = start("waiter", () -> got.set(s.tryAcquire(2, PATIENCE_MS, TimeUnit.MILLISECONDS)));
            eventually(s::hasQueuedThreads, "waiter queued");
            s.release();
            expectEquals(1, s.availablePermits(), "one permit is not enough for acquire(2)");
            s.release();
            w.finish();
            expect(got.get(), "timed tryAcquire(2) did not get two released permits");
            expectEquals(0, s.availablePermits(), "permits left");
        });
        c.add("semaphore.acquire-interrupted", () -> {
            Semaphore s = new Semaphore(0);
            AtomicBoolean interrupted = new AtomicBoolean();
            Checks.Helper w = start("waiter", () -> {
                try {
                    s.acquire();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            });
            eventually(s::hasQueuedThreads, "waiter queued");
            w.thread().interrupt();
            w.finish();
            expect(interrupted.get(), "acquire was not interrupted");
            expectEquals(0, s.availablePermits(), "permits after the interrupt");
            expect(!s.hasQueuedThreads(), "still queued");
        });
        c.add("semaphore.acquire-uninterruptibly", () -> {
            Semaphore s = new Semaphore(0);
            AtomicBoolean flag = new AtomicBoolean();
            Checks.Helper w = start("waiter", () -> {
                s.acquireUninterruptibly();
                flag.set(Thread.currentThread().isInterrupted());
            });
            eventually(s::hasQueuedThreads, "waiter queued");
            w.thread().interrupt();
            expectEquals(1, s.getQueueLength(), "queue after interrupting an uninterruptible acquire");
            s.release();
            w.finish();
            expect(flag.get(), "acquireUninterruptibly lost the interrupt");
        });
        c.add("semaphore.fair-order", () -> {
            Semaphore s = new Semaphore(0, true);
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            List<Checks.Helper> hs = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                int id = i;
                Checks.Helper w = start("fair-" + i, () -> {
                    s.acquire();
                    order.add(id);
                });
                eventually(() -> s.getQueueLength() == id + 1, "fair-" + id + " queued");
                hs.add(w);
            }
            for (int i = 1; i <= 5; i++) {
                s.release();
                int n = i;
                eventually(() -> order.size() == n, n + " acquired");
            }
            for (Checks.Helper h : hs) {
                h.finish();
            }
            expectEquals(List.of(0, 1, 2, 3, 4), order, "acquisition order of a fair semaphore");
        });
    }

    private static void latch(Checks c) {
        c.add("latch.await-timeout", () -> {
            CountDownLatch l = new CountDownLatch(1);
            long t0 = System.nanoTime();
            expect(!l.await(SHORT_MS, TimeUnit.MILLISECONDS), "await on an open count returned true");
            expect(since(t0) >= SHORT_MS, "timed await gave up early");
            expectEquals(1L, l.getCount(), "count");
        });
        c.add("latch.releases-all", () -> {
            CountDownLatch l = new CountDownLatch(3);
            AtomicInteger through = new AtomicInteger();
            List<Checks.Helper> hs = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                hs.add(start("waiter-" + i, () -> {
                    l.await();
                    through.incrementAndGet();
                }));
            }
            for (Checks.Helper h : hs) {
                awaitBlocked(h.thread());
            }
            l.countDown();
            l.countDown();
            expectEquals(0, through.get(), "through before the count reached zero");
            l.countDown();
            for (Checks.Helper h : hs) {
                h.finish();
            }
            expectEquals(4, through.get(), "released waiters");
            expect(l.await(0, TimeUnit.MILLISECONDS), "await on an open latch returned false");
        });
        c.add("latch.count-never-negative", () -> {
            CountDownLatch l = new CountDownLatch(1);
            l.countDown();
            l.countDown();
            l.countDown();
            expectEquals(0L, l.getCount(), "count after extra countDowns");
            CountDownLatch zero = new CountDownLatch(0);
            zero.await();
            expectThrows(IllegalArgumentException.class, () -> new CountDownLatch(-1), "negative count");
        });
        c.add("latch.await-interrupted", () -> {
            CountDownLatch l = new CountDownLatch(1);
            AtomicBoolean interrupted = new AtomicBoolean();
            Checks.Helper w = start("waiter", () -> {
                try {
                    l.await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            });
            awaitBlocked(w.thread());
            w.thread().interrupt();
            w.finish();
            expect(interrupted.get(), "await was not interrupted");
            expectEquals(1L, l.getCount(), "count after the interrupt");
        });
    }

    private static void barrier(Checks c) {
        c.add("barrier.action-once-per-trip", () -> {
            AtomicInteger trips = new AtomicInteger();
            CyclicBarrier b = new CyclicBarrier(3, trips::incrementAndGet);
            List<Checks.Helper> hs = new ArrayList<>();
            List<Integer> arrivals = Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 3; i++) {
                hs.add(start("party-" + i, () -> {
                    for (int round = 0; round < 4; round++) {
                        arrivals.add(b.await(PATIENCE_MS, TimeUnit.MILLISECONDS));
                    }
                }));
            }
            for (Checks.Helper h : hs) {
                h.finish();
            }
            expectEquals(4, trips.get(), "barrier action runs");
            expectEquals(0, b.getNumberWaiting(), "waiting after the trips");
            expect(!b.isBroken(), "broken after clean trips");
            expectEquals(12, arrivals.size(), "arrivals");
            expectEquals(4, Collections.frequency(arrivals, 0), "last arrivals (index 0) per trip");
        });
        c.add("barrier.broken-on-interrupt", () -> {
            CyclicBarrier b = new CyclicBarrier(3);
            AtomicReference<Throwable> first = new AtomicReference<>();
            AtomicReference<Throwable> second = new AtomicReference<>();
            Checks.Helper t1 = start("party-1", () -> {
                try {
                    b.await();
                } catch (Exception e) {
                    first.set(e);
                }
            });
            eventually(() -> b.getNumberWaiting() == 1, "first party waiting");
            Checks.Helper t2 = start("party-2", () -> {
                try {
                    b.await();
                } catch (Exception e) {
                    second.set(e);
                }
            });
            eventually(() -> b.getNumberWaiting() == 2, "second party waiting");
            t1.thread().interrupt();
            t1.finish();
            t2.finish();
            expect(first.get() instanceof InterruptedException, "interrupted party got " + first.get());
            expect(second.get() instanceof BrokenBarrierException, "other party got " + second.get());
            expect(b.isBroken(), "barrier not broken");
            expectThrows(BrokenBarrierException.class, b::await, "await on a broken barrier");
        });
        c.add("barrier.broken-on-timeout", () -> {
            CyclicBarrier b = new CyclicBarrier(2);
            long t0 = System.nanoTime();
            expectThrows(TimeoutException.class, () -> b.await(SHORT_MS, TimeUnit.MILLISECONDS), "lone party");
            expect(since(t0) >= SHORT_MS, "barrier timed out early");
            expect(b.isBroken(), "not broken after a timeout");
            expectThrows(BrokenBarrierException.class, () -> b.await(PATIENCE_MS, TimeUnit.MILLISECONDS),
                    "await after the timeout");
        });
        c.add("barrier.reset", () -> {
            CyclicBarrier b = new CyclicBarrier(2);
            AtomicReference<Throwable> waiterGot = new AtomicReference<>();
            Checks.Helper w = start("party", () -> {
                try {
                    b.await();
                } catch (Exception e) {
                    waiterGot.set(e);
                }
            });
            eventually(() -> b.getNumberWaiting() == 1, "party waiting");
            b.reset();
            w.finish();
            expect(waiterGot.get() instanceof BrokenBarrierException, "waiter at reset got " + waiterGot.get());
            expect(!b.isBroken(), "broken after reset");
            Checks.Helper other = start("party-again", () -> b.await(PATIENCE_MS, TimeUnit.MILLISECONDS));
            b.await(PATIENCE_MS, TimeUnit.MILLISECONDS);
            other.finish();
            expect(!b.isBroken(), "broken after a trip following reset");
        });
    }

    private static void phaser(Checks c) {
        c.add("phaser.arrive-and-await", () -> {
            Phaser p = new Phaser(1);
            List<Checks.Helper> hs = new ArrayList<>();
            for (int i = 0; i < 2; i++) {
                p.register();
                hs.add(start("party-" + i, () -> {
                    for (int phase = 0; phase < 3; phase++) {
                        int reached = p.arriveAndAwaitAdvance();
                        if (reached != phase + 1) {
                            throw new Checks.Failed("arriveAndAwaitAdvance returned " + reached + " in phase " + phase);
                        }
                    }
                    p.arriveAndDeregister();
                }));
            }
            expectEquals(3, p.getRegisteredParties(), "registered");
            for (int phase = 0; phase < 3; phase++) {
                expectEquals(phase + 1, p.arriveAndAwaitAdvance(), "main's advance");
            }
            for (Checks.Helper h : hs) {
                h.finish();
            }
            expectEquals(3, p.getPhase(), "phase after three rounds");
            expectEquals(1, p.getRegisteredParties(), "parties after deregistration");
        });
        c.add("phaser.await-advance", () -> {
            Phaser p = new Phaser(2);
            int phase = p.arrive();
            expectEquals(0, phase, "arrive's phase");
            long t0 = System.nanoTime();
            expectThrows(TimeoutException.class,
                    () -> p.awaitAdvanceInterruptibly(phase, SHORT_MS, TimeUnit.MILLISECONDS), "advance with one arrival");
            expect(since(t0) >= SHORT_MS, "awaitAdvance timed out early");
            AtomicInteger seen = new AtomicInteger(-1);
            Checks.Helper w = start("waiter", () -> seen.set(p.awaitAdvance(phase)));
            awaitBlocked(w.thread());
            p.arrive();
            w.finish();
            expectEquals(1, seen.get(), "awaitAdvance's phase");
            expectEquals(1, p.awaitAdvance(0), "awaitAdvance on a past phase");
            AtomicBoolean interrupted = new AtomicBoolean();
            Checks.Helper iw = start("interrupted-waiter", () -> {
                try {
                    p.awaitAdvanceInterruptibly(1);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            });
            awaitBlocked(iw.thread());
            iw.thread().interrupt();
            iw.finish();
            expect(interrupted.get(), "awaitAdvanceInterruptibly was not interrupted");
        });
        c.add("phaser.termination", () -> {
            Phaser p = new Phaser(1) {
                @Override
                protected boolean onAdvance(int phase, int registeredParties) {
                    return phase >= 1;
                }
            };
            expectEquals(0, p.arrive(), "first arrival's phase");
            expect(!p.isTerminated(), "terminated after phase 0");
            expectEquals(1, p.arrive(), "second arrival's phase");
            expect(p.isTerminated(), "not terminated when onAdvance said so");
            expect(p.getPhase() < 0, "phase of a terminated phaser: " + p.getPhase());
            expect(p.arrive() < 0, "arrive on a terminated phaser");
            expect(p.awaitAdvance(1) < 0, "awaitAdvance on a terminated phaser");
            Phaser q = new Phaser(2);
            Checks.Helper w = start("leaver", q::arriveAndDeregister);
            w.finish();
            expect(!q.isTerminated(), "terminated with one party left");
            q.arriveAndDeregister();
            expect(q.isTerminated(), "not terminated when the last party left");
        });
    }

    private static void exchanger(Checks c) {
        c.add("exchanger.exchange", () -> {
            Exchanger<String> x = new Exchanger<>();
            AtomicReference<String> got = new AtomicReference<>();
            Checks.Helper other = start("other", () -> got.set(x.exchange("from-other", PATIENCE_MS, TimeUnit.MILLISECONDS)));
            String mine = x.exchange("from-main", PATIENCE_MS, TimeUnit.MILLISECONDS);
            other.finish();
            expectEquals("from-other", mine, "main received");
            expectEquals("from-main", got.get(), "other received");
        });
        c.add("exchanger.timeout", () -> {
            Exchanger<String> x = new Exchanger<>();
            long t0 = System.nanoTime();
            expectThrows(TimeoutException.class, () -> x.exchange("alone", SHORT_MS, TimeUnit.MILLISECONDS), "lone exchange");
            expect(since(t0) >= SHORT_MS, "exchange timed out early");
        });
        c.add("exchanger.interrupted", () -> {
            Exchanger<String> x = new Exchanger<>();
            AtomicBoolean interrupted = new AtomicBoolean();
            Checks.Helper w = start("waiter", () -> {
                try {
                    x.exchange("alone");
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            });
            awaitBlocked(w.thread());
            w.thread().interrupt();
            w.finish();
            expect(interrupted.get(), "exchange was not interrupted");
        });
    }

    private static void thread(Checks c) {
        c.add("thread.join-timeout", () -> {
            CountDownLatch release = new CountDownLatch(1);
            Checks.Helper w = start("sleeper", release::await);
            long t0 = System.nanoTime();
            w.thread().join(SHORT_MS);
            expect(since(t0) >= SHORT_MS, "join(ms) returned early");
            expect(w.thread().isAlive(), "thread ended by itself");
            release.countDown();
            w.thread().join();
            expect(!w.thread().isAlive(), "alive after join()");
            expectEquals(Thread.State.TERMINATED, w.thread().getState(), "state after join");
            w.finish();
        });
        c.add("thread.join-interrupted", () -> {
            CountDownLatch release = new CountDownLatch(1);
            Checks.Helper target = start("target", release::await);
            AtomicBoolean interrupted = new AtomicBoolean();
            Checks.Helper joiner = start("joiner", () -> {
                try {
                    target.thread().join();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            });
            awaitBlocked(joiner.thread());
            joiner.thread().interrupt();
            joiner.finish();
            expect(interrupted.get(), "join was not interrupted");
            expect(target.thread().isAlive(), "target ended");
            release.countDown();
            target.finish();
        });
        c.add("thread.sleep-interrupted", () -> {
            AtomicBoolean interrupted = new AtomicBoolean();
            AtomicBoolean flagAfter = new AtomicBoolean(true);
            Checks.Helper w = start("sleeper", () -> {
                try {
                    Thread.sleep(PATIENCE_MS * 4);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    flagAfter.set(Thread.currentThread().isInterrupted());
                }
            });
            eventually(() -> w.thread().getState() == Thread.State.TIMED_WAITING, "sleeping");
            w.thread().interrupt();
            w.finish();
            expect(interrupted.get(), "sleep was not interrupted");
            expect(!flagAfter.get(), "interrupt status set after InterruptedException");
            Thread.currentThread().interrupt();
            expectThrows(InterruptedException.class, () -> Thread.sleep(PATIENCE_MS), "sleep with a pending interrupt");
            long t0 = System.nanoTime();
            Thread.sleep(SHORT_MS);
            expect(since(t0) >= SHORT_MS, "sleep returned early");
        });
        c.add("thread.uncaught-handler", () -> {
            AtomicReference<Throwable> caught = new AtomicReference<>();
            Thread t = new Thread(() -> {
                throw new IllegalStateException("conformance");
            }, "dies");
            t.setUncaughtExceptionHandler((th, e) -> caught.set(e));
            t.start();
            t.join(PATIENCE_MS);
            expect(!t.isAlive(), "thread did not end");
            expect(caught.get() instanceof IllegalStateException, "handler got " + caught.get());
        });
    }

    private static void monitor(Checks c) {
        c.add("monitor.wait-notify", () -> {
            Object o = new Object();
            boolean[] flag = {false};
            AtomicBoolean heldAfter = new AtomicBoolean();
            Checks.Helper w = start("waiter", () -> {
                synchronized (o) {
                    while (!flag[0]) {
                        o.wait();
                    }
                    heldAfter.set(Thread.holdsLock(o));
                }
            });
            eventually(() -> w.thread().getState() == Thread.State.WAITING, "waiting on the monitor");
            synchronized (o) {
                flag[0] = true;
                o.notify();
            }
            w.finish();
            expect(heldAfter.get(), "monitor not held after wait returned");
        });
        c.add("monitor.wait-timeout", () -> {
            Object o = new Object();
            synchronized (o) {
                o.wait(SHORT_MS); // may wake spuriously, so no lower bound on the time
                expect(Thread.holdsLock(o), "monitor not held after a timed wait");
            }
        });
        c.add("monitor.wait-interrupted", () -> {
            Object o = new Object();
            AtomicBoolean interrupted = new AtomicBoolean();
            AtomicBoolean heldInCatch = new AtomicBoolean();
            Checks.Helper w = start("waiter", () -> {
                synchronized (o) {
                    try {
                        o.wait();
                    } catch (InterruptedException e) {
                        interrupted.set(true);
                        heldInCatch.set(Thread.holdsLock(o));
                    }
                }
            });
            eventually(() -> w.thread().getState() == Thread.State.WAITING, "waiting on the monitor");
            w.thread().interrupt();
            w.finish();
            expect(interrupted.get(), "wait was not interrupted");
            expect(heldInCatch.get(), "monitor not held when wait threw");
        });
        c.add("monitor.notify-vs-notifyall", () -> {
            Object o = new Object();
            int[] tickets = {0};
            AtomicInteger woken = new AtomicInteger();
            List<Checks.Helper> hs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                hs.add(start("waiter-" + i, () -> {
                    synchronized (o) {
                        while (tickets[0] == 0) {
                            o.wait();
                        }
                        tickets[0]--;
                        woken.incrementAndGet();
                    }
                }));
            }
            for (Checks.Helper h : hs) {
                eventually(() -> h.thread().getState() == Thread.State.WAITING, "waiting");
            }
            synchronized (o) {
                tickets[0] = 1;
                o.notify();
            }
            eventually(() -> woken.get() == 1, "one woken by notify");
            synchronized (o) {
                tickets[0] = 2;
                o.notifyAll();
            }
            for (Checks.Helper h : hs) {
                h.finish();
            }
            expectEquals(3, woken.get(), "woken in all");
        });
        c.add("monitor.needs-the-monitor", () -> {
            Object o = new Object();
            expectThrows(IllegalMonitorStateException.class, o::wait, "wait without the monitor");
            expectThrows(IllegalMonitorStateException.class, o::notify, "notify without the monitor");
            expectThrows(IllegalMonitorStateException.class, o::notifyAll, "notifyAll without the monitor");
        });
        c.add("monitor.mutual-exclusion", () -> {
            Object o = new Object();
            int[] counter = {0};
            List<Checks.Helper> hs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                hs.add(start("inc-" + t, () -> {
                    for (int i = 0; i < 20_000; i++) {
                        synchronized (o) {
                            counter[0]++;
                        }
                    }
                }));
            }
            for (Checks.Helper h : hs) {
                h.finish();
            }
            expectEquals(80_000, counter[0], "increments under the monitor");
        });
    }
}
