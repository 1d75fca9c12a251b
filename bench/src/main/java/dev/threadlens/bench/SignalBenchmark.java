package dev.threadlens.bench;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Signals with nobody waiting, on one thread: the condition probe looks the condition up to
 * count a user's lost signal, and skips a queue's own. {@code ArrayBlockingQueue.offer} signals
 * its notEmpty condition every time, so this is the probes' cost on a queue's hot path.
 * {@code java -jar bench/target/benchmarks.jar Signal}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class SignalBenchmark {

    private final ArrayBlockingQueue<Integer> queue = new ArrayBlockingQueue<>(16);
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition condition = lock.newCondition();
    private final Integer item = 42;

    @Benchmark
    public Integer arrayBlockingQueueOfferPoll() {
        queue.offer(item);
        return queue.poll();
    }

    @Benchmark
    public int conditionSignalNobodyWaiting() {
        lock.lock();
        try {
            condition.signal();
            return lock.getHoldCount();
        } finally {
            lock.unlock();
        }
    }
}
