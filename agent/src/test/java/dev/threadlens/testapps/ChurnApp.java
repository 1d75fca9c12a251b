package dev.threadlens.testapps;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Churn workloads for the soak tests, on command: many short-lived threads, many locks created
 * and dropped across many sites, many executors created, used and shut down, many virtual
 * threads contending. Nothing a workload makes is kept once its command has answered, so the
 * heap after GC must come back to where it was; {@code heap} prints it and {@code agentthreads}
 * the agent's own threads, so the test can compare before and after.
 */
public final class ChurnApp {

    /** Threads alive at once while churning (the workload is about starts and ends, not a pile). */
    private static final int WAVE = 200;
    /** Locks made per batch; a batch is dropped before the next one is made. */
    private static final int LOCK_BATCH = 10_000;
    /** Virtual threads alive at once: enough to queue on every lock, few enough for a small heap. */
    private static final int VIRTUAL_WAVE = 5_000;

    private ChurnApp() {
    }

    public static void main(String[] args) throws Exception {
        new CommandLoop()
                .on("platform", a -> platform(Integer.parseInt(a[0])))
                .on("locks", a -> locks(Path.of(a[0]), Integer.parseInt(a[1])))
                .on("executors", a -> executors(Integer.parseInt(a[0])))
                .on("virtual", a -> virtual(Integer.parseInt(a[0])))
                .on("heap", a -> System.out.println("heap " + usedHeapAfterGc()))
                .on("agentthreads", a -> System.out.println("agentthreads " + agentThreads()))
                .run();
    }

    // ---- platform threads --------------------------------------------------------------------

    /**
     * {@code n} platform threads that each do a little and end, {@value #WAVE} alive at a time.
     * Names come in three shapes: a numbered pool ({@code churn-7}), a name unique to the thread
     * ({@code job-7-run}, a new "pool" each time: the pool labels' cap is hit) and the JDK's
     * default ({@code Thread-7}).
     */
    private static void platform(int n) throws Exception {
        AtomicLong ran = new AtomicLong();
        Runnable work = ran::incrementAndGet;
        for (int start = 0; start < n; start += WAVE) {
            List<Thread> wave = new ArrayList<>(WAVE);
            for (int i = start; i < Math.min(n, start + WAVE); i++) {
                Thread t = i % 3 == 0 ? new Thread(work, "churn-" + i)
                        : i % 3 == 1 ? new Thread(work, "job-" + i + "-run") : new Thread(work);
                t.setDaemon(i % 2 == 0);
                t.start();
                wave.add(t);
            }
            for (Thread t : wave) {
                t.join();
            }
        }
        System.out.println("platform ran " + ran.get());
    }

    // ---- locks -------------------------------------------------------------------------------

    /**
     * {@code n} ReentrantLocks made by the generated class in {@code classes} (one of its sites
     * per lock, in turn), in batches of {@value #LOCK_BATCH} dropped one after the other. Every
     * tenth lock is contended once: a holder thread has it and this thread's {@code tryLock(1 ns)}
     * takes the slow path and times out, so contention series appear at (capped) sites.
     */
    private static void locks(Path classes, int n) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ChurnApp.class.getClassLoader());
        Method make = loader.loadClass("GeneratedLocks").getMethod("make", int.class);
        long timedOut = 0;
        for (int start = 0; start < n; start += LOCK_BATCH) {
            int size = Math.min(LOCK_BATCH, n - start);
            ReentrantLock[] batch = new ReentrantLock[size];
            for (int i = 0; i < size; i++) {
                batch[i] = (ReentrantLock) make.invoke(null, start + i);
            }
            CountDownLatch held = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                for (int i = 0; i < size; i += 10) {
                    batch[i].lock();
                }
                held.countDown();
                awaitQuietly(release);
                for (int i = 0; i < size; i += 10) {
                    batch[i].unlock();
                }
            }, "holder");
            holder.start();
            held.await();
            for (int i = 0; i < size; i += 10) {
                if (!batch[i].tryLock(1, TimeUnit.NANOSECONDS)) {
                    timedOut++;
                }
            }
            release.countDown();
            holder.join();
        }
        System.out.println("locks made " + n + " timedout " + timedOut);
    }

    // ---- executors ---------------------------------------------------------------------------

    /** {@code n} executors of five kinds (five creation sites), each given tasks, then shut down. */
    private static void executors(int n) throws Exception {
        long done = 0;
        for (int i = 0; i < n; i++) {
            ExecutorService pool;
            switch (i % 5) {
                case 0:
                    pool = Executors.newFixedThreadPool(2);
                    break;
                case 1:
                    pool = Executors.newSingleThreadExecutor();
                    break;
                case 2:
                    pool = Executors.newCachedThreadPool();
                    break;
                case 3:
                    pool = Executors.newScheduledThreadPool(1);
                    break;
                default:
                    pool = new ForkJoinPool(2);
                    break;
            }
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int k = t;
                results.add(pool.submit(() -> k));
            }
            for (Future<Integer> f : results) {
                done += f.get() >= 0 ? 1 : 0;
            }
            pool.shutdown();
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("executor " + i + " did not terminate");
            }
        }
        System.out.println("executors made " + n + " tasks " + done);
    }

    // ---- virtual threads ---------------------------------------------------------------------

    /**
     * {@code n} virtual threads (JDK 21+), {@value #VIRTUAL_WAVE} at a time, each taking one of
     * ten locks and yielding while it holds it, so the others queue: contention from threads
     * that are gone a moment later.
     */
    private static void virtual(int n) throws Exception {
        ReentrantLock[] locks = new ReentrantLock[10];
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new ReentrantLock();
        }
        AtomicLong ran = new AtomicLong();
        for (int start = 0; start < n; start += VIRTUAL_WAVE) {
            List<Thread> wave = new ArrayList<>(VIRTUAL_WAVE);
            for (int i = start; i < Math.min(n, start + VIRTUAL_WAVE); i++) {
                ReentrantLock lock = locks[i % locks.length];
                wave.add(CommandLoop.startVirtual(() -> {
                    lock.lock();
                    try {
                        ran.incrementAndGet();
                        Thread.yield();
                    } finally {
                        lock.unlock();
                    }
                }));
            }
            for (Thread t : wave) {
                t.join();
            }
        }
        System.out.println("virtual ran " + ran.get());
    }

    // ---- what the test compares --------------------------------------------------------------

    /** Used heap after repeated full GCs (the JVMs run with a small -Xmx, so this is quick). */
    private static long usedHeapAfterGc() {
        for (int i = 0; i < 5; i++) {
            System.gc();
            LockSupport.parkNanos(50_000_000L);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static String agentThreads() {
        List<String> names = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.getName().startsWith("threadlens-")) {
                names.add(t.getName());
            }
        }
        names.sort(null);
        return String.join(",", names);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
