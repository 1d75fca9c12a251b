package dev.threadlens.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/** The micro-benchmarks of the comparison, one JMH fork each, run with a configuration's arguments. */
final class PeerMicro {

    /** The workloads the issue names, each pinned to one parameter set. */
    static final List<String> BENCHMARKS = List.of(
            "\\.LockUncontendedBenchmark\\.reentrantLockUnlock$",
            "\\.LockUncontendedBenchmark\\.semaphoreAcquireRelease$",
            "\\.LockContendedBenchmark\\.fourThreads$",
            "\\.SemaphoreContendedBenchmark\\.fourThreadsTwoPermits$",
            "\\.ProducerConsumerBenchmark\\.handOver$",
            "\\.ExecutorBenchmark\\.submitAndWait$",
            "\\.ThreadStartBenchmark\\.startAndJoin$");

    private final List<String> benchmarks;
    private final int warmups;
    private final int iterations;
    private final int seconds;

    /** @param only names (or parts of names) of the benchmarks to run; null for all */
    PeerMicro(java.util.Collection<String> only, int warmups, int iterations, int seconds) {
        this.benchmarks = BENCHMARKS.stream()
                .filter(b -> only == null || only.stream().anyMatch(o -> shortName(b).contains(o))).toList();
        this.warmups = warmups;
        this.iterations = iterations;
        this.seconds = seconds;
    }

    /** Runs one benchmark under {@code config} and adds each measured iteration to the table. */
    List<String> benchmarks() {
        return benchmarks;
    }

    void run(String benchmark, PeerConfig config, RatioTable table, Path logs, String prefix) {
        String name = shortName(benchmark);
        Path log = logs.resolve(prefix + "-" + name + ".log");
        ChainedOptionsBuilder options = new OptionsBuilder().include(benchmark)
                .param("fair", "false").param("executor", "thread_pool").param("wrap", "plain")
                .forks(1).shouldFailOnError(true)
                .warmupIterations(warmups).warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(seconds))
                .output(log.toString());
        if (!config.jvmArgs().isEmpty()) {
            options.jvmArgsAppend(config.jvmArgs().toArray(new String[0]));
        }
        try {
            Collection<RunResult> results = runWhenFree(new Runner(options.build()));
            for (RunResult r : results) {
                table.add(name, unit(r), r.getParams().getMode() == Mode.Throughput, config.name(), iterationScores(r));
            }
        } catch (Exception e) {
            table.fail(name, "", false, config.name(), e.getClass().getSimpleName());
            System.out.println("   " + name + " under " + config.name() + " failed: " + e + " (see " + log + ")");
        }
    }

    /**
     * JMH refuses to run while another JMH instance on the machine holds its lock (someone
     * else's benchmark): wait for it rather than measure both at once, up to 15 minutes.
     */
    private static Collection<RunResult> runWhenFree(Runner runner) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(15);
        while (true) {
            try {
                return runner.run();
            } catch (RunnerException e) {
                if (String.valueOf(e.getMessage()).contains("JMH lock") && System.nanoTime() < deadline) {
                    System.out.println("   another JMH run holds the lock; waiting");
                    Thread.sleep(10_000);
                    continue;
                }
                throw e;
            }
        }
    }

    static String shortName(String regex) {
        return regex.replace("\\.", ".").replace("$", "").replaceFirst("^\\.", "").replace("Benchmark.", ".");
    }

    private static String unit(RunResult r) {
        return r.getPrimaryResult().getScoreUnit();
    }

    /** Every measured iteration's score, of every fork. */
    static List<Double> iterationScores(RunResult r) {
        List<Double> scores = new ArrayList<>();
        for (BenchmarkResult b : r.getBenchmarkResults()) {
            for (IterationResult i : b.getIterationResults()) {
                scores.add(i.getPrimaryResult().getScore());
            }
        }
        return scores;
    }
}
