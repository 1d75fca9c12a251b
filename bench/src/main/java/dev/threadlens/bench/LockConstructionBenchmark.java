package dev.threadlens.bench;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * What creation sites cost: each primitive's constructor walks the stack once (a few
 * microseconds) and registers it in a weak map. Compare with the agent's
 * {@code siteCapture=contention}, which leaves constructors alone:
 * {@code java -jar bench/target/benchmarks.jar LockConstruction --variant contention=siteCapture=contention}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LockConstructionBenchmark {

    @Benchmark
    public Object reentrantLock() {
        return new ReentrantLock();
    }

    @Benchmark
    public Object readWriteLock() {
        return new ReentrantReadWriteLock();
    }

    @Benchmark
    public Object semaphore() {
        return new Semaphore(1);
    }

    @Benchmark
    public Object countDownLatch() {
        return new CountDownLatch(1);
    }

    /** Two locks and two conditions, each registered with the line that made the queue. */
    @Benchmark
    public Object linkedBlockingQueue() {
        return new LinkedBlockingQueue<Object>();
    }

    /** One lock and two conditions. */
    @Benchmark
    public Object arrayBlockingQueue() {
        return new ArrayBlockingQueue<Object>(16);
    }
}
