package dev.threadlens.bench;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import io.micrometer.core.instrument.binder.jvm.ExecutorServiceMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Executor probes: tiny tasks submitted and waited for, on a {@code ThreadPoolExecutor} and a
 * {@code ForkJoinPool} of {@code threads} threads (two unless set), where the per-task cost of
 * measuring is most visible.
 * {@code wrap=micrometer} measures the same pool through Micrometer's
 * {@code ExecutorServiceMetrics.monitor(...)}, the usual alternative (it wraps every task).
 * Run by {@link Compare} without and with the agent; the rows to compare are
 * {@code none/plain} (baseline), {@code agent/plain} (threadlens) and {@code none/micrometer}.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar ExecutorBenchmark
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class ExecutorBenchmark {

    static final int BURST = 100;
    static final int BACKLOG = 1000;

    /** A task that does a little work, so the JIT cannot drop it. */
    private static final Callable<Integer> TINY = () -> {
        Blackhole.consumeCPU(16);
        return 1;
    };

    @Param({"thread_pool", "fork_join"})
    public String executor;

    @Param({"plain", "micrometer"})
    public String wrap;

    /** Pool threads; {@code executors} runs one, so that with JMH's thread two cores suffice. */
    @Param({"2"})
    public int threads;

    private ExecutorService raw;
    private ExecutorService pool;

    @Setup(Level.Trial)
    public void setUp() {
        raw = executor.equals("thread_pool")
                ? new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>())
                : new ForkJoinPool(threads);
        pool = wrap.equals("micrometer") ? ExecutorServiceMetrics.monitor(new SimpleMeterRegistry(), raw, "bench") : raw;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws InterruptedException {
        raw.shutdownNow();
        raw.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** One task, then wait for it: the hand-off latency, probes included. */
    @Benchmark
    public Integer submitAndWait() throws Exception {
        return pool.submit(TINY).get();
    }

    /** A burst of tasks that queue up, then wait for all of them: throughput with a backlog. */
    @Benchmark
    @OperationsPerInvocation(BURST)
    public void burstAndWait(Blackhole bh) throws Exception {
        @SuppressWarnings("unchecked")
        Future<Integer>[] futures = new Future[BURST];
        for (int i = 0; i < BURST; i++) {
            futures[i] = pool.submit(TINY);
        }
        for (Future<Integer> f : futures) {
            bh.consume(f.get());
        }
    }

    /**
     * A backlog drained: {@value #BACKLOG} tasks submitted while every worker is held by a gate
     * task, then the gate opens and the workers drain the queue. No thread parks or wakes per
     * task, so this is the per-task cost (submit, queue, run) without the hand-off's scheduling
     * noise, which on two cores swings the burst rows by a factor of two either way.
     */
    @Benchmark
    @OperationsPerInvocation(BACKLOG)
    public Integer backlog() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        for (int i = 0; i < threads; i++) {
            pool.execute(() -> {
                try {
                    gate.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        Future<Integer> last = null;
        for (int i = 0; i < BACKLOG; i++) {
            last = pool.submit(TINY);
        }
        gate.countDown();
        return last.get();
    }
}
