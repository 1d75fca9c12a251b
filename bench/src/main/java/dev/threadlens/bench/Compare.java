package dev.threadlens.bench;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs benchmarks without the agent and with it (one JMH fork per variant, the agent loaded with
 * {@code -javaagent} into the fork) and prints the difference.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar [regex] [--quick | --iterations N --time S] [--variant name=agentOptions]...
 * </pre>
 * {@code --iterations N --time S}: N warm-up and N measured iterations of S seconds each (else
 * the benchmark's own or JMH's defaults); {@code --quick}: 2 and 3 iterations of a second, a
 * smoke test only.
 * The default variants are {@code none} (no agent) and {@code agent} (default options). Each
 * {@code --variant} adds one, for example {@code --variant lockOrder=lockOrder=true}.
 * Results also go to {@code bench/target/compare-<regex>.md}.
 * {@code java -jar bench/target/benchmarks.jar peers [--quick]} runs the comparison with other
 * tools instead ({@link Peers}), and {@code executors} the executor cost in rounds ({@link ExecutorCost}).
 */
public final class Compare {

    private static final String NO_AGENT = "none";

    private Compare() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("peers")) {
            Peers.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("executors")) {
            ExecutorCost.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        String include = ".*";
        boolean quick = false;
        int iterations = 0;
        int seconds = 0;
        Map<String, String> variants = new LinkedHashMap<>();
        variants.put(NO_AGENT, null);
        variants.put("agent", "");
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--quick")) {
                quick = true;
            } else if (a.equals("--iterations") && i + 1 < args.length) {
                iterations = positive(args[++i], a);
            } else if (a.equals("--time") && i + 1 < args.length) {
                seconds = positive(args[++i].replaceAll("s$", ""), a);
            } else if (a.equals("--variant") && i + 1 < args.length) {
                String v = args[++i];
                int eq = v.indexOf('=');
                if (eq <= 0) {
                    usage("--variant wants name=agentOptions, got '" + v + "'");
                }
                variants.put(v.substring(0, eq), v.substring(eq + 1));
            } else if (a.startsWith("--")) {
                usage("unknown flag " + a);
            } else {
                include = a;
            }
        }
        String agentJar = findAgentJar();
        Map<String, Map<String, RunResult>> byVariant = new LinkedHashMap<>();
        for (Map.Entry<String, String> v : variants.entrySet()) {
            System.out.println("== variant " + v.getKey() + (v.getValue() == null ? " (no agent)"
                    : " (-javaagent:" + agentJar + (v.getValue().isEmpty() ? "" : "=" + v.getValue()) + ")"));
            ChainedOptionsBuilder options = new OptionsBuilder().include(include).forks(1).shouldFailOnError(true);
            if (quick) {
                options.warmupIterations(2).warmupTime(TimeValue.seconds(1))
                        .measurementIterations(3).measurementTime(TimeValue.seconds(1));
            }
            if (iterations > 0) {
                options.warmupIterations(iterations).measurementIterations(iterations);
            }
            if (seconds > 0) {
                options.warmupTime(TimeValue.seconds(seconds)).measurementTime(TimeValue.seconds(seconds));
            }
            if (v.getValue() != null) {
                String arg = "-javaagent:" + agentJar + "=port=0,logLevel=warn"
                        + (v.getValue().isEmpty() ? "" : "," + v.getValue());
                options.jvmArgsAppend(arg);
            }
            Collection<RunResult> results = new Runner(options.build()).run();
            Map<String, RunResult> byName = new LinkedHashMap<>();
            for (RunResult r : results) {
                byName.put(label(r), r);
            }
            byVariant.put(v.getKey(), byName);
        }
        String table = table(byVariant);
        System.out.println();
        System.out.println(table);
        Path out = Path.of("bench", "target", "compare-" + include.replaceAll("[^A-Za-z0-9]+", "_") + ".md");
        if (Files.isDirectory(out.getParent())) {
            Files.writeString(out, table);
            System.out.println("written to " + out);
        }
    }

    private static int positive(String text, String flag) {
        try {
            int n = Integer.parseInt(text);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        usage(flag + " wants a positive whole number, got '" + text + "'");
        return 0;
    }

    private static String label(RunResult r) {
        String name = r.getParams().getBenchmark();
        name = name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1);
        StringBuilder params = new StringBuilder();
        for (String key : r.getParams().getParamsKeys()) {
            params.append(params.length() == 0 ? " (" : ", ").append(key).append('=')
                    .append(r.getParams().getParam(key));
        }
        return name + (params.length() > 0 ? params.append(')') : "");
    }

    /** A markdown table: one row per benchmark, one column per variant, and the change vs no agent. */
    static String table(Map<String, Map<String, RunResult>> byVariant) {
        List<String> variants = new ArrayList<>(byVariant.keySet());
        StringBuilder sb = new StringBuilder("| benchmark | unit |");
        for (String v : variants) {
            sb.append(' ').append(v).append(" |");
            if (!v.equals(NO_AGENT)) {
                sb.append(" vs none |");
            }
        }
        sb.append('\n').append("|---|---|");
        for (String v : variants) {
            sb.append("---|");
            if (!v.equals(NO_AGENT)) {
                sb.append("---|");
            }
        }
        sb.append('\n');
        Map<String, RunResult> base = byVariant.get(NO_AGENT);
        for (String bench : base.keySet()) {
            RunResult b = base.get(bench);
            sb.append("| ").append(bench).append(" | ").append(b.getPrimaryResult().getScoreUnit()).append(" |");
            for (String v : variants) {
                RunResult r = byVariant.get(v).get(bench);
                if (r == null) {
                    sb.append(" - |");
                    continue;
                }
                double score = r.getPrimaryResult().getScore();
                double err = r.getPrimaryResult().getScoreError();
                sb.append(String.format(Locale.ROOT, " %.3f ± %.3f |", score, Double.isNaN(err) ? 0 : err));
                if (!v.equals(NO_AGENT)) {
                    double baseScore = b.getPrimaryResult().getScore();
                    sb.append(String.format(Locale.ROOT, " %+.1f%% |", (score - baseScore) / baseScore * 100));
                }
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    static String findAgentJar() {
        String configured = System.getProperty("threadlens.agent.jar");
        if (configured != null) {
            return new File(configured).getAbsolutePath();
        }
        for (String candidate : new String[] {"agent/target/threadlens-agent.jar", "../agent/target/threadlens-agent.jar"}) {
            File f = new File(candidate);
            if (f.isFile()) {
                return f.getAbsolutePath();
            }
        }
        usage("cannot find agent/target/threadlens-agent.jar; build it (mvn -B package) or pass -Dthreadlens.agent.jar=");
        return null;
    }

    private static void usage(String problem) {
        System.err.println("Compare: " + problem);
        System.err.println("usage: java -jar bench/target/benchmarks.jar [regex] [--quick | --iterations N --time S] [--variant name=agentOptions]...");
        System.exit(2);
    }
}
