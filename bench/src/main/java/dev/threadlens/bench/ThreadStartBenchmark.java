package dev.threadlens.bench;

import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/** Thread lifecycle probes: the cost of {@code new Thread(..).start(); join()}. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ThreadStartBenchmark {

    @Benchmark
    public Thread startAndJoin() throws InterruptedException {
        Thread t = new Thread(ThreadStartBenchmark::work);
        t.start();
        t.join();
        return t;
    }

    @Benchmark
    public Thread startAndJoinDaemon() throws InterruptedException {
        Thread t = new Thread(ThreadStartBenchmark::work);
        t.setDaemon(true);
        t.start();
        t.join();
        return t;
    }

    private static void work() {
        // An empty thread: what is measured is start, exit and join.
    }
}
