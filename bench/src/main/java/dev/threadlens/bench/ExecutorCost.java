package dev.threadlens.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;

import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * The executor issue's question, answered with intervals narrow enough to judge 5%: tiny tasks
 * on a {@code ThreadPoolExecutor} and a {@code ForkJoinPool}, with no agent, with threadlens and
 * through Micrometer's {@code ExecutorServiceMetrics.monitor(...)}. Each round runs every
 * configuration once (one JMH fork each, the order rotated every round) so that drift on the
 * machine hits all alike; the measured iterations of all rounds are pooled. The pool has one
 * thread by default: with JMH's thread that fills two cores, where two workers would leave the
 * three threads fighting over them and the noise would swamp a few percent.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar executors [--rounds N] [--iterations N] [--threads N]
 * </pre>
 * Writes {@code bench/target/executors.md}.
 */
final class ExecutorCost {

    private static final String NONE = "none";
    private static final String THREADLENS = "threadlens";
    private static final String MICROMETER = "micrometer";
    private static final List<String> CONFIGS = List.of(NONE, THREADLENS, MICROMETER);
    private static final List<String> EXECUTORS = List.of("thread_pool", "fork_join");

    private ExecutorCost() {
    }

    static void main(String[] args) throws Exception {
        int rounds = 5;
        int iterations = 5;
        int threads = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--rounds" -> rounds = positive(args, ++i);
                case "--iterations" -> iterations = positive(args, ++i);
                case "--threads" -> threads = positive(args, ++i);
                default -> usage("unknown argument '" + args[i] + "'");
            }
        }
        String agentJar = Compare.findAgentJar();
        RatioTable table = new RatioTable(NONE, CONFIGS);
        for (int round = 0; round < rounds; round++) {
            for (int k = 0; k < CONFIGS.size(); k++) {
                String config = CONFIGS.get((k + round) % CONFIGS.size());
                System.out.printf("== round %d/%d under %s%n", round + 1, rounds, config);
                for (RunResult r : run(config, agentJar, iterations, threads)) {
                    table.add(workload(r.getParams()), r.getPrimaryResult().getScoreUnit(), true, config,
                            PeerMicro.iterationScores(r));
                }
            }
        }
        String report = "Executor cost, " + rounds + " round" + (rounds == 1 ? "" : "s")
                + " of one fork per configuration, " + iterations + " measured 1-s iterations per fork, a pool of "
                + threads + " thread" + (threads == 1 ? "" : "s") + ".\n"
                + "Cost ratios to no agent (throughput without / with: above 1 is slower), 99.9% intervals;"
                + " ≈ marks an interval that contains 1.\n\n" + table.markdown();
        System.out.println();
        System.out.println(report);
        Path out = Path.of("bench", "target", "executors.md");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, report);
            System.out.println("written to " + out);
        }
    }

    private static Collection<RunResult> run(String config, String agentJar, int iterations, int threads)
            throws Exception {
        ChainedOptionsBuilder options = new OptionsBuilder().include("\\.ExecutorBenchmark\\.")
                .param("executor", EXECUTORS.toArray(new String[0]))
                .param("wrap", config.equals(MICROMETER) ? "micrometer" : "plain")
                .param("threads", String.valueOf(threads))
                .forks(1).shouldFailOnError(true)
                .warmupIterations(3).warmupTime(TimeValue.seconds(1))
                .measurementIterations(iterations).measurementTime(TimeValue.seconds(1));
        if (config.equals(THREADLENS)) {
            options.jvmArgsAppend("-javaagent:" + agentJar + "=port=0,logLevel=warn");
        }
        return new Runner(options.build()).run();
    }

    private static String workload(BenchmarkParams params) {
        String name = params.getBenchmark();
        return name.substring(name.lastIndexOf('.') + 1) + ", " + params.getParam("executor");
    }

    private static int positive(String[] args, int i) {
        if (i < args.length) {
            try {
                int n = Integer.parseInt(args[i]);
                if (n > 0) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        usage(args[i - 1] + " wants a positive whole number");
        return 0;
    }

    private static void usage(String problem) {
        System.err.println("executors: " + problem);
        System.err.println("usage: java -jar bench/target/benchmarks.jar executors [--rounds N] [--iterations N] "
                + "[--threads N]");
        System.exit(2);
    }
}
