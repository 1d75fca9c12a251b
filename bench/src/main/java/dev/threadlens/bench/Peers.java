package dev.threadlens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Overhead side by side with the tools users would pick instead: the same workloads with no
 * agent, threadlens (defaults, and everything on), JFR alone (default and profile settings),
 * async-profiler's lock profiling and the OpenTelemetry Java agent. Configurations run
 * round-robin, several rounds, the order rotated each round, so that drift on the machine hits
 * all alike. Writes {@code bench/target/peers.md}.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar peers [--quick] [--rounds N] [--only micro,app,startup,footprint,attach,scrape]
 *                                             [--configs none,threadlens,...] [--micro LockUncontended,...]
 * </pre>
 */
public final class Peers {

    private static final List<String> PARTS = List.of("micro", "app", "startup", "footprint", "attach", "scrape");

    private Peers() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        int rounds = 0;
        Set<String> parts = new HashSet<>(PARTS);
        Set<String> only = null;
        Set<String> microOnly = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--quick" -> quick = true;
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--only" -> parts = new HashSet<>(Arrays.asList(args[++i].split(",")));
                case "--configs" -> only = new HashSet<>(Arrays.asList(args[++i].split(",")));
                case "--micro" -> microOnly = new HashSet<>(Arrays.asList(args[++i].split(",")));
                default -> {
                    System.err.println("usage: peers [--quick] [--rounds N] [--only " + String.join(",", PARTS)
                            + "] [--configs name,...] [--micro benchmark,...]");
                    System.exit(2);
                }
            }
        }
        Settings s = quick ? Settings.QUICK : Settings.FULL;
        if (rounds > 0) {
            s = s.withRounds(rounds);
        }
        Path target = Path.of(ChildJava.classPath()).toAbsolutePath().getParent();
        Path out = target.resolve("peers-run");
        Files.createDirectories(out);
        String agentJar = Compare.findAgentJar();
        List<PeerConfig> configs = new ArrayList<>();
        for (PeerConfig c : PeerConfig.all(agentJar, target.resolve("peers"), out)) {
            if (only == null || only.contains(c.name()) || c.name().equals(PeerConfig.NONE)) {
                configs.add(c);
            }
        }
        List<String> names = configs.stream().map(PeerConfig::name).toList();
        RatioTable work = new RatioTable(PeerConfig.NONE, names);
        RatioTable process = new RatioTable(PeerConfig.NONE, names);
        PeerReport report = new PeerReport(names, s, quick, Machine.describe());
        Instant started = Instant.now();
        PeerMicro micro = new PeerMicro(microOnly, s.warmups, s.iterations, s.seconds);
        PeerWholeApp app = new PeerWholeApp(s.appWarmupSeconds, s.appMeasureSeconds);
        for (int round = 0; round < s.rounds; round++) {
            // Each benchmark under every configuration in turn, so the runs compared are close in time.
            if (parts.contains("micro")) {
                for (String benchmark : micro.benchmarks()) {
                    for (int k = 0; k < configs.size(); k++) {
                        PeerConfig c = configs.get((k + round) % configs.size());
                        progress(started, round, s, PeerMicro.shortName(benchmark) + " under " + c.name());
                        micro.run(benchmark, c, work, out, c.name() + "-r" + round);
                    }
                }
            }
            for (int k = 0; k < configs.size(); k++) {
                PeerConfig c = configs.get((k + round) % configs.size());
                progress(started, round, s, "whole app, start-up, footprint under " + c.name() + " (" + c.description() + ")");
                Path log = out.resolve(c.name() + ".log");
                if (parts.contains("app")) {
                    app.run(c, work, log);
                }
                if (parts.contains("startup")) {
                    for (int i = 0; i < s.startups; i++) {
                        ProcessCosts.startup(c, process, log);
                    }
                }
                if (parts.contains("footprint")) {
                    ProcessCosts.footprint(c, process, log, s.settleMillis);
                }
            }
        }
        if (parts.contains("attach")) {
            System.out.println("== attach to a JVM with " + AttachCost.CLASSES + " classes");
            report.attach(AttachCost.measure(agentJar, PeerConfig.extractAsyncProfiler(target.resolve("peers")), out,
                    s.attaches));
        }
        if (parts.contains("scrape")) {
            System.out.println("== scrape with " + ScrapeCost.SITES + " sites and " + ScrapeCost.POOLS + " pools");
            report.scrape(ScrapeCost.measure(agentJar, out, s.scrapeWarmups, s.scrapes));
        }
        report.finished(Duration.between(started, Instant.now()), Machine.load());
        String markdown = report.markdown(configs, work, process);
        System.out.println();
        System.out.println(markdown);
        Path file = target.resolve("peers.md");
        Files.writeString(file, markdown);
        System.out.println("written to " + file);
    }

    private static void progress(Instant started, int round, Settings s, String what) {
        System.out.printf("== round %d/%d, %s, %d s elapsed%n", round + 1, s.rounds, what,
                Duration.between(started, Instant.now()).toSeconds());
    }

    /** How long each part runs. */
    record Settings(int rounds, int warmups, int iterations, int seconds, double appWarmupSeconds,
            double appMeasureSeconds, int startups, long settleMillis, int attaches, int scrapeWarmups, int scrapes) {

        static final Settings QUICK = new Settings(1, 1, 2, 1, 2, 3, 1, 1_000, 1, 3, 10);
        static final Settings FULL = new Settings(3, 1, 3, 1, 2, 6, 2, 2_000, 2, 5, 20);

        Settings withRounds(int n) {
            return new Settings(n, warmups, iterations, seconds, appWarmupSeconds, appMeasureSeconds, startups,
                    settleMillis, attaches, scrapeWarmups, scrapes);
        }
    }

    /** What the figures were measured on. */
    static final class Machine {
        private Machine() {
        }

        static String describe() {
            String cpu = "unknown CPU";
            String memory = "";
            try {
                cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
                memory = Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                        .map(l -> ", " + Long.parseLong(l.replaceAll("\\D", "")) / 1024 / 1024 + " GiB").findFirst()
                        .orElse("");
            } catch (IOException | RuntimeException e) {
                // not Linux: the JVM's view below still says something
            }
            return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores" + memory + ", "
                    + System.getProperty("os.name") + " " + System.getProperty("os.version") + ", "
                    + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version")
                    + "; load average at start " + load();
        }

        static String load() {
            try {
                String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
                return f[0] + " / " + f[1] + " / " + f[2];
            } catch (IOException | RuntimeException e) {
                return "unknown";
            }
        }
    }
}
