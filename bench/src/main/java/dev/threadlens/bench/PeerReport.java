package dev.threadlens.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The Markdown of a {@link Peers} run: tables, the machine, and each target met or missed. */
final class PeerReport {

    static final double WHOLE_APP_TARGET = 1.03;
    static final double STARTUP_TARGET_MS = 300;
    static final double ATTACH_TARGET_MS = 2_000;
    static final double SCRAPE_TARGET_MS = 50;

    private final List<String> configs;
    private final Peers.Settings settings;
    private final boolean quick;
    private final String machine;
    private AttachCost.Result attach;
    private ScrapeCost.Result scrape;
    private Duration took = Duration.ZERO;
    private String endLoad = "";

    PeerReport(List<String> configs, Peers.Settings settings, boolean quick, String machine) {
        this.configs = configs;
        this.settings = settings;
        this.quick = quick;
        this.machine = machine;
    }

    void attach(AttachCost.Result r) {
        attach = r;
    }

    void scrape(ScrapeCost.Result r) {
        scrape = r;
    }

    void finished(Duration duration, String load) {
        took = duration;
        endLoad = load;
    }

    String markdown(List<PeerConfig> all, RatioTable work, RatioTable process) {
        StringBuilder sb = new StringBuilder();
        sb.append("Measured on ").append(machine).append("; at the end ").append(endLoad).append(". ")
                .append(settings.rounds()).append(settings.rounds() == 1 ? " round" : " rounds")
                .append(quick ? " (--quick: a smoke run, not a measurement)" : "")
                .append(", configurations interleaved, ").append(took.toMinutes()).append(" min in all.\n\n");
        sb.append("Configurations:\n\n");
        for (PeerConfig c : all) {
            sb.append("- `").append(c.name()).append("`: ").append(c.description()).append('\n');
        }
        sb.append("\nCost ratio to `none` (time per operation with / without, or throughput without / with: 1.00 is"
                + " the same, above 1 is slower), ± the 99.9% interval propagated from both; ≈ where the interval"
                + " holds 1. The `none` column is the absolute figure. JMH: ")
                .append(settings.warmups()).append(" warm-up and ").append(settings.iterations()).append(" measured ")
                .append(settings.seconds()).append("-s iterations per fork and round; whole app: ")
                .append(fmt(settings.appMeasureSeconds())).append(" s measured after ")
                .append(fmt(settings.appWarmupSeconds())).append(" s warm-up per round, throughput per second pooled"
                        + " over rounds, p99 one figure per round.\n\n");
        if (!work.rows().isEmpty()) {
            sb.append(work.markdown()).append('\n');
        }
        if (!process.rows().isEmpty()) {
            sb.append("Start-up and footprint: mean (± 99.9% interval where there are several runs), and the"
                    + " difference to `none`.\n\n");
            sb.append(differences(process)).append('\n');
        }
        if (attach != null) {
            sb.append(String.format(Locale.ROOT, "Attach to a JVM with %,d loaded classes (%d runs, median / max):"
                    + " threadlens `loadAgent` %s ms (CPU used by the target meanwhile: %s ms); the"
                    + " `threadlens-agent.jar attach` command, its own JVM start included, %s ms; async-profiler"
                    + " `loadAgentPath` (`event=lock`) %s ms.%n%n",
                    attach.loadedClasses(), attach.threadlensLoadAgent().size(), medianMax(attach.threadlensLoadAgent()),
                    medianMax(attach.threadlensCpu()),
                    medianMax(attach.threadlensCommand()), medianMax(attach.asyncProfiler())));
        }
        if (scrape != null) {
            sb.append(String.format(Locale.ROOT, "Scrape of `/metrics` with %d lock sites and %d pools (threadlens"
                    + " defaults; %d scrapes, median / p95 / max): %s ms, CPU used by the target %.1f ms a scrape"
                    + " (averaged); %,d bytes, %,d lines, %d distinct sites, %d"
                    + " pools in it.%n%n", ScrapeCost.SITES, ScrapeCost.POOLS, scrape.millis().size(),
                    medianP95Max(scrape.millis()), scrape.cpuMillisPerScrape(), scrape.bytes(), scrape.lines(), scrape.sites(), scrape.pools()));
        }
        sb.append(targets(work, process));
        return sb.toString();
    }

