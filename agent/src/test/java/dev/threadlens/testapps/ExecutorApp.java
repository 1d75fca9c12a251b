package dev.threadlens.testapps;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.RejectedExecutionHandler;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Executors on command. Pools are kept under an id the test chooses; tasks can be held at a gate
 * so the test sees pools busy, and every pool remembers its futures so {@code await} can wait
 * for all of them. Pools named by creation site are created in methods of their own
 * ({@code newFixedPool}, {@code newVirtualPerTask}) so the test knows their names.
 *
 * <pre>
 * fixed ID N                 Executors.newFixedThreadPool(N)              (named by site)
 * named ID N PREFIX          fixed pool of N, threads PREFIX-1, PREFIX-2...
 * bounded ID POLICY          1 thread, queue of 1, abort|callerruns|discardoldest|discard, threads bounded-POLICY-n
 * scheduled ID N PREFIX      ScheduledThreadPoolExecutor(N), threads PREFIX-n
 * virtual ID                 Executors.newVirtualThreadPerTaskExecutor()  (JDK 21+, named by site)
 * gate / open                close / open the gate gated tasks wait at
 * lifo ID PREFIX             1 thread whose queue hands out the newest task first, threads PREFIX-n
 * forkjoin ID N              new ForkJoinPool(N)                           (named by site)
 * submit ID N MS [gated]     N tasks: wait at the gate if gated, then sleep MS
 * submit-parallel ID T N     T threads at once submit N no-op tasks each
 * started ID K               wait until K tasks of the last submit to ID have started
 * await ID                   wait until every task of ID has finished
 * overflow ID N              execute N no-op tasks; prints "rejected K" (RejectedExecutionExceptions seen)
 * execute-fail ID / submit-fail ID / cf-fail ID     one task that throws (execute, submit, supplyAsync)
 * schedule ID MS [nowait]    a no-op scheduled MS from now (nowait: await does not wait for it)
 * supply N MS                N x CompletableFuture.supplyAsync (common pool) sleeping MS, then join each
 * supply-fail                one supplyAsync that throws, joined
 * future-wait ID             main blocks in Future.get() on a task of ID until it is seen waiting
 * idle-check                 prints whether WaitContext says "executor idle" inside take() and inside a task
 * quiet PREFIX               wait until every thread named PREFIX... waits inside ThreadPoolExecutor.getTask
 * shutdown ID                shutdown, await termination, forget the pool and its futures
 * signatures                 prints "signatures ok" or the advised JDK methods that are missing
 * sleep MS
 * </pre>
 */
public final class ExecutorApp {

    private static final Map<String, ExecutorService> pools = new HashMap<>();
    private static final Map<String, List<Future<?>>> futures = new HashMap<>();
    private static final Map<String, AtomicInteger> started = new HashMap<>();
    private static volatile CountDownLatch gate = new CountDownLatch(0);

    private ExecutorApp() {
    }

