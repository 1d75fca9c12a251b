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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/** ReentrantLock, Condition, ReentrantReadWriteLock and StampedLock: the probed lock family. */
final class LockChecks {

    private LockChecks() {
    }

    static void register(Checks c) {
        reentrantLock(c);
        condition(c);
        readWriteLock(c);
        stampedLock(c);
    }

    /** Holds {@code lock} on a helper thread until {@code release} counts down. */
    static Checks.Helper holder(ReentrantLock lock, CountDownLatch release) throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        Checks.Helper h = start("holder", () -> {
            lock.lock();
            try {
                held.countDown();
                release.await();
            } finally {
                lock.unlock();
            }
        });
        expect(held.await(PATIENCE_MS, TimeUnit.MILLISECONDS), "holder never got the lock");
        return h;
    }

    private static void reentrantLock(Checks c) {
        c.add("reentrantlock.trylock-free", () -> {
            ReentrantLock lock = new ReentrantLock();
            expect(lock.tryLock(), "tryLock on a free lock failed");
            expect(lock.isLocked() && lock.isHeldByCurrentThread(), "not held after tryLock");
            lock.unlock();
            expect(!lock.isLocked(), "still locked after unlock");
        });
        c.add("reentrantlock.hold-count", () -> {
            ReentrantLock lock = new ReentrantLock();
            lock.lock();
            lock.lock();
            expect(lock.tryLock(), "reentrant tryLock failed");
            expect(lock.tryLock(1, TimeUnit.MILLISECONDS), "reentrant timed tryLock failed");
            expectEquals(4, lock.getHoldCount(), "hold count");
            for (int i = 3; i >= 0; i--) {
                lock.unlock();
                expectEquals(i, lock.getHoldCount(), "hold count after unlock");
            }
            expect(!lock.isLocked(), "locked after the last unlock");
        });
        c.add("reentrantlock.trylock-timeout-expires", () -> {
            ReentrantLock lock = new ReentrantLock();
            CountDownLatch release = new CountDownLatch(1);
            Checks.Helper h = holder(lock, release);
            expect(!lock.tryLock(), "untimed tryLock on a held lock succeeded");
            long t0 = System.nanoTime();
            expect(!lock.tryLock(SHORT_MS, TimeUnit.MILLISECONDS), "timed tryLock on a held lock succeeded");
            expect(since(t0) >= SHORT_MS, "timed tryLock gave up early: " + since(t0) + " ms");
            expect(!lock.isHeldByCurrentThread(), "held after a failed tryLock");
            expect(!lock.hasQueuedThread(Thread.currentThread()), "still queued after the timeout");
            release.countDown();
            h.finish();
        });
        c.add("reentrantlock.trylock-timeout-succeeds", () -> {
            ReentrantLock lock = new ReentrantLock();
            CountDownLatch release = new CountDownLatch(1);
            Checks.Helper h = holder(lock, release);
            AtomicBoolean got = new AtomicBoolean();
            Checks.Helper waiter = start("waiter", () -> {
                got.set(lock.tryLock(PATIENCE_MS, TimeUnit.MILLISECONDS));
                if (got.get()) {
                    lock.unlock();
                }
            });
            eventually(() -> lock.hasQueuedThread(waiter.thread()), "waiter queued");
            release.countDown();
            h.finish();
            waiter.finish();
            expect(got.get(), "timed tryLock did not get the released lock");
        });
        c.add("reentrantlock.lockinterruptibly-interrupted", () -> {
            ReentrantLock lock = new ReentrantLock();
            CountDownLatch release = new CountDownLatch(1);
            Checks.Helper h = holder(lock, release);
            AtomicBoolean interrupted = new AtomicBoolean();
            AtomicBoolean heldAfter = new AtomicBoolean(true);
            Checks.Helper waiter = start("waiter", () -> {
                try {
                    lock.lockInterruptibly();
                    lock.unlock();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    heldAfter.set(lock.isHeldByCurrentThread());
                }
            });
            eventually(() -> lock.hasQueuedThread(waiter.thread()), "waiter queued");
            waiter.thread().interrupt();
            waiter.finish();
            expect(interrupted.get(), "lockInterruptibly was not interrupted");
            expect(!heldAfter.get(), "interrupted waiter holds the lock");
            expect(!lock.hasQueuedThreads(), "queue not empty after the interrupt");
            release.countDown();
            h.finish();
        });
        c.add("reentrantlock.lockinterruptibly-pre-interrupted", () -> {
            ReentrantLock lock = new ReentrantLock();
            Thread.currentThread().interrupt();
            expectThrows(InterruptedException.class, lock::lockInterruptibly, "free lock, interrupted caller");
            expect(!Thread.interrupted(), "interrupt status not cleared");
            expect(!lock.isLocked(), "locked after the exception");
        });
        c.add("reentrantlock.lock-keeps-interrupt", () -> {
            ReentrantLock lock = new ReentrantLock();
            CountDownLatch release = new CountDownLatch(1);
            Checks.Helper h = holder(lock, release);
            AtomicBoolean flag = new AtomicBoolean();
            Checks.Helper waiter = start("waiter", () -> {
                lock.lock();
                try {
                    flag.set(Thread.currentThread().isInterrupted());
                } finally {
                    lock.unlock();
                }
            });
            eventually(() -> lock.hasQueuedThread(waiter.thread()), "waiter queued");
            waiter.thread().interrupt();
            release.countDown();
            h.finish();
            waiter.finish();
            expect(flag.get(), "lock() lost the interrupt it received while queued");
        });
        c.add("reentrantlock.fair-order", () -> {
            ReentrantLock lock = new ReentrantLock(true);
            expect(lock.isFair(), "not fair");
            List<Integer> order = Collections.synchronizedList(new ArrayList<>());
            List<Checks.Helper> waiters = new ArrayList<>();
            lock.lock();
            try {
                for (int i = 0; i < 5; i++) {
                    int id = i;
                    Checks.Helper w = start("fair-" + i, () -> {
                        lock.lock();
                        try {
                            order.add(id);
                        } finally {
                            lock.unlock();
                        }
                    });
                    eventually(() -> lock.hasQueuedThread(w.thread()), "fair-" + id + " queued");
                    waiters.add(w);
                }
                expectEquals(5, lock.getQueueLength(), "queue length");
            } finally {
                lock.unlock();
            }
            for (Checks.Helper w : waiters) {
                w.finish();
            }
            expectEquals(List.of(0, 1, 2, 3, 4), order, "acquisition order of a fair lock");
        });
        c.add("reentrantlock.unlock-by-non-owner", () -> {
            ReentrantLock lock = new ReentrantLock();
            expectThrows(IllegalMonitorStateException.class, lock::unlock, "unlock of a free lock");
            CountDownLatch release = new CountDownLatch(1);
            Checks.Helper h = holder(lock, release);
            expectThrows(IllegalMonitorStateException.class, lock::unlock, "unlock of another thread's lock");
            expect(lock.isLocked() && !lock.isHeldByCurrentThread(), "owner changed by a failed unlock");
            release.countDown();
            h.finish();
        });
        c.add("reentrantlock.mutual-exclusion", () -> {
            ReentrantLock lock = new ReentrantLock();
            int[] counter = {0};
            List<Checks.Helper> hs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                hs.add(start("inc-" + t, () -> {
                    for (int i = 0; i < 20_000; i++) {
                        lock.lock();
                        try {
                            counter[0]++;
                        } finally {
                            lock.unlock();
                        }
                    }
                }));
            }
            for (Checks.Helper h : hs) {
                h.finish();
            }
            expectEquals(80_000, counter[0], "increments under the lock");
        });
    }

    private static void condition(Checks c) {
        c.add("condition.await-reacquires", () -> {
            ReentrantLock lock = new ReentrantLock();
            Condition cond = lock.newCondition();
            AtomicBoolean signalled = new AtomicBoolean();
            AtomicBoolean releasedBySignaller = new AtomicBoolean();
            AtomicInteger holdAfter = new AtomicInteger();
            AtomicBoolean sawRelease = new AtomicBoolean();
            Checks.Helper waiter = start("waiter", () -> {
                lock.lock();
                lock.lock();
                try {
                    while (!signalled.get()) {
                        cond.await();
                    }
                    holdAfter.set(lock.getHoldCount());
                    sawRelease.set(releasedBySignaller.get());
                } finally {
                    lock.unlock();
                    lock.unlock();
                }
            });
            eventually(() -> waiting(lock, cond) == 1, "waiter on the condition");
            lock.lock();
            try {
                signalled.set(true);
                cond.signal();
                eventually(() -> lock.hasQueuedThread(waiter.thread()), "signalled waiter requeued on the lock");
                releasedBySignaller.set(true);
            } finally {
                lock.unlock();
            }
            waiter.finish();
            expectEquals(2, holdAfter.get(), "hold count restored by await");
            expect(sawRelease.get(), "await returned before the signaller released the lock");
        });
        c.add("condition.await-timeout", () -> {
            ReentrantLock lock = new ReentrantLock();
            Condition cond = lock.newCondition();
            lock.lock();
            try {
                long t0 = System.nanoTime();
                long left = cond.awaitNanos(TimeUnit.MILLISECONDS.toNanos(SHORT_MS));
                expect(left <= 0, "awaitNanos returned " + left + " without a signal");
                expect(since(t0) >= SHORT_MS, "awaitNanos gave up early");
                expect(!cond.await(SHORT_MS, TimeUnit.MILLISECONDS), "timed await returned true without a signal");
                expect(!cond.awaitUntil(new java.util.Date(System.currentTimeMillis() + SHORT_MS)),
                        "awaitUntil returned true without a signal");
                expect(lock.isHeldByCurrentThread(), "lock not held after a timed-out await");
            } finally {
                lock.unlock();
            }
        });
        c.add("condition.signal-vs-signalall", () -> {
            ReentrantLock lock = new ReentrantLock();
            Condition cond = lock.newCondition();
            int[] tickets = {0};
            AtomicInteger woken = new AtomicInteger();
            List<Checks.Helper> hs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                hs.add(start("waiter-" + i, () -> {
                    lock.lock();
                    try {
                        while (tickets[0] == 0) {
                            cond.await();
                        }
                        tickets[0]--;
                        woken.incrementAndGet();
                    } finally {
                        lock.unlock();
                    }
                }));
            }
            eventually(() -> waiting(lock, cond) == 3, "three waiters");
            lock.lock();
            try {
                tickets[0] = 1;
                cond.signal();
            } finally {
                lock.unlock();
            }
            eventually(() -> woken.get() == 1, "one woken by signal");
            eventually(() -> waiting(lock, cond) == 2, "two still waiting after signal");
            expectEquals(1, woken.get(), "woken by one signal");
            lock.lock();
            try {
                tickets[0] = 2;
                cond.signalAll();
            } finally {
                lock.unlock();
            }
            for (Checks.Helper h : hs) {
                h.finish();
            }
            expectEquals(3, woken.get(), "woken in all");
        });
        c.add("condition.await-interrupted-holds-lock", () -> {
            ReentrantLock lock = new ReentrantLock();
            Condition cond = lock.newCondition();
            AtomicBoolean interrupted = new AtomicBoolean();
            AtomicBoolean heldInCatch = new AtomicBoolean();
            AtomicBoolean releasedByMain = new AtomicBoolean();
            AtomicBoolean sawRelease = new AtomicBoolean();
            Checks.Helper waiter = start("waiter", () -> {
                lock.lock();
                try {
                    cond.await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                    heldInCatch.set(lock.isHeldByCurrentThread());
                    sawRelease.set(releasedByMain.get());
                } finally {
                    lock.unlock();
                }
            });
            eventually(() -> waiting(lock, cond) == 1, "waiter on the condition");
            lock.lock();
            try {
                waiter.thread().interrupt();
                eventually(() -> lock.hasQueuedThread(waiter.thread()), "interrupted waiter requeued on the lock");
                releasedByMain.set(true);
            } finally {
                lock.unlock();
            }
            waiter.finish();
            expect(interrupted.get(), "await was not interrupted");
            expect(heldInCatch.get(), "lock not held when await threw InterruptedException");
            expect(sawRelease.get(), "await threw before the lock was free again");
        });
        c.add("condition.await-uninterruptibly", () -> {
            ReentrantLock lock = new ReentrantLock();
            Condition cond = lock.newCondition();
            AtomicBoolean flag = new AtomicBoolean();
            Checks.Helper waiter = start("waiter", () -> {
                lock.lock();
                try {
                    cond.awaitUninterruptibly();
                    flag.set(Thread.currentThread().isInterrupted());
                } finally {
                    lock.unlock();
                }
            });
            eventually(() -> waiting(lock, cond) == 1, "waiter on the condition");
            waiter.thread().interrupt();
            lock.lock();
            try {
                expectEquals(1, lock.getWaitQueueLength(cond), "uninterruptible waiter left after the interrupt");
                cond.signal();
            } finally {
                lock.unlock();
            }
            waiter.finish();
            expect(flag.get(), "awaitUninterruptibly lost the interrupt");
        });
        c.add("condition.needs-the-lock", () -> {
            ReentrantLock lock = new ReentrantLock();
            Condition cond = lock.newCondition();
            expectThrows(IllegalMonitorStateException.class, cond::signal, "signal without the lock");
            expectThrows(IllegalMonitorStateException.class, cond::signalAll, "signalAll without the lock");
            expectThrows(IllegalMonitorStateException.class, cond::await, "await without the lock");
        });
    }

    /** Waiters on {@code cond}, read under the lock as the API requires. */
    static int waiting(ReentrantLock lock, Condition cond) {
        lock.lock();
        try {
            return lock.getWaitQueueLength(cond);
        } finally {
            lock.unlock();
        }
    }

    private static void readWriteLock(Checks c) {
        c.add("rwlock.downgrade", () -> {
            ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
            rw.writeLock().lock();
            rw.readLock().lock();
            rw.writeLock().unlock();
            expect(!rw.isWriteLocked(), "still write-locked after the downgrade");
            expectEquals(1, rw.getReadHoldCount(), "read holds after the downgrade");
            AtomicBoolean otherRead = new AtomicBoolean();
            AtomicBoolean otherWrite = new AtomicBoolean(true);
            start("other", () -> {
                otherRead.set(rw.readLock().tryLock());
                if (otherRead.get()) {
                    rw.readLock().unlock();
                }
                otherWrite.set(rw.writeLock().tryLock());
            }).finish();
            expect(otherRead.get(), "another reader was excluded after the downgrade");
            expect(!otherWrite.get(), "a writer got in while a read lock was held");
            rw.readLock().unlock();
            expectEquals(0, rw.getReadLockCount(), "read locks left");
        });
        c.add("rwlock.no-upgrade", () -> {
            ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
            rw.readLock().lock();
            try {
                expect(!rw.writeLock().tryLock(), "read->write upgrade succeeded");
                long t0 = System.nanoTime();
                expect(!rw.writeLock().tryLock(SHORT_MS, TimeUnit.MILLISECONDS), "timed upgrade succeeded");
                expect(since(t0) >= SHORT_MS, "timed upgrade gave up early");
                expect(!rw.isWriteLocked(), "write-locked after a failed upgrade");
            } finally {
                rw.readLock().unlock();
            }
        });
        c.add("rwlock.many-readers", () -> {
            ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
            int readers = 4;
            CyclicBarrier allIn = new CyclicBarrier(readers + 1);
            CountDownLatch leave = new CountDownLatch(1);
            List<Checks.Helper> hs = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                hs.add(start("reader-" + i, () -> {
                    rw.readLock().lock();
                    try {
                        allIn.await(PATIENCE_MS, TimeUnit.MILLISECONDS);
                        leave.await();
                    } finally {
                        rw.readLock().unlock();
                    }
                }));
            }
            allIn.await(PATIENCE_MS, TimeUnit.MILLISECONDS);
            expectEquals(readers, rw.getReadLockCount(), "readers holding at once");
            leave.countDown();
            for (Checks.Helper h : hs) {
                h.finish();
            }
            expectEquals(0, rw.getReadLockCount(), "read locks left");
        });
        c.add("rwlock.writer-excludes-readers", () -> {
            ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
            AtomicBoolean tried = new AtomicBoolean(true);
            AtomicBoolean readerWasAlone = new AtomicBoolean();
            rw.writeLock().lock();
            Checks.Helper reader;
            try {
                start("try-reader", () -> tried.set(rw.readLock().tryLock())).finish();
                reader = start("reader", () -> {
                    rw.readLock().lock();
                    try {
                        readerWasAlone.set(!rw.isWriteLocked());
                    } finally {
                        rw.readLock().unlock();
                    }
                });
                eventually(() -> rw.hasQueuedThread(reader.thread()), "reader queued behind the writer");
            } finally {
                rw.writeLock().unlock();
            }
            reader.finish();
            expect(!tried.get(), "tryLock for read succeeded while write-locked");
            expect(readerWasAlone.get(), "reader ran while write-locked");
        });
        c.add("rwlock.reader-excludes-writer", () -> {
            ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
            AtomicInteger readersSeen = new AtomicInteger(-1);
            rw.readLock().lock();
            Checks.Helper writer;
            try {
                writer = start("writer", () -> {
                    rw.writeLock().lock();
                    try {
                        readersSeen.set(rw.getReadLockCount());
                    } finally {
                        rw.writeLock().unlock();
                    }
                });
                eventually(() -> rw.hasQueuedThread(writer.thread()), "writer queued behind the reader");
            } finally {
                rw.readLock().unlock();
            }
            writer.finish();
            expectEquals(0, readersSeen.get(), "readers while the writer held the lock");
        });
        c.add("rwlock.write-reentrant", () -> {
            ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
            rw.writeLock().lock();
            rw.writeLock().lock();
            expectEquals(2, rw.getWriteHoldCount(), "write holds");
            expect(rw.isWriteLockedByCurrentThread(), "not write-locked by me");
            rw.writeLock().unlock();
            rw.writeLock().unlock();
            expect(!rw.isWriteLocked(), "write-locked after unlocks");
            expectThrows(IllegalMonitorStateException.class, () -> rw.readLock().unlock(), "read unlock without a hold");
            expectThrows(IllegalMonitorStateException.class, () -> rw.writeLock().unlock(), "write unlock without a hold");
        });
        c.add("rwlock.write-condition", () -> {
            ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
            Condition cond = rw.writeLock().newCondition();
            rw.writeLock().lock();
            try {
                expect(!cond.await(SHORT_MS, TimeUnit.MILLISECONDS), "write-lock condition signalled by nobody");
                expect(rw.isWriteLockedByCurrentThread(), "write lock not re-acquired after the await");
            } finally {
                rw.writeLock().unlock();
            }
            expectThrows(UnsupportedOperationException.class, () -> rw.readLock().newCondition(), "read-lock condition");
        });
    }

    private static void stampedLock(Checks c) {
        c.add("stamped.optimistic-read", () -> {
            StampedLock sl = new StampedLock();
            long stamp = sl.tryOptimisticRead();
            expect(stamp != 0, "no optimistic stamp on a free lock");
            expect(sl.validate(stamp), "stamp invalid with no writer");
            start("writer", () -> {
                long w = sl.writeLock();
                sl.unlockWrite(w);
            }).finish();
            expect(!sl.validate(stamp), "stamp still valid after a write");
            long w = sl.writeLock();
            try {
                expectEquals(0L, sl.tryOptimisticRead(), "optimistic stamp while write-locked");
            } finally {
                sl.unlockWrite(w);
            }
        });
        c.add("stamped.convert-to-write", () -> {
            StampedLock sl = new StampedLock();
            long r = sl.readLock();
            long w = sl.tryConvertToWriteLock(r);
            expect(w != 0, "sole reader could not convert to write");
            expect(sl.isWriteLocked() && !sl.isReadLocked(), "not write-locked after the conversion");
            long back = sl.tryConvertToReadLock(w);
            expect(back != 0 && sl.isReadLocked(), "write->read conversion failed");
            CountDownLatch in = new CountDownLatch(1);
            CountDownLatch out = new CountDownLatch(1);
            Checks.Helper other = start("reader", () -> {
                long s = sl.readLock();
                in.countDown();
                out.await();
                sl.unlockRead(s);
            });
            expect(in.await(PATIENCE_MS, TimeUnit.MILLISECONDS), "second reader never got in");
            expectEquals(0L, sl.tryConvertToWriteLock(back), "conversion with two readers");
            out.countDown();
            other.finish();
            sl.unlockRead(back);
            expect(!sl.isReadLocked() && !sl.isWriteLocked(), "held after the unlocks");
        });
        c.add("stamped.write-excludes-read", () -> {
            StampedLock sl = new StampedLock();
            long w = sl.writeLock();
            AtomicBoolean tried = new AtomicBoolean(true);
            AtomicBoolean readerWasAlone = new AtomicBoolean();
            Checks.Helper reader;
            try {
                start("try-reader", () -> tried.set(sl.tryReadLock() != 0)).finish();
                reader = start("reader", () -> {
                    long r = sl.readLock();
                    readerWasAlone.set(!sl.isWriteLocked());
                    sl.unlockRead(r);
                });
                awaitBlocked(reader.thread());
            } finally {
                sl.unlockWrite(w);
            }
            reader.finish();
            expect(!tried.get(), "tryReadLock succeeded while write-locked");
            expect(readerWasAlone.get(), "reader ran while write-locked");
            long t0 = System.nanoTime();
            long r = sl.readLock();
            try {
                expectEquals(0L, sl.tryWriteLock(), "tryWriteLock while read-locked");
                long[] got = {1};
                start("timed-writer", () -> got[0] = sl.tryWriteLock(SHORT_MS, TimeUnit.MILLISECONDS)).finish();
                expectEquals(0L, got[0], "timed tryWriteLock while read-locked");
                expect(since(t0) >= SHORT_MS, "timed tryWriteLock gave up early");
            } finally {
                sl.unlockRead(r);
            }
        });
        c.add("stamped.read-interruptibly", () -> {
            StampedLock sl = new StampedLock();
            long w = sl.writeLock();
            AtomicBoolean interrupted = new AtomicBoolean();
            Checks.Helper reader = start("reader", () -> {
                try {
                    sl.unlockRead(sl.readLockInterruptibly());
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            });
            awaitBlocked(reader.thread());
            reader.thread().interrupt();
            reader.finish();
            sl.unlockWrite(w);
            expect(interrupted.get(), "readLockInterruptibly was not interrupted");
            expect(!sl.isReadLocked() && !sl.isWriteLocked(), "held after the interrupt");
            expectThrows(IllegalMonitorStateException.class, () -> sl.unlockWrite(w), "unlockWrite of a stale stamp");
        });
    }
}
