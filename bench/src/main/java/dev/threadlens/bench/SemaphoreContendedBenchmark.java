package dev.threadlens.bench;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Four threads share two permits, a little work with a permit and without: about half the
 * acquisitions queue, the path the semaphore probes time.
 * {@code java -jar bench/target/benchmarks.jar SemaphoreContended}
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
public class SemaphoreContendedBenchmark {

    private final Semaphore permits = new Semaphore(2);

    @Benchmark
    @Threads(4)
    public void fourThreadsTwoPermits() throws InterruptedException {
        permits.acquire();
        try {
            Blackhole.consumeCPU(40);
        } finally {
            permits.release();
        }
        Blackhole.consumeCPU(20);
    }
}