    public static void main(String[] args) throws Exception {
        new CommandLoop()
                .on("fixed", a -> add(a[0], newFixedPool(Integer.parseInt(a[1]))))
                .on("named", a -> {
                    int n = Integer.parseInt(a[1]);
                    add(a[0], new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                            named(a[2])));
                })
                .on("bounded", a -> add(a[0], new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                        new ArrayBlockingQueue<>(1), named("bounded-" + a[1]), policy(a[1]))))
                .on("lifo", a -> add(a[0], new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LifoQueue(), named(a[1]))))
                .on("forkjoin", a -> add(a[0], newForkJoinPool(Integer.parseInt(a[1]))))
                .on("scheduled", a -> add(a[0], new ScheduledThreadPoolExecutor(Integer.parseInt(a[1]), named(a[2]))))
                .on("virtual", a -> add(a[0], newVirtualPerTask()))
                .on("gate", a -> gate = new CountDownLatch(1))
                .on("open", a -> gate.countDown())
                .on("submit", a -> {
                    AtomicInteger count = new AtomicInteger(); // "started" counts this batch
                    started.put(a[0], count);
                    submit(a[0], Integer.parseInt(a[1]), Long.parseLong(a[2]), a.length > 3 && a[3].equals("gated"), count);
                })
                .on("submit-parallel", a -> {
                    int threads = Integer.parseInt(a[1]);
                    int n = Integer.parseInt(a[2]);
                    AtomicInteger count = new AtomicInteger();
                    started.put(a[0], count);
                    List<Thread> submitters = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        Thread submitter = new Thread(() -> submit(a[0], n, 0, false, count), "submitter-" + t);
                        submitter.start();
                        submitters.add(submitter);
                    }
                    for (Thread submitter : submitters) {
                        submitter.join();
                    }
                })
                .on("started", a -> {
                    AtomicInteger count = started.get(a[0]);
                    int k = Integer.parseInt(a[1]);
                    while (count.get() < k) {
                        Thread.sleep(5);
                    }
                })
                .on("await", a -> {
                    for (Future<?> f : futures.get(a[0])) {
                        try {
                            f.get();
                        } catch (Exception expected) {
                            // failing tasks are part of some tests
                        }
                    }
                })
                .on("overflow", a -> {
                    int rejected = 0;
                    for (int i = 0; i < Integer.parseInt(a[1]); i++) {
                        try {
                            pools.get(a[0]).execute(() -> { });
                        } catch (RejectedExecutionException e) {
                            rejected++;
                        }
                    }
                    System.out.println("rejected " + rejected);
                })
                .on("execute-fail", a -> {
                    CountDownLatch done = new CountDownLatch(1);
                    pools.get(a[0]).execute(() -> {
                        done.countDown();
                        throw new IllegalStateException("thrown on purpose by the test");
                    });
                    done.await();
                    futures.get(a[0]).add(pools.get(a[0]).submit(() -> null)); // runs after the failure is counted
                })
                .on("submit-fail", a -> futures.get(a[0]).add(pools.get(a[0]).submit(() -> {
                    throw new IllegalStateException("thrown on purpose by the test");
                })))
                .on("cf-fail", a -> futures.get(a[0]).add(CompletableFuture.supplyAsync(() -> {
                    throw new IllegalStateException("thrown on purpose by the test");
                }, pools.get(a[0]))))
                .on("schedule", a -> {
                    Future<?> f = ((ScheduledExecutorService) pools.get(a[0]))
                            .schedule(() -> { }, Long.parseLong(a[1]), TimeUnit.MILLISECONDS);
                    if (a.length < 3 || !a[2].equals("nowait")) {
                        futures.get(a[0]).add(f);
                    }
                })
                .on("supply", a -> supply(Integer.parseInt(a[0]), Long.parseLong(a[1])))
                .on("supply-fail", a -> {
                    try {
                        CompletableFuture.supplyAsync(() -> {
                            throw new IllegalStateException("thrown on purpose by the test");
                        }).join();
                    } catch (RuntimeException expected) {
                        // the failure is what is counted
                    }
                })
                .on("future-wait", a -> waitForFuture(pools.get(a[0])))
                .on("idle-check", a -> idleCheck())
                .on("shutdown", a -> {
                    ExecutorService pool = pools.remove(a[0]);
                    pool.shutdown();
                    if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("pool did not terminate");
                    }
                    futures.remove(a[0]);
                    started.remove(a[0]);
                })
                .on("quiet", a -> quiet(a[0]))
                .on("signatures", a -> signatures())
                .on("sleep", a -> Thread.sleep(Long.parseLong(a[0])))
                .run();
    }

    /** N tasks to pool {@code id}: each counts itself started, waits at the gate if gated, sleeps MS. */
    private static void submit(String id, int n, long ms, boolean gated, AtomicInteger count) {
        CountDownLatch g = gate;
        ExecutorService pool = pools.get(id);
        List<Future<?>> list = futures.get(id);
        for (int i = 0; i < n; i++) {
            list.add(pool.submit(() -> {
                count.incrementAndGet();
                if (gated) {
                    g.await();
                }
                Thread.sleep(ms);
                return null;
            }));
        }
    }

    /** A work queue handing out the newest task first. */
    private static final class LifoQueue extends LinkedBlockingDeque<Runnable> {
        private static final long serialVersionUID = 1L;

        @Override
        public boolean offer(Runnable task) {
            return offerFirst(task);
        }
    }

    /** Named by its creation site: {@code dev.threadlens.testapps.ExecutorApp.newForkJoinPool(...)}. */
    static ExecutorService newForkJoinPool(int parallelism) {
        return new ForkJoinPool(parallelism);
    }

    /** Its creation site names the pool: {@code dev.threadlens.testapps.ExecutorApp.newFixedPool(...)}. */
    static ExecutorService newFixedPool(int n) {
        return Executors.newFixedThreadPool(n);
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()}, by reflection so this compiles for Java 17. */
    static ExecutorService newVirtualPerTask() throws Exception {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    /** Joins so the main thread blocks in CompletableFuture.join (a future wait). */
    static void supply(int n, long ms) {
        List<CompletableFuture<Integer>> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int value = i;
            all.add(CompletableFuture.supplyAsync(() -> {
                sleep(ms);
                return value;
            }));
        }
        for (CompletableFuture<Integer> f : all) {
            f.join();
        }
    }

    /** Blocks this thread in {@code Future.get()}; the task is released once we are seen waiting. */
    static void waitForFuture(ExecutorService pool) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        Thread waiter = Thread.currentThread();
        Future<?> f = pool.submit(() -> {
            release.await();
            return null;
        });
        Thread opener = new Thread(() -> {
            while (waiter.getState() != Thread.State.WAITING) {
                sleep(1);
            }
            release.countDown();
        }, "opener");
        opener.start();
        f.get();
        opener.join();
    }

    /** Every worker named {@code prefix...} is back waiting for work: its last task's bookkeeping is done. */
    private static void quiet(String prefix) throws InterruptedException {
        while (true) {
            boolean allIdle = true;
            for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
                if (!e.getKey().getName().startsWith(prefix)) {
                    continue;
                }
                Thread.State state = e.getKey().getState();
                boolean inGetTask = false;
                for (StackTraceElement f : e.getValue()) {
                    inGetTask |= f.getClassName().equals("java.util.concurrent.ThreadPoolExecutor")
                            && f.getMethodName().equals("getTask");
                }
                allIdle &= inGetTask && (state == Thread.State.WAITING || state == Thread.State.TIMED_WAITING);
            }
            if (allIdle) {
                return;
            }
            Thread.sleep(5);
        }
    }

    private static void idleCheck() throws Exception {
        Class<?> waitContext = Class.forName("dev.threadlens.bootstrap.WaitContext", true, null);
        Method idle = waitContext.getMethod("inExecutorIdle");
        List<Boolean> inTake = new ArrayList<>();
        BlockingQueue<Runnable> queue = new LinkedBlockingQueue<Runnable>() {
            @Override
            public Runnable take() throws InterruptedException {
                record();
                return super.take();
            }

            @Override
            public Runnable poll(long timeout, TimeUnit unit) throws InterruptedException {
                record();
                return super.poll(timeout, unit);
            }

            private void record() {
                try {
                    synchronized (inTake) {
                        inTake.add((Boolean) idle.invoke(null));
                    }
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            }
        };
        ThreadPoolExecutor pool = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, queue, named("idle-check"));
        boolean inTask = pool.submit(() -> (Boolean) idle.invoke(null)).get();
        boolean again = pool.submit(() -> (Boolean) idle.invoke(null)).get();
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        synchronized (inTake) {
            System.out.println("idle-check take=" + inTake.stream().allMatch(b -> b) + "/" + inTake.size()
                    + " task=" + (inTask || again));
        }
    }

    /** Every JDK method the executor advice is woven into, by name and parameter types. */
    private static void signatures() throws Exception {
        String juc = "java.util.concurrent.";
        List<String> missing = new ArrayList<>();
        check(missing, juc + "ThreadPoolExecutor", "<init>", "int", "int", "long", juc + "TimeUnit",
                juc + "BlockingQueue", juc + "ThreadFactory", juc + "RejectedExecutionHandler");
        check(missing, juc + "ThreadPoolExecutor", "execute", "java.lang.Runnable");
        check(missing, juc + "ThreadPoolExecutor", "reject", "java.lang.Runnable");
        check(missing, juc + "ThreadPoolExecutor", "remove", "java.lang.Runnable");
        check(missing, juc + "ThreadPoolExecutor", "shutdownNow");
        check(missing, juc + "ThreadPoolExecutor", "getTask");
        check(missing, juc + "ThreadPoolExecutor", "processWorkerExit", juc + "ThreadPoolExecutor$Worker", "boolean");
        check(missing, juc + "ThreadPoolExecutor$Worker", "run");
        checkField(missing, juc + "ThreadPoolExecutor$Worker", "this$0");
        checkField(missing, juc + "ThreadPoolExecutor$Worker", "firstTask");
        check(missing, juc + "ThreadPoolExecutor$DiscardOldestPolicy", "rejectedExecution", "java.lang.Runnable",
                juc + "ThreadPoolExecutor");
        check(missing, juc + "ScheduledThreadPoolExecutor", "delayedExecute", juc + "RunnableScheduledFuture");
        check(missing, juc + "ScheduledThreadPoolExecutor$ScheduledFutureTask", "run");
        checkField(missing, juc + "ScheduledThreadPoolExecutor$ScheduledFutureTask", "time");
        checkField(missing, juc + "ScheduledThreadPoolExecutor$ScheduledFutureTask", "this$0");
        check(missing, juc + "FutureTask", "setException", "java.lang.Throwable");
        check(missing, juc + "FutureTask", "awaitDone", "boolean", "long");
        check(missing, juc + "CompletableFuture", "waitingGet", "boolean");
        check(missing, juc + "CompletableFuture", "timedGet", "long");
        check(missing, juc + "CompletableFuture$AsyncSupply", "run");
        checkField(missing, juc + "CompletableFuture$AsyncSupply", "dep");
        check(missing, juc + "CompletableFuture$AsyncRun", "run");
        checkField(missing, juc + "CompletableFuture$AsyncRun", "dep");
        check(missing, juc + "ForkJoinPool", "runWorker", juc + "ForkJoinPool$WorkQueue");
        check(missing, juc + "ForkJoinTask", "doExec");
        checkField(missing, juc + "ForkJoinTask", "status");
        int feature = Runtime.version().feature();
        if (feature >= 21) {
            check(missing, juc + "ForkJoinPool", "poolSubmit", "boolean", juc + "ForkJoinTask");
            check(missing, juc + "ThreadPerTaskExecutor", "<init>", juc + "ThreadFactory");
            check(missing, juc + "ThreadPerTaskExecutor", "ensureNotShutdown");
            check(missing, juc + "ThreadPerTaskExecutor", "newThread", "java.lang.Runnable");
            check(missing, juc + "ThreadPerTaskExecutor", "start", "java.lang.Thread");
            check(missing, juc + "ThreadPerTaskExecutor$TaskRunner", "run");
            checkField(missing, juc + "ThreadPerTaskExecutor$TaskRunner", "executor");
            check(missing, juc + "ThreadPerTaskExecutor$ThreadBoundFuture", "run");
            checkField(missing, juc + "ThreadPerTaskExecutor$ThreadBoundFuture", "executor");
        } else {
            check(missing, juc + "ForkJoinPool", "externalSubmit", juc + "ForkJoinTask");
        }
        System.out.println(missing.isEmpty() ? "signatures ok" : "signatures missing " + missing);
    }

    private static void check(List<String> missing, String type, String method, String... params) {
        try {
            Class<?> c = Class.forName(type);
            Class<?>[] types = new Class<?>[params.length];
            for (int i = 0; i < params.length; i++) {
                types[i] = primitive(params[i]);
            }
            if (method.equals("<init>")) {
                c.getDeclaredConstructor(types);
            } else {
                c.getDeclaredMethod(method, types);
            }
        } catch (ReflectiveOperationException e) {
            missing.add(type + "." + method);
        }
    }

    private static void checkField(List<String> missing, String type, String field) {
        try {
            Class.forName(type).getDeclaredField(field);
        } catch (ReflectiveOperationException e) {
            missing.add(type + "#" + field);
        }
    }

    private static Class<?> primitive(String name) throws ClassNotFoundException {
        switch (name) {
            case "int":
                return int.class;
            case "long":
                return long.class;
            case "boolean":
                return boolean.class;
            default:
                return Class.forName(name);
        }
    }

    private static void add(String id, ExecutorService pool) {
        pools.put(id, pool);
        futures.put(id, Collections.synchronizedList(new ArrayList<>()));
        started.put(id, new AtomicInteger());
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger next = new AtomicInteger(1);
        return r -> new Thread(r, prefix + "-" + next.getAndIncrement());
    }

    private static RejectedExecutionHandler policy(String name) {
        switch (name) {
            case "abort":
                return new ThreadPoolExecutor.AbortPolicy();
            case "callerruns":
                return new ThreadPoolExecutor.CallerRunsPolicy();
            case "discardoldest":
                return new ThreadPoolExecutor.DiscardOldestPolicy();
            case "discard":
                return new ThreadPoolExecutor.DiscardPolicy();
            default:
                throw new IllegalArgumentException("no policy " + name);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static int commonParallelism() {
        return ForkJoinPool.getCommonPoolParallelism();
    }
}
