package dev.threadlens.demo.scenarios;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.threadlens.demo.Deadline;
import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * A "global interpreter lock" built by hand: every thread must hold one global lock to run
 * (as CPython threads must hold the GIL to run Python code). CPU-bound work then runs one
 * thread at a time however many cores there are; without the lock it spreads over the cores.
 * I/O-bound work gains from threads either way, because a thread releases the lock while it
 * waits.
 */
public final class GlobalLockScenario implements Scenario {

    private static final int CHUNK = 200_000;
    private static final long IO_MILLIS = 20;

    private final ReentrantLock interpreterLock = new ReentrantLock(true); // fair: hands over like a GIL switch
    private final AtomicLong sink = new AtomicLong();

    @Override
    public String name() {
        return "global-lock";
    }

    @Override
    public String summary() {
        return "a global interpreter lock: CPU-bound threads behind one lock are no faster than one thread";
    }

    @Override
    public void run(Run run) throws Exception {
        int n = run.threads();
        int cores = Runtime.getRuntime().availableProcessors();
        run.title("a global interpreter lock (Python's GIL, built in Java)");
        run.concept("If every thread must hold one global lock to run, only one runs at a time: CPU-bound work gets no "
                + "faster with threads. I/O-bound work still does, because a thread lets go of the lock while it waits.");
        run.happens("CPU work (chunks of arithmetic) on 1 thread, on " + n + " threads through one global lock, and on "
                + n + " threads without it (" + cores + " cores here); then I/O-bound requests on 1 and on " + n
                + " threads, with the lock released during each " + IO_MILLIS + " ms wait.");
        run.watch("jvm_lock_wait_seconds{jvm_lock_type=\"reentrant_lock\"}", "threads queueing for the global lock",
                Panel.LOCKS);
        run.watch("jvm_thread_time_seconds_total{cause=\"lock\"} vs {cause=\"running\"}",
                "the global-lock workers spend most of their time waiting for it", Panel.THREADS);

        double one = perSecond(run.phase(4), 1, "solo", this::cpuChunk);
        double withLock = perSecond(run.phase(4), n, "gil-worker", () -> {
            interpreterLock.lock();
            try {
                cpuChunk();
            } finally {
                interpreterLock.unlock();
            }
        });
        double free = perSecond(run.phase(4), n, "free-worker", this::cpuChunk);
        run.say("CPU-bound: 1 thread %s chunks/s; %d threads with the global lock %s (x%s); %d threads without it %s (x%s)",
                fmt(one), n, fmt(withLock), ratio(withLock, one), n, fmt(free), ratio(free, one));

        Runnable request = () -> {
            interpreterLock.lock();
            try {
                Workers.crunch(System.nanoTime(), 2_000); // a little work that needs the lock
            } finally {
                interpreterLock.unlock(); // released while waiting for I/O, as CPython does
            }
            try {
                Thread.sleep(IO_MILLIS); // the I/O
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        double ioOne = perSecond(run.phase(8), 1, "io-solo", request);
        double ioMany = perSecond(Deadline.after(run.deadline().remaining()), n, "io-worker", request);
        run.say("I/O-bound: 1 thread %s requests/s; %d threads %s (x%s), the global lock notwithstanding", fmt(ioOne), n,
                fmt(ioMany), ratio(ioMany, ioOne));
        run.result("with the global lock %d threads did x%s the work of one (CPU-bound); without it x%s; "
                + "for I/O-bound work x%s", n, ratio(withLock, one), ratio(free, one), ratio(ioMany, ioOne));
    }

    private void cpuChunk() {
        sink.addAndGet(Workers.crunch(System.nanoTime(), CHUNK));
    }

    /** Runs {@code work} in a loop on {@code threads} threads until {@code until}; returns iterations per second. */
    private static double perSecond(Deadline until, int threads, String name, Runnable work) throws InterruptedException {
        AtomicLong done = new AtomicLong();
        long start = System.nanoTime();
        List<Thread> workers = Workers.startAll(name, threads, i -> {
            do {
                work.run();
                done.incrementAndGet();
            } while (!until.passed());
        });
        Workers.joinAll(workers);
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static String fmt(double perSecond) {
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }

    private static String ratio(double a, double b) {
        return String.format(Locale.ROOT, "%.1f", b == 0 ? 0 : a / b);
    }
}
