package dev.threadlens.bench;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The uncontended fast paths the lock probes must leave untouched: one thread, nothing ever
 * waits. Target: within measurement noise of the run without the agent (no more than 2%).
 * {@code java -jar bench/target/benchmarks.jar LockUncontended}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class LockUncontendedBenchmark {

    private final ReentrantLock lock = new ReentrantLock();
    private final ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
    private final Semaphore semaphore = new Semaphore(1);
    private final StampedLock stamped = new StampedLock();
    private CountDownLatch latch;
    private int counter;

    /** A latch that never reaches zero within an iteration: every countDown is an uncontended one. */
    @Setup(Level.Iteration)
    public void freshLatch() {
        latch = new CountDownLatch(Integer.MAX_VALUE);
    }

    @Benchmark
    public int reentrantLockUnlock() {
        lock.lock();
        try {
            return ++counter;
        } finally {
            lock.unlock();
        }
    }

    @Benchmark
    public int reentrantTryLockUnlock() {
        if (lock.tryLock()) {
            try {
                return ++counter;
            } finally {
                lock.unlock();
            }
        }
        return counter;
    }

    @Benchmark
    public int semaphoreAcquireRelease() throws InterruptedException {
        semaphore.acquire();
        try {
            return ++counter;
        } finally {
            semaphore.release();
        }
    }

    @Benchmark
    public long countDown() {
        latch.countDown();
        return latch.getCount();
    }

    @Benchmark
    public int readLockUnlock() {
        rw.readLock().lock();
        try {
            return ++counter;
        } finally {
            rw.readLock().unlock();
        }
    }

    @Benchmark
    public int stampedWriteLockUnlock() {
        long stamp = stamped.writeLock();
        try {
            return ++counter;
        } finally {
            stamped.unlockWrite(stamp);
        }
    }
}
