package dev.threadlens.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * One lock shared by 2 or 4 threads, a little work inside and outside. With {@code fair=true}
 * nearly every acquisition queues (the slow path the probes time), so the difference per
 * operation with and without the agent is the cost added per contended acquisition. Target: no
 * more than 300 ns. {@code java -jar bench/target/benchmarks.jar LockContended}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class LockContendedBenchmark {

    @Param({"true", "false"})
    public boolean fair;

    private ReentrantLock lock;
    private long shared;

    @Setup
    public void makeLock() {
        lock = new ReentrantLock(fair);
    }

    @Benchmark
    @Threads(2)
    public long twoThreads() {
        return critical();
    }

    @Benchmark
    @Threads(4)
    public long fourThreads() {
        return critical();
    }

    private long critical() {
        lock.lock();
        try {
            Blackhole.consumeCPU(20);
            return ++shared;
        } finally {
            lock.unlock();
            Blackhole.consumeCPU(20);
        }
    }
}
