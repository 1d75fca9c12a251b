package dev.threadlens.testapps.conformance;

import static dev.threadlens.testapps.conformance.Checks.PATIENCE_MS;
import static dev.threadlens.testapps.conformance.Checks.SHORT_MS;
import static dev.threadlens.testapps.conformance.Checks.expect;
import static dev.threadlens.testapps.conformance.Checks.expectEquals;
import static dev.threadlens.testapps.conformance.Checks.expectThrows;
import static dev.threadlens.testapps.conformance.Checks.since;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** ThreadPoolExecutor, ScheduledThreadPoolExecutor, ForkJoinPool, futures and CompletableFuture. */
final class ExecutorChecks {

    private ExecutorChecks() {
    }

    static void register(Checks c) {
        threadPool(c);
        rejection(c);
        scheduled(c);
        forkJoin(c);
    }

    /** One worker, a queue of one: the worker blocks on {@code gate}, so a third task is rejected. */
    private static ThreadPoolExecutor saturated(RejectedExecutionHandler handler, CountDownLatch gate,
            List<Runnable> queued) throws Exception {
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(1), handler);
        CountDownLatch running = new CountDownLatch(1);
        pool.execute(() -> {
            running.countDown();
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        expect(running.await(PATIENCE_MS, TimeUnit.MILLISECONDS), "first task never started");
        Runnable q = () -> { };
        pool.execute(q);
        queued.add(q);
        return pool;
    }

    private static void finish(ExecutorService pool) throws Exception {
        pool.shutdown();
        expect(pool.awaitTermination(PATIENCE_MS, TimeUnit.MILLISECONDS), "pool did not terminate");
    }

    private static void rejection(Checks c) {
        c.add("executor.reject-abort", () -> {
            CountDownLatch gate = new CountDownLatch(1);
            List<Runnable> queued = new ArrayList<>();
            ThreadPoolExecutor pool = saturated(new ThreadPoolExecutor.AbortPolicy(), gate, queued);
            expectThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }), "saturated execute");
            expectThrows(RejectedExecutionException.class, () -> pool.submit(() -> 1), "saturated submit");
            gate.countDown();
            finish(pool);
            expectEquals(2L, pool.getCompletedTaskCount(), "completed tasks");
            expectThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }), "execute after shutdown");
        });
        c.add("executor.reject-caller-runs", () -> {
            CountDownLatch gate = new CountDownLatch(1);
            ThreadPoolExecutor pool = saturated(new ThreadPoolExecutor.CallerRunsPolicy(), gate, new ArrayList<>());
            AtomicReference<Thread> ranOn = new AtomicReference<>();
            pool.execute(() -> ranOn.set(Thread.currentThread()));
            expectEquals(Thread.currentThread(), ranOn.get(), "thread that ran the rejected task");
            gate.countDown();
            finish(pool);
            AtomicBoolean ranAfterShutdown = new AtomicBoolean();
            pool.execute(() -> ranAfterShutdown.set(true));
            expect(!ranAfterShutdown.get(), "CallerRunsPolicy ran a task after shutdown");
        });
        c.add("executor.reject-discard", () -> {
            CountDownLatch gate = new CountDownLatch(1);
            List<Runnable> queued = new ArrayList<>();
            ThreadPoolExecutor pool = saturated(new ThreadPoolExecutor.DiscardPolicy(), gate, queued);
            AtomicBoolean ran = new AtomicBoolean();
            pool.execute(() -> ran.set(true));
            expectEquals(List.copyOf(queued), List.copyOf(pool.getQueue()), "queue after a discard");
            gate.countDown();
            finish(pool);
            expect(!ran.get(), "discarded task ran");
            expectEquals(2L, pool.getCompletedTaskCount(), "completed tasks");
        });
        c.add("executor.reject-discard-oldest", () -> {
            CountDownLatch gate = new CountDownLatch(1);
            List<Runnable> queued = new ArrayList<>();
            ThreadPoolExecutor pool = saturated(new ThreadPoolExecutor.DiscardOldestPolicy(), gate, queued);
            AtomicBoolean newestRan = new AtomicBoolean();
            Runnable newest = () -> newestRan.set(true);
            pool.execute(newest);
            expectEquals(List.of(newest), List.copyOf(pool.getQueue()), "queue after discarding the oldest");
            gate.countDown();
            finish(pool);
            expect(newestRan.get(), "newest task did not run");
            expectEquals(2L, pool.getCompletedTaskCount(), "completed tasks");
        });
        c.add("executor.reject-custom-handler", () -> {
            CountDownLatch gate = new CountDownLatch(1);
            AtomicInteger rejected = new AtomicInteger();
            ThreadPoolExecutor pool = saturated((r, e) -> rejected.incrementAndGet(), gate, new ArrayList<>());
            pool.execute(() -> { });
            pool.execute(() -> { });
            expectEquals(2, rejected.get(), "handler calls");
            gate.countDown();
            finish(pool);
            pool.execute(() -> { });
            expectEquals(3, rejected.get(), "handler calls after shutdown");
        });
    }

    private static void threadPool(Checks c) {
        c.add("executor.submit-get", () -> {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            Future<Integer> f = pool.submit(() -> 6 * 7);
            expectEquals(42, f.get(PATIENCE_MS, TimeUnit.MILLISECONDS), "result");
            Future<?> failing = pool.submit((Callable<Object>) () -> {
                throw new IllegalStateException("task failed");
            });
            ExecutionException e = expectThrows(ExecutionException.class,
                    () -> failing.get(PATIENCE_MS, TimeUnit.MILLISECONDS), "get of a failed task");
            expect(e.getCause() instanceof IllegalStateException, "cause " + e.getCause());
            List<Callable<Integer>> tasks = new ArrayList<>();
            for (int i = 1; i <= 10; i++) {
                int n = i;
                tasks.add(() -> n);
            }
            int sum = 0;
            for (Future<Integer> each : pool.invokeAll(tasks)) {
                sum += each.get();
            }
            expectEquals(55, sum, "invokeAll sum");
            int any = pool.invokeAny(tasks);
            expect(any >= 1 && any <= 10, "invokeAny result " + any);
            finish(pool);
        });
        c.add("future.get-timeout-and-cancel", () -> {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            CountDownLatch started = new CountDownLatch(1);
            AtomicBoolean interrupted = new AtomicBoolean();
            CountDownLatch ended = new CountDownLatch(1);
            Future<?> f = pool.submit(() -> {
                started.countDown();
                try {
                    new CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    interrupted.set(true);
                } finally {
                    ended.countDown();
                }
            });
            expect(started.await(PATIENCE_MS, TimeUnit.MILLISECONDS), "task never started");
            long t0 = System.nanoTime();
            expectThrows(TimeoutException.class, () -> f.get(SHORT_MS, TimeUnit.MILLISECONDS), "get of a blocked task");
            expect(since(t0) >= SHORT_MS, "get timed out early");
            expect(f.cancel(true), "cancel(true) of a running task");
            expect(f.isCancelled() && f.isDone(), "not cancelled/done");
            expectThrows(CancellationException.class, f::get, "get of a cancelled task");
            expect(ended.await(PATIENCE_MS, TimeUnit.MILLISECONDS), "cancelled task did not end");
            expect(interrupted.get(), "cancel(true) did not interrupt the task");
            expect(!f.cancel(true), "second cancel succeeded");
            finish(pool);
        });
        c.add("future.cancel-queued", () -> {
            ExecutorService pool = Executors.newSingleThreadExecutor();
            CountDownLatch gate = new CountDownLatch(1);
            pool.submit(() -> {
                gate.await();
                return null;
            });
            AtomicBoolean ran = new AtomicBoolean();
            Future<?> queued = pool.submit(() -> ran.set(true));
            expect(queued.cancel(false), "cancel(false) of a queued task");
            gate.countDown();
            finish(pool);
            expect(!ran.get(), "cancelled task ran");
            FutureTask<String> direct = new FutureTask<>(() -> "direct");
            direct.run();
            expectEquals("direct", direct.get(0, TimeUnit.MILLISECONDS), "FutureTask run on the caller");
        });
        c.add("executor.await-termination", () -> {
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CountDownLatch gate = new CountDownLatch(1);
            AtomicInteger done = new AtomicInteger();
            for (int i = 0; i < 4; i++) {
                pool.execute(() -> {
                    try {
                        gate.await();
                        done.incrementAndGet();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            pool.shutdown();
            expect(pool.isShutdown(), "not shut down");
            expectThrows(RejectedExecutionException.class, () -> pool.execute(() -> { }), "execute after shutdown");
            long t0 = System.nanoTime();
            expect(!pool.awaitTermination(SHORT_MS, TimeUnit.MILLISECONDS), "terminated with blocked tasks");
            expect(since(t0) >= SHORT_MS, "awaitTermination gave up early");
            expect(!pool.isTerminated(), "terminated early");
            gate.countDown();
            expect(pool.awaitTermination(PATIENCE_MS, TimeUnit.MILLISECONDS), "did not terminate");
            expectEquals(4, done.get(), "queued tasks run after shutdown");
        });
        c.add("executor.shutdown-now", () -> {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>());
            CountDownLatch started = new CountDownLatch(1);
            AtomicBoolean interrupted = new AtomicBoolean();
            pool.execute(() -> {
                started.countDown();
                try {
                    Thread.sleep(PATIENCE_MS * 4);
                } catch (InterruptedException e) {
                    interrupted.set(true);
                }
            });
            expect(started.await(PATIENCE_MS, TimeUnit.MILLISECONDS), "task never started");
            List<Runnable> queued = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Runnable r = () -> { };
                queued.add(r);
                pool.execute(r);
            }
            List<Runnable> returned = pool.shutdownNow();
            expectEquals(queued, returned, "tasks returned by shutdownNow");
            expect(pool.awaitTermination(PATIENCE_MS, TimeUnit.MILLISECONDS), "did not terminate");
            expect(interrupted.get(), "shutdownNow did not interrupt the running task");
            expectEquals(1L, pool.getCompletedTaskCount(), "completed tasks");
        });
        c.add("executor.hooks-and-factory", () -> {
            List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
            CountDownLatch terminated = new CountDownLatch(1);
            ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                    new LinkedBlockingQueue<>(), r -> new Thread(r, "conformance-worker")) {
                @Override
                protected void beforeExecute(Thread t, Runnable r) {
                    events.add("before:" + t.getName());
                }

                @Override
                protected void afterExecute(Runnable r, Throwable t) {
                    events.add("after:" + (t == null ? "ok" : t.getClass().getSimpleName()));
                }

                @Override
                protected void terminated() {
                    events.add("terminated");
                    terminated.countDown();
                }
            };
            pool.execute(() -> events.add("run:" + Thread.currentThread().getName()));
            pool.execute(() -> {
                throw new IllegalStateException("boom");
            });
            pool.execute(() -> events.add("run-after-failure"));
            finish(pool);
            expect(terminated.await(PATIENCE_MS, TimeUnit.MILLISECONDS), "terminated() not called");
            expectEquals(List.of("before:conformance-worker", "run:conformance-worker", "after:ok",
                    "before:conformance-worker", "after:IllegalStateException", "before:conformance-worker",
                    "run-after-failure", "after:ok", "terminated"), List.copyOf(events), "hook order");
        });
        c.add("executor.cached-and-resize", () -> {
            ThreadPoolExecutor pool = (ThreadPoolExecutor) Executors.newCachedThreadPool();
            CountDownLatch gate = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(3);
            for (int i = 0; i < 3; i++) {
                pool.execute(() -> {
                    started.countDown();
                    try {
                        gate.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
            }
            expect(started.await(PATIENCE_MS, TimeUnit.MILLISECONDS), "three tasks not running at once");
            expectEquals(3, pool.getPoolSize(), "cached pool threads");
            expectEquals(3, pool.getActiveCount(), "active threads");
            gate.countDown();
            finish(pool);
            expectEquals(3L, pool.getCompletedTaskCount(), "completed");
        });
    }

    private static void scheduled(Checks c) {
        c.add("scheduled.delay", () -> {
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
            long t0 = System.nanoTime();
            ScheduledFuture<String> f = pool.schedule(() -> "later", SHORT_MS, TimeUnit.MILLISECONDS);
            expectEquals("later", f.get(PATIENCE_MS, TimeUnit.MILLISECONDS), "result");
            expect(since(t0) >= SHORT_MS, "delayed task ran early: " + since(t0) + " ms");
            finish(pool);
        });
        c.add("scheduled.fixed-rate-count-and-cancel", () -> {
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
            AtomicInteger runs = new AtomicInteger();
            CountDownLatch five = new CountDownLatch(5);
            ScheduledFuture<?> f = pool.scheduleAtFixedRate(() -> {
                runs.incrementAndGet();
                five.countDown();
            }, 0, 5, TimeUnit.MILLISECONDS);
            expect(five.await(PATIENCE_MS, TimeUnit.MILLISECONDS), "five runs did not happen");
            expect(f.cancel(false), "cancel of a periodic task");
            expect(f.isCancelled(), "not cancelled");
            expectThrows(CancellationException.class, f::get, "get of a cancelled periodic task");
            finish(pool);
            int after = runs.get();
            expect(after >= 5, "runs " + after);
            expectEquals(after, runs.get(), "runs after cancel and termination");
        });
        c.add("scheduled.fixed-delay-failure-stops", () -> {
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
            AtomicInteger runs = new AtomicInteger();
            ScheduledFuture<?> f = pool.scheduleWithFixedDelay(() -> {
                if (runs.incrementAndGet() == 3) {
                    throw new IllegalStateException("third run");
                }
            }, 0, 1, TimeUnit.MILLISECONDS);
            ExecutionException e = expectThrows(ExecutionException.class,
                    () -> f.get(PATIENCE_MS, TimeUnit.MILLISECONDS), "get of a failed periodic task");
            expect(e.getCause() instanceof IllegalStateException, "cause " + e.getCause());
            finish(pool);
            expectEquals(3, runs.get(), "runs of a periodic task that failed on its third");
        });
        c.add("scheduled.cancel-delayed", () -> {
            ScheduledThreadPoolExecutor pool = new ScheduledThreadPoolExecutor(1);
            pool.setRemoveOnCancelPolicy(true);
            AtomicBoolean ran = new AtomicBoolean();
            ScheduledFuture<?> f = pool.schedule(() -> ran.set(true), PATIENCE_MS * 10, TimeUnit.MILLISECONDS);
            expectEquals(1, pool.getQueue().size(), "queued");
            expect(f.cancel(false), "cancel of a delayed task");
            expectEquals(0, pool.getQueue().size(), "queued after cancel with remove-on-cancel");
            ScheduledFuture<String> kept = pool.schedule(() -> "ran after shutdown", 1, TimeUnit.MILLISECONDS);
            finish(pool);
            expect(!ran.get(), "cancelled task ran");
            expectEquals("ran after shutdown", kept.get(0, TimeUnit.MILLISECONDS),
                    "delayed task runs after shutdown by default");
        });
    }

    /** Sums 1..n by splitting. */
    static final class Sum extends RecursiveTask<Long> {
        private static final long serialVersionUID = 1L;
        private final long from;
        private final long to;

        Sum(long from, long to) {
            this.from = from;
            this.to = to;
        }

        @Override
        protected Long compute() {
            if (to - from < 1_000) {
                long s = 0;
                for (long i = from; i <= to; i++) {
                    s += i;
                }
                return s;
            }
            long mid = (from + to) / 2;
            Sum left = new Sum(from, mid);
            left.fork();
            return new Sum(mid + 1, to).compute() + left.join();
        }
    }

    private static void forkJoin(Checks c) {
        c.add("forkjoin.recursive-task", () -> {
            ForkJoinPool pool = new ForkJoinPool(2);
            expectEquals(100_000L * 100_001L / 2, pool.invoke(new Sum(1, 100_000)), "sum");
            pool.shutdown();
            expectThrows(RejectedExecutionException.class, () -> pool.submit(() -> 1), "submit after shutdown");
            expect(pool.awaitTermination(PATIENCE_MS, TimeUnit.MILLISECONDS), "did not terminate");
        });
        c.add("forkjoin.common-pool", () -> {
            expectEquals(500_500L, ForkJoinPool.commonPool().invoke(new Sum(1, 1000)), "sum");
            Future<String> f = ForkJoinPool.commonPool().submit(() -> "common");
            expectEquals("common", f.get(PATIENCE_MS, TimeUnit.MILLISECONDS), "submit");
            expectEquals(10_000L, java.util.stream.LongStream.range(0, 10_000).parallel().map(x -> 1).sum(), "parallel");
        });
        c.add("completablefuture.chain", () -> {
            CompletableFuture<Integer> f = CompletableFuture.supplyAsync(() -> 20).thenApply(x -> x + 1)
                    .thenCombine(CompletableFuture.supplyAsync(() -> 2), (a, b) -> a * b);
            expectEquals(42, f.join(), "supplyAsync/thenApply/thenCombine");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            CompletableFuture<String> onPool = CompletableFuture.supplyAsync(() -> Thread.currentThread().getName(), pool);
            expect(onPool.get(PATIENCE_MS, TimeUnit.MILLISECONDS).startsWith("pool-"), "ran on " + onPool.join());
            CompletableFuture<Void> all = CompletableFuture.allOf(CompletableFuture.runAsync(() -> { }, pool),
                    CompletableFuture.runAsync(() -> { }));
            all.get(PATIENCE_MS, TimeUnit.MILLISECONDS);
            finish(pool);
        });
        c.add("completablefuture.exceptionally", () -> {
            CompletableFuture<Integer> failing = CompletableFuture.supplyAsync(() -> {
                throw new IllegalStateException("supplier failed");
            });
            CompletionException e = expectThrows(CompletionException.class, failing::join, "join of a failure");
            expect(e.getCause() instanceof IllegalStateException, "cause " + e.getCause());
            expectEquals(-1, failing.exceptionally(t -> -1).join(), "exceptionally");
            expect(failing.isCompletedExceptionally(), "not completed exceptionally");
            ExecutionException ee = expectThrows(ExecutionException.class, failing::get, "get of a failure");
            expect(ee.getCause() instanceof IllegalStateException, "get cause " + ee.getCause());
        });
        c.add("completablefuture.timeouts", () -> {
            CompletableFuture<String> never = new CompletableFuture<>();
            long t0 = System.nanoTime();
            expectThrows(TimeoutException.class, () -> never.get(SHORT_MS, TimeUnit.MILLISECONDS), "get of an incomplete future");
            expect(since(t0) >= SHORT_MS, "get timed out early");
            CompletionException e = expectThrows(CompletionException.class,
                    () -> new CompletableFuture<String>().orTimeout(SHORT_MS, TimeUnit.MILLISECONDS).join(), "orTimeout");
            expect(e.getCause() instanceof TimeoutException, "orTimeout cause " + e.getCause());
            expectEquals("dflt", new CompletableFuture<String>().completeOnTimeout("dflt", 1, TimeUnit.MILLISECONDS).join(),
                    "completeOnTimeout");
            CompletableFuture<String> waited = new CompletableFuture<>();
            Checks.Helper completer = Checks.start("completer", () -> {
                Thread.sleep(SHORT_MS);
                waited.complete("done");
            });
            expectEquals("done", waited.get(PATIENCE_MS, TimeUnit.MILLISECONDS), "get of a later completion");
            completer.finish();
            expect(never.cancel(true) && never.isCancelled(), "cancel");
            expectThrows(CancellationException.class, never::join, "join of a cancelled future");
        });
    }
}
