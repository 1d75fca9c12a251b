package dev.threadlens.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What {@code lockOrder=true} costs on every acquisition: uncontended lock/unlock, two nested
 * locks (an order the tracker already knows), and a read lock. Compare the {@code lockOrder}
 * column with {@code none} and {@code agent} (which must not differ: without the option the
 * lock-order probes are not installed).
 * <pre>java -jar bench/target/benchmarks.jar LockOrder --variant lockOrder=lockOrder=true</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class LockOrderBenchmark {

    private final ReentrantLock outer = new ReentrantLock();
    private final ReentrantLock inner = new ReentrantLock();
    private final ReentrantReadWriteLock readWrite = new ReentrantReadWriteLock();
    private long counter;

    @Benchmark
    public long lockUnlock() {
        outer.lock();
        try {
            return ++counter;
        } finally {
            outer.unlock();
        }
    }

    @Benchmark
    public long nestedLockUnlock() {
        outer.lock();
        try {
            inner.lock();
            try {
                return ++counter;
            } finally {
                inner.unlock();
            }
        } finally {
            outer.unlock();
        }
    }

    @Benchmark
    public long readLockUnlock() {
        readWrite.readLock().lock();
        try {
            return counter;
        } finally {
            readWrite.readLock().unlock();
        }
    }

    @Benchmark
    public boolean tryLockUnlock() {
        if (outer.tryLock()) {
            outer.unlock();
            return true;
        }
        return false;
    }
}