    private String differences(RatioTable process) {
        StringBuilder sb = new StringBuilder("| what |");
        for (String c : configs) {
            sb.append(' ').append(c).append(" |");
        }
        sb.append("\n|---|");
        configs.forEach(c -> sb.append("---|"));
        sb.append('\n');
        for (var e : process.rows().entrySet()) {
            sb.append("| ").append(e.getKey()).append(" (").append(e.getValue().unit).append(") |");
            Estimate base = process.absolute(e.getKey(), PeerConfig.NONE);
            for (String c : configs) {
                Estimate v = process.absolute(e.getKey(), c);
                if (v == null) {
                    sb.append(" - |");
                    continue;
                }
                sb.append(' ').append(v.format(RatioTable.pattern(v.mean())));
                if (base != null && !c.equals(PeerConfig.NONE)) {
                    sb.append(String.format(Locale.ROOT, " (%+.1f)", v.mean() - base.mean()));
                }
                sb.append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private String targets(RatioTable work, RatioTable process) {
        List<String> lines = new ArrayList<>();
        Estimate app = work.ratio(PeerWholeApp.THROUGHPUT, PeerConfig.THREADLENS);
        if (app != null) {
            double over = (app.mean() - 1) * 100;
            // Met only when the whole interval is within the target; an interval that spans it
            // says this run could not tell.
            String verdict = app.mean() + app.error() <= WHOLE_APP_TARGET ? "met"
                    : app.mean() - app.error() > WHOLE_APP_TARGET ? "missed" : "not shown at this precision";
            lines.add(String.format(Locale.ROOT, "whole app, threadlens defaults within 3%% of no agent: %s (%+.1f%% ± %.1f%%)",
                    verdict, over, app.error() * 100));
            for (String c : configs) {
                if (c.equals(PeerConfig.NONE) || c.startsWith(PeerConfig.THREADLENS)) {
                    continue;
                }
                Estimate peer = work.ratio(PeerWholeApp.THROUGHPUT, c);
                if (peer != null) {
                    lines.add(String.format(Locale.ROOT, "whole app, threadlens below %s: %s (%.3f vs %.3f)", c,
                            app.mean() < peer.mean() ? "yes" : "no", app.mean(), peer.mean()));
                }
            }
        }
        for (String micro : List.of("LockUncontended.reentrantLockUnlock", "LockUncontended.semaphoreAcquireRelease")) {
            Estimate r = work.ratio(micro, PeerConfig.THREADLENS);
            if (r != null) {
                String verdict = !r.includesOne() ? "missed"
                        : r.error() <= 0.05 ? "met" : "not shown at this precision (interval wider than ±5%)";
                lines.add(String.format(Locale.ROOT, "%s within noise: %s (%s)", micro, verdict, r.format("%.3f")));
            }
        }
        Estimate none = process.absolute(ProcessCosts.STARTUP, PeerConfig.NONE);
        Estimate with = process.absolute(ProcessCosts.STARTUP, PeerConfig.THREADLENS);
        if (none != null && with != null) {
            double added = with.mean() - none.mean();
            Estimate cpuNone = process.absolute(ProcessCosts.STARTUP_CPU, PeerConfig.NONE);
            Estimate cpuWith = process.absolute(ProcessCosts.STARTUP_CPU, PeerConfig.THREADLENS);
            lines.add(String.format(Locale.ROOT, "start-up added under %.0f ms: %s (%.0f ms wall, %.0f ms CPU)",
                    STARTUP_TARGET_MS, added < STARTUP_TARGET_MS ? "met" : "missed", added,
                    cpuWith == null || cpuNone == null ? Double.NaN : cpuWith.mean() - cpuNone.mean()));
        }
        if (attach != null && !attach.threadlensLoadAgent().isEmpty()) {
            double m = median(attach.threadlensLoadAgent());
            lines.add(String.format(Locale.ROOT, "attach under %.0f ms: %s (%.0f ms median loadAgent, %.0f ms the"
                    + " whole command)", ATTACH_TARGET_MS, m < ATTACH_TARGET_MS ? "met" : "missed", m,
                    median(attach.threadlensCommand())));
        }
        if (scrape != null) {
            double m = median(scrape.millis());
            lines.add(String.format(Locale.ROOT, "scrape under %.0f ms: %s (%.1f ms median, %.1f ms max, %.1f ms CPU)",
                    SCRAPE_TARGET_MS, m < SCRAPE_TARGET_MS ? "met" : "missed", m, max(scrape.millis()),
                    scrape.cpuMillisPerScrape()));
        }
        StringBuilder sb = new StringBuilder("Targets:\n\n");
        lines.forEach(l -> sb.append("- ").append(l).append('\n'));
        return sb.toString();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static String medianMax(List<Double> v) {
        return String.format(Locale.ROOT, "%.0f / %.0f", median(v), max(v));
    }

    private static String medianP95Max(List<Double> v) {
        List<Double> sorted = v.stream().sorted().toList();
        double p95 = sorted.isEmpty() ? Double.NaN : sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1);
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", median(v), p95, max(v));
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
