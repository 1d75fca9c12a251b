package dev.threadlens.demo.scenarios;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.ReentrantLock;

import dev.threadlens.demo.Deadline;
import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * Time slicing: with more runnable threads than cores, the OS gives each a slice of a core in
 * turn (and saving and restoring a thread's state on every switch is not free). Priorities are
 * only hints. Starvation: on an unfair lock, a thread that just released it often takes it again
 * before a waiting thread wakes up, so some threads get far less than their share.
 */
public final class TimeSlicingScenario implements Scenario {

    private static final int BARGERS = 4;

    @Override
    public String name() {
        return "time-slicing";
    }

    @Override
    public String summary() {
        return "more runnable threads than cores share them in slices; starvation on an unfair lock";
    }

    @Override
    public int defaultThreads() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    @Override
    public void run(Run run) throws Exception {
        int n = run.threads();
        int cores = Runtime.getRuntime().availableProcessors();
        run.title("time slicing and starvation");
        run.concept("A core runs one thread at a time; with more runnable threads than cores the OS switches between "
                + "them, a slice each. A thread that rarely gets its turn (at the CPU or at a lock) starves.");
        run.happens(n + " CPU-bound threads on " + cores + " cores (one at MIN_PRIORITY, one at MAX_PRIORITY); then "
                + BARGERS + " threads competing for an unfair lock, and for a fair one.");
        run.watch("jvm_thread_count{jvm_thread_state=\"runnable\"}", n + " runnable threads, only " + cores
                + " running at any instant", Panel.THREADS);
        run.watch("jvm_lock_wait_seconds{jvm_lock_type=\"reentrant_lock\"}", "the unfair lock's waits: few but long "
                + "(max) for the starved; the fair lock's: many and even", Panel.LOCKS);

        slices(run, n, cores, Deadline.after(run.duration().dividedBy(2)));
        long[] unfair = compete(run, new ReentrantLock(false), Deadline.after(run.duration().dividedBy(4)));
        long[] fair = compete(run, new ReentrantLock(true), Deadline.after(run.deadline().remaining()));
        run.say("unfair lock: acquisitions per thread %s (the least lucky got %s of the most)", str(unfair), share(unfair));
        run.say("fair lock:   acquisitions per thread %s (%s)", str(fair), share(fair));
        run.result("%d threads took turns on %d cores; the unfair lock served its least lucky thread %s as often as its "
                + "luckiest, the fair one %s", n, cores, share(unfair), share(fair));
    }

    private static void slices(Run run, int n, int cores, Deadline until) throws InterruptedException {
        long[] cpuNanos = new long[n];
        AtomicLongArray work = new AtomicLongArray(n);
        List<Thread> spinners = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            Thread t = new Thread(() -> {
                while (!until.passed()) {
                    Workers.crunch(index, 10_000);
                    work.incrementAndGet(index);
                }
                cpuNanos[index] = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            }, "slicer-" + (i + 1));
            t.setPriority(i == 0 ? Thread.MIN_PRIORITY : i == 1 ? Thread.MAX_PRIORITY : Thread.NORM_PRIORITY);
            spinners.add(t);
        }
        long start = System.nanoTime();
        for (Thread t : spinners) {
            t.start();
        }
        Workers.joinAll(spinners); // join() publishes cpuNanos
        double wall = System.nanoTime() - start;
        double min = Double.MAX_VALUE;
        double max = 0;
        double total = 0;
        for (long cpu : cpuNanos) {
            min = Math.min(min, cpu / wall);
            max = Math.max(max, cpu / wall);
            total += cpu / wall;
        }
        run.say("%d runnable threads on %d cores: each got %.0f%% to %.0f%% of a core, %.0f%% of a core together "
                + "(on an idle machine %.0f%% each)", n, cores, 100 * min, 100 * max, 100 * total,
                100.0 * Math.min(1, (double) cores / n));
        run.say("MIN_PRIORITY thread: %.0f%%, MAX_PRIORITY thread: %.0f%% (priorities are hints; Linux ignores "
                + "them by default)", 100 * cpuNanos[0] / wall, n > 1 ? 100 * cpuNanos[1] / wall : 0.0);
    }

    /** {@value #BARGERS} threads take the lock, work a little inside, and come straight back for more. */
    private static long[] compete(Run run, ReentrantLock lock, Deadline until) throws InterruptedException {
        AtomicLongArray turns = new AtomicLongArray(BARGERS);
        List<Thread> threads = Workers.startAll(lock.isFair() ? "fair-taker" : "barger", BARGERS, i -> {
            while (!until.passed()) {
                lock.lock();
                try {
                    Workers.crunch(i, 20_000);
                    turns.incrementAndGet(i);
                } finally {
                    lock.unlock();
                }
            }
        });
        Workers.joinAll(threads);
        long[] result = new long[BARGERS];
        for (int i = 0; i < BARGERS; i++) {
            result[i] = turns.get(i);
        }
        return result;
    }

    private static String str(long[] values) {
        return java.util.Arrays.toString(values);
    }

    private static String share(long[] values) {
        long min = Long.MAX_VALUE;
        long max = 0;
        for (long v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return String.format(Locale.ROOT, "%.0f%%", max == 0 ? 0 : 100.0 * min / max);
    }
}
