package dev.threadlens.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * What the agent's JFR stream costs the application. Four background threads keep JFR busy the
 * whole time (synchronized contention with 15 ms holds, Object.wait, parks and sleeps of 15 ms,
 * all above the default 10 ms thresholds: a few hundred events a second for the stream to
 * read), while the benchmarks measure
 * <ul>
 * <li>{@code compute}: a CPU-bound method, which loses whatever CPU the stream and the event
 * commits take;
 * <li>{@code contendedShortHolds}: four threads on one monitor with holds far below the
 * threshold, where JFR's monitor-enter timing runs on every contended enter but no event is kept.
 * </ul>
 * Run with and without the stream (the lead runs it on a quiet machine):
 * <pre>
 * java -jar bench/target/benchmarks.jar JfrStream --variant nojfr=jfr=false --variant notime=threadTimeInterval=0
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class JfrStreamBenchmark {

    private static final long HOLD_MS = 15;

    private final Object contended = new Object();
    private final Object hot = new Object();
    private final List<Thread> background = new ArrayList<>();
    private volatile boolean running;
    private long counter;
    private long seed = 42;

    @Setup(Level.Trial)
    public void startBackground() {
        running = true;
        for (int i = 0; i < 2; i++) {
            background(() -> {
                synchronized (contended) {
                    pause(HOLD_MS); // the other one blocks: a jdk.JavaMonitorEnter event per hold
                }
            }, "bench-contender-" + i);
        }
        Object mailbox = new Object();
        background(() -> {
            synchronized (mailbox) {
                try {
                    mailbox.wait(HOLD_MS); // jdk.JavaMonitorWait
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(HOLD_MS)); // jdk.ThreadPark
        }, "bench-waiter");
        background(() -> pause(HOLD_MS), "bench-sleeper"); // jdk.ThreadSleep
    }

    private void background(Runnable step, String name) {
        Thread t = new Thread(() -> {
            while (running) {
                step.run();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        background.add(t);
    }

    @TearDown(Level.Trial)
    public void stopBackground() throws InterruptedException {
        running = false;
        for (Thread t : background) {
            t.join();
        }
        background.clear();
    }

    /** CPU-bound work: an xorshift loop the JIT cannot fold away. */
    @Benchmark
    public long compute() {
        long x = seed;
        for (int i = 0; i < 1_000; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        seed = x;
        return x;
    }

    /** Contended monitor enters with holds far below the JFR threshold. */
    @Benchmark
    @Threads(4)
    public long contendedShortHolds() {
        synchronized (hot) {
            return ++counter;
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
