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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/** The less travelled methods the agent weaves: worker exit, task removal, waits interrupted mid-get. */
final class MoreChecks {

    private MoreChecks() {
    }

    static void register(Checks c) {
        c.add("executor.remove-queued", () -> {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
            CountDownLatch gate = new CountDownLatch(1);
            pool.execute(() -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            AtomicBoolean ran = new AtomicBoolean();
            Runnable queued = () -> ran.set(true);
            pool.execute(queued);
            expect(pool.remove(queued), "remove of a queued task returned false");
            expect(!pool.remove(queued), "second remove returned true");
            expect(!pool.remove(() -> { }), "remove of an unknown task returned true");
            gate.countDown();
            pool.shutdown();
            expect(pool.awaitTermination(PATIENCE_MS, TimeUnit.MILLISECONDS), "did not terminate");
            expect(!ran.get(), "removed task ran");
            expectEquals(1L, pool.getCompletedTaskCount(), "completed");
        });
        c.add("executor.idle-workers-time-out", () -> {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 10, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
            pool.allowCoreThreadTimeOut(true);
            CountDownLatch both = new CountDownLatch(2);
            for (int i = 0; i < 2; i++) {
                pool.execute(both::countDown);
            }
            expect(both.await(PATIENCE_MS, TimeUnit.MILLISECONDS), "tasks did not run");
            eventually(() -> pool.getPoolSize() == 0, "idle workers timed out");
            Future<String> f = pool.submit(() -> "after");
            expectEquals("after", f.get(PATIENCE_MS, TimeUnit.MILLISECONDS), "task after the workers left");
            pool.shutdown();
            expect(pool.awaitTermination(PATIENCE_MS, TimeUnit.MILLISECONDS), "did not terminate");
            expectEquals(3L, pool.getCompletedTaskCount(), "completed");
        });
        c.add("scheduled.shutdown-now-returns-delayed", () -> {
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
            ScheduledFuture<?> a = pool.schedule(() -> { }, PATIENCE_MS * 10, TimeUnit.MILLISECONDS);
            ScheduledFuture<?> b = pool.scheduleAtFixedRate(() -> { }, PATIENCE_MS * 10, 1000, TimeUnit.MILLISECONDS);
            List<Runnable> returned = pool.shutdownNow();
            expectEquals(2, returned.size(), "delayed tasks returned by shutdownNow");
            expect(returned.contains(a) && returned.contains(b), "returned " + returned);
            expect(pool.awaitTermination(PATIENCE_MS, TimeUnit.MILLISECONDS), "did not terminate");
            expect(!a.isDone(), "a returned task was completed");
        });
        c.add("scheduled.periodic-stops-at-shutdown", () -> {
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
            CountDownLatch twice = new CountDownLatch(2);
            ScheduledFuture<?> f = pool.scheduleWithFixedDelay(twice::countDown, 0, 1, TimeUnit.MILLISECONDS);
            expect(twice.await(PATIENCE_MS, TimeUnit.MILLISECONDS), "periodic task did not run twice");
            pool.shutdown();
            expect(pool.awaitTermination(PATIENCE_MS, TimeUnit.MILLISECONDS), "periodic task kept the pool alive");
            expect(f.isCancelled(), "periodic task not cancelled by shutdown");
        });
        c.add("future.get-interrupted", () -> {
            FutureTask<String> never = new FutureTask<>(() -> "never run");
            CompletableFuture<String> incomplete = new CompletableFuture<>();
            AtomicInteger interrupted = new AtomicInteger();
            Checks.Helper w = start("getter", () -> {
                try {
                    never.get();
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                }
                Thread.currentThread().interrupt();
                try {
                    incomplete.get(PATIENCE_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                }
            });
            awaitBlocked(w.thread());
            w.thread().interrupt();
            w.finish();
            expectEquals(2, interrupted.get(), "interrupted gets");
            never.run();
            expectEquals("never run", never.get(0, TimeUnit.MILLISECONDS), "FutureTask after the interrupted get");
            AtomicBoolean flag = new AtomicBoolean();
            Checks.Helper joiner = start("joiner", () -> {
                incomplete.join();
                flag.set(Thread.currentThread().isInterrupted());
            });
            awaitBlocked(joiner.thread());
            joiner.thread().interrupt();
            expect(joiner.thread().isAlive(), "join is not interruptible");
            incomplete.complete("done");
            joiner.finish();
            expect(flag.get(), "join lost the interrupt");
        });
        c.add("forkjoin.exceptions-and-actions", () -> {
            ForkJoinPool pool = new ForkJoinPool(2);
            ForkJoinTask<Integer> failing = ForkJoinTask.adapt(() -> {
                throw new IllegalStateException("fj failed");
            });
            expectThrows(IllegalStateException.class, () -> pool.invoke(failing), "invoke of a failing task");
            ExecutionException e = expectThrows(ExecutionException.class, failing::get, "get of a failing task");
            expect(e.getCause() instanceof IllegalStateException, "cause " + e.getCause());
            long[] cells = new long[4096];
            pool.invoke(new Fill(cells, 0, cells.length));
            long sum = 0;
            for (long v : cells) {
                sum += v;
            }
            expectEquals(4096L * 4095L / 2, sum, "RecursiveAction fill");
            ForkJoinTask<?> blocked = pool.submit(() -> {
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                }
            });
            long t0 = System.nanoTime();
            expectThrows(TimeoutException.class, () -> blocked.get(SHORT_MS, TimeUnit.MILLISECONDS), "timed get");
            expect(since(t0) >= SHORT_MS, "timed get gave up early");
            pool.shutdownNow();
            expectThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }), "execute after shutdown");
            expect(pool.awaitTermination(PATIENCE_MS, TimeUnit.MILLISECONDS), "did not terminate");
        });
        c.add("thread.sleep-and-join-variants", () -> {
            long t0 = System.nanoTime();
            Thread.sleep(SHORT_MS, 500_000);
            expect(since(t0) >= SHORT_MS, "sleep(ms, ns) returned early");
            CountDownLatch release = new CountDownLatch(1);
            Checks.Helper w = start("target", release::await);
            t0 = System.nanoTime();
            w.thread().join(SHORT_MS, 500_000);
            expect(since(t0) >= SHORT_MS, "join(ms, ns) returned early");
            if (Runtime.version().feature() >= 19) {
                t0 = System.nanoTime();
                Thread.class.getMethod("sleep", Duration.class).invoke(null, Duration.ofMillis(SHORT_MS));
                expect(since(t0) >= SHORT_MS, "sleep(Duration) returned early");
                Object joined = Thread.class.getMethod("join", Duration.class).invoke(w.thread(), Duration.ofMillis(SHORT_MS));
                expectEquals(Boolean.FALSE, joined, "join(Duration) of a live thread");
            }
            release.countDown();
            w.finish();
            expectThrows(IllegalThreadStateException.class, () -> w.thread().start(), "second start");
            expectThrows(IllegalArgumentException.class, () -> Thread.sleep(-1), "negative sleep");
            expectThrows(IllegalArgumentException.class, () -> w.thread().join(-1), "negative join");
        });
        c.add("thread.group-uncaught", () -> {
            AtomicInteger seen = new AtomicInteger();
            ThreadGroup group = new ThreadGroup("conformance-group") {
                @Override
                public void uncaughtException(Thread t, Throwable e) {
                    if (e instanceof ArithmeticException) {
                        seen.incrementAndGet();
                    }
                }
            };
            Thread t = new Thread(group, () -> {
                throw new ArithmeticException("group");
            }, "group-dies");
            t.start();
            t.join(PATIENCE_MS);
            expect(!t.isAlive(), "did not end");
            expectEquals(1, seen.get(), "group handler calls");
        });
        c.add("locks.interruptible-variants", () -> {
            StampedLock sl = new StampedLock();
            long r = sl.readLock();
            ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
            rw.readLock().lock();
            AtomicInteger interrupted = new AtomicInteger();
            Checks.Helper w = start("writer", () -> {
                try {
                    sl.writeLockInterruptibly();
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                }
                Thread.currentThread().interrupt();
                try {
                    rw.writeLock().lockInterruptibly();
                } catch (InterruptedException e) {
                    interrupted.incrementAndGet();
                }
                try {
                    rw.writeLock().tryLock(PATIENCE_MS, TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    throw new Checks.Failed("interrupt status survived an InterruptedException");
                }
            });
            awaitBlocked(w.thread());
            w.thread().interrupt();
            eventually(() -> rw.hasQueuedThread(w.thread()), "writer queued on the rw lock");
            rw.readLock().unlock();
            w.finish();
            expectEquals(2, interrupted.get(), "interrupted acquisitions");
            expect(rw.isWriteLocked(), "timed write lock not taken after the reader left");
            sl.unlockRead(r);
            expect(!sl.isReadLocked() && !sl.isWriteLocked(), "stamped lock held after the interrupt");
        });
        c.add("condition.signalled-awaitnanos-returns-remaining", () -> {
            ReentrantLock lock = new ReentrantLock();
            Condition cond = lock.newCondition();
            boolean[] flag = {false};
            long[] left = {0};
            Checks.Helper w = start("waiter", () -> {
                lock.lock();
                try {
                    long nanos = TimeUnit.MILLISECONDS.toNanos(PATIENCE_MS * 4);
                    while (!flag[0]) {
                        nanos = cond.awaitNanos(nanos);
                    }
                    left[0] = nanos;
                } finally {
                    lock.unlock();
                }
            });
            eventually(() -> LockChecks.waiting(lock, cond) == 1, "waiter on the condition");
            lock.lock();
            try {
                flag[0] = true;
                cond.signalAll();
            } finally {
                lock.unlock();
            }
            w.finish();
            expect(left[0] > 0, "awaitNanos ended by a signal returned " + left[0]);
        });
        if (Virtual.available()) {
            c.add("virtual.per-task-executor-shutdown-rejects", () -> {
                ExecutorService pool = Virtual.perTaskExecutor();
                CountDownLatch gate = new CountDownLatch(1);
                Future<?> running = pool.submit(() -> {
                    gate.await();
                    return null;
                });
                pool.shutdown();
                expectThrows(RejectedExecutionException.class, () -> pool.submit(() -> 1), "submit after shutdown");
                expect(!pool.awaitTermination(SHORT_MS, TimeUnit.MILLISECONDS), "terminated with a task running");
                gate.countDown();
                expect(pool.awaitTermination(PATIENCE_MS, TimeUnit.MILLISECONDS), "did not terminate");
                expect(running.isDone(), "task not done");
                ExecutorService now = Virtual.perTaskExecutor();
                Future<?> sleeping = now.submit(() -> {
                    Thread.sleep(PATIENCE_MS * 4);
                    return null;
                });
                expectEquals(0, now.shutdownNow().size(), "tasks returned by a per-task executor");
                expect(now.awaitTermination(PATIENCE_MS, TimeUnit.MILLISECONDS), "shutdownNow did not interrupt");
                expectThrows(ExecutionException.class, sleeping::get, "get of an interrupted task");
            });
        }
    }

    /** Fills cells[i] = i by splitting. */
    static final class Fill extends RecursiveAction {
        private static final long serialVersionUID = 1L;
        private final long[] cells;
        private final int from;
        private final int to;

        Fill(long[] cells, int from, int to) {
            this.cells = cells;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from <= 256) {
                for (int i = from; i < to; i++) {
                    cells[i] = i;
                }
                return;
            }
            int mid = (from + to) >>> 1;
            invokeAll(new Fill(cells, from, mid), new Fill(cells, mid, to));
        }
    }
}
