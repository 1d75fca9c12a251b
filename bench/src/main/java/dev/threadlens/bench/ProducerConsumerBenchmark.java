package dev.threadlens.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * One producer and one consumer hand items over through a small buffer guarded by a lock and
 * two application conditions ({@code notFull}, {@code notEmpty}): awaits, signals and contended
 * acquisitions together. Waits are timed (1 ms) so neither side hangs when the other stops at
 * the end of an iteration; a timed-out wait just returns.
 * {@code java -jar bench/target/benchmarks.jar ProducerConsumer}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Group)
public class ProducerConsumerBenchmark {

    private static final int CAPACITY = 8;
    private static final long WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notFull = lock.newCondition();
    private final Condition notEmpty = lock.newCondition();
    private final long[] items = new long[CAPACITY];
    private int head;
    private int count;
    private long next;

    @Benchmark
    @Group("handOver")
    @GroupThreads(1)
    public boolean put() throws InterruptedException {
        lock.lock();
        try {
            long nanos = WAIT_NANOS;
            while (count == CAPACITY) {
                if (nanos <= 0) {
                    return false;
                }
                nanos = notFull.awaitNanos(nanos);
            }
            items[(head + count) % CAPACITY] = next++;
            count++;
            notEmpty.signal();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Benchmark
    @Group("handOver")
    @GroupThreads(1)
    public long take() throws InterruptedException {
        lock.lock();
        try {
            long nanos = WAIT_NANOS;
            while (count == 0) {
                if (nanos <= 0) {
                    return -1;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            long item = items[head];
            head = (head + 1) % CAPACITY;
            count--;
            notFull.signal();
            return item;
        } finally {
            lock.unlock();
        }
    }
}
