package dev.threadlens.dashboards.stack;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadlens.dashboards.Repo;
import dev.threadlens.dashboards.contract.MetricContract;
import dev.threadlens.dashboards.model.Dashboard;
import dev.threadlens.dashboards.model.Interpolation;
import dev.threadlens.dashboards.model.Target;
import dev.threadlens.dashboards.model.Variable;
import dev.threadlens.dashboards.prometheus.AlertRules;
import dev.threadlens.dashboards.prometheus.PrometheusApi;
import dev.threadlens.dashboards.prometheus.PrometheusServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the shipped dashboards and alert rules against a real Prometheus scraping one target every
 * second: every panel query (variables substituted as Grafana does) must parse and return data,
 * every series a panel reads must exist, every query variable must offer values, the annotations
 * and alert expressions must run and every rule must evaluate without error. Findings go to a
 * {@link StackReport}; the caller asserts on it.
 */
public final class StackCheck implements AutoCloseable {

    public static final long SCRAPE_SECONDS = 1;
    public static final long STEP_SECONDS = 2;
    /** Grafana's $__rate_interval: max($__interval + scrape interval, 4 x scrape interval). */
    public static final long RATE_INTERVAL_SECONDS = Math.max(STEP_SECONDS + SCRAPE_SECONDS, 4 * SCRAPE_SECONDS);
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((.*),\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\)");

    private final MetricContract contract = MetricContract.load();
    private final List<Dashboard> dashboards = Dashboard.loadAll(Repo.dashboardsDir());
    private final List<PanelQuery> queries = PanelQuery.all(dashboards);
    private final String job;
    private final String instance;
    private final int jdkFeature;
    private final BooleanSupplier targetAlive;
    private final PrometheusServer prometheus;
    private final StackReport report;
    private final Map<String, String> variables = new HashMap<>();
    private Window window;

    /** The time range the queries cover. */
    private record Window(long start, long end) {
    }

    /**
     * Starts Prometheus scraping {@code instance} ({@code host:port}) under the shipped job name,
     * with the shipped alert rules. {@code jdkFeature}: queries on metrics that need a newer JDK
     * are not required to return data. {@code targetAlive}: stop waiting once the target is gone.
     */
    public StackCheck(String name, String instance, int jdkFeature, BooleanSupplier targetAlive) throws IOException {
        JsonNode shipped = AlertRules.read(Repo.prometheusDir().resolve("prometheus.yml"));
        this.job = shipped.at("/scrape_configs/0/job_name").asText();
        this.instance = instance;
        this.jdkFeature = jdkFeature;
        this.targetAlive = targetAlive;
        this.prometheus = PrometheusServer.start(config(shipped, instance));
        this.report = new StackReport(name, prometheus.api().buildInfo().at("/data/version").asText(), contract);
        // Every multi-value variable on "All", then this target's job and instance.
        for (Dashboard d : dashboards) {
            for (Variable v : d.variables()) {
                if (v.includeAll()) {
                    variables.put(v.name(), v.allValue());
                }
            }
        }
        variables.put("job", Interpolation.regexLiteral(job));
        variables.put("instance", Interpolation.regexLiteral(instance));
    }

    public StackReport report() {
        return report;
    }

    public PrometheusServer prometheus() {
        return prometheus;
    }

    /** All checks: samples first, then panels (waiting up to {@code dataTimeout} for data), then the rest. */
    public StackReport run(Duration dataTimeout) {
        awaitSamples();
        evaluatePanels(dataTimeout);
        checkSeriesExist();
        checkVariables();
        checkAnnotations();
        checkAlerts();
        return report;
    }

    /** The shipped scrape job, pointed at the target, every second, with the shipped rules. */
    private static String config(JsonNode shipped, String instance) {
        JsonNode scrape = shipped.at("/scrape_configs/0");
        return "global:\n"
                + "  scrape_interval: " + SCRAPE_SECONDS + "s\n"
                + "  scrape_timeout: " + SCRAPE_SECONDS + "s\n"
                + "  evaluation_interval: " + SCRAPE_SECONDS + "s\n"
                + "rule_files:\n"
                + "  - " + Repo.prometheusDir().resolve("alerts.yml") + "\n"
                + "scrape_configs:\n"
                + "  - job_name: " + scrape.path("job_name").asText() + "\n"
                + "    metrics_path: " + scrape.path("metrics_path").asText("/metrics") + "\n"
                + "    static_configs:\n"
                + "      - targets: [\"" + instance + "\"]\n";
    }

    /** Waits until the target is up and has 10 samples, enough for a rate over $__rate_interval. */
    private void awaitSamples() {
        String up = "up{job=\"" + job + "\", instance=\"" + instance + "\"}";
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline && targetAlive.getAsBoolean()) {
            long now = now();
            PrometheusApi.Result r = prometheus.api().query("count_over_time(" + up + "[5m]) and " + up + " == 1", now);
            if (r.ok() && r.series().size() == 1) {
                long samples = (long) r.series().get(0).path("value").path(1).asDouble();
                if (samples >= 10) {
                    window = new Window(now - samples * SCRAPE_SECONDS, now);
                    return;
                }
            }
            sleep(1000);
        }
        throw new AssertionError((targetAlive.getAsBoolean() ? "the target never got 10 successful scrapes"
                : "the target stopped before Prometheus could scrape it enough") + "; targets: "
                + prometheus.api().targets());
    }

    /**
     * Evaluates every panel query over the window until each has data or the time is up; a
     * query Prometheus rejects is reported at once.
     */
    private void evaluatePanels(Duration timeout) {
        Set<PanelQuery> pending = new LinkedHashSet<>(queries);
        long deadline = System.nanoTime() + timeout.toNanos();
        long firstScrape = window.start();
        while (true) {
            long end = now();
            window = new Window(Math.max(firstScrape, end - 600), end);
            Interpolation grafana = grafana();
            for (PanelQuery q : new ArrayList<>(pending)) {
                PrometheusApi.Result r = evaluate(q.target(), grafana);
                if (!r.ok()) {
                    report.problem(q + " was rejected by Prometheus: " + r.error() + "\n    "
                            + grafana.apply(q.target().expr()));
                    pending.remove(q);
                } else if (r.hasData()) {
                    report.withData.add(q);
                    pending.remove(q);
                }
            }
            boolean onlyOptionalLeft = pending.stream().allMatch(q -> q.minJdk(contract) > jdkFeature);
            if (onlyOptionalLeft || System.nanoTime() > deadline || !targetAlive.getAsBoolean()) {
                break;
            }
            sleep(3000);
        }
        for (PanelQuery q : pending) {
            if (q.minJdk(contract) > jdkFeature) {
                report.notOnThisJdk.add(q);
            } else {
                report.withoutData.add(q);
                report.problem(q + " returned no data within " + timeout.toSeconds() + " s: " + q.target().expr());
            }
        }
        if (!targetAlive.getAsBoolean()) {
            report.problem("the scraped process exited during the test");
        }
    }

    private PrometheusApi.Result evaluate(Target target, Interpolation grafana) {
        String expr = grafana.apply(target.expr());
        return target.instant() ? prometheus.api().query(expr, window.end())
                : prometheus.api().queryRange(expr, window.start(), window.end(), STEP_SECONDS);
    }

    private Interpolation grafana() {
        Map<String, String> all = new HashMap<>(variables);
        all.put("__rate_interval", RATE_INTERVAL_SECONDS + "s");
        all.put("__interval", STEP_SECONDS + "s");
        all.put("__range", Math.max(window.end() - window.start(), 1) + "s");
        return new Interpolation(all);
    }

    /**
     * Every series a panel reads was exported at some point of the run (clearer than "no data"
     * when a probe is missing). Over the whole window, not at its end: a gauge of objects that are
     * gone, such as the permits of semaphores a finished scenario dropped, rightly disappears.
     */
    private void checkSeriesExist() {
        Map<String, Integer> needed = new LinkedHashMap<>();
        for (PanelQuery q : queries) {
            for (String series : q.seriesNames()) {
                needed.merge(series, contract.series(series).map(s -> s.family().minJdk()).orElse(0), Math::min);
            }
        }
        PrometheusApi.Result r = prometheus.api().query(grafana().apply("count by (__name__) (last_over_time({__name__=~\""
                + String.join("|", needed.keySet()) + "\", job=~\"$job\", instance=~\"$instance\"}[$__range]))"), window.end());
        Set<String> present = new TreeSet<>();
        r.series().forEach(s -> present.add(s.at("/metric/__name__").asText()));
        needed.forEach((series, minJdk) -> {
            if (!present.contains(series) && minJdk <= jdkFeature) {
                report.missingSeries.add(series);
            }
        });
        if (!report.missingSeries.isEmpty()) {
            report.problem("series the dashboards read but the target does not export: " + report.missingSeries);
        }
    }

    /** Each query variable's label_values(...) offers values, and $job offers the target's job. */
    private void checkVariables() {
        Interpolation grafana = grafana();
        for (Dashboard d : dashboards) {
            for (Variable v : d.variables()) {
                if (!v.type().equals("query")) {
                    continue;
                }
                String where = d.title() + " variable $" + v.name();
                Matcher m = LABEL_VALUES.matcher(v.query());
                if (!m.matches()) {
                    report.problem(where + ": not label_values(selector, label)");
                    continue;
                }
                String label = m.group(2);
                String expr = "group by (" + label + ") (" + grafana.apply(m.group(1)) + ")";
                PrometheusApi.Result r = prometheus.api().query(expr, window.end());
                Set<String> values = new TreeSet<>();
                r.series().forEach(s -> values.add(s.path("metric").path(label).asText()));
                String metric = m.group(1).replaceAll("\\{.*", "").trim();
                boolean required = contract.series(metric).map(s -> s.family().minJdk() <= jdkFeature).orElse(true);
                if (!r.ok()) {
                    report.problem(where + " was rejected: " + r.error());
                } else if (required && values.isEmpty()) {
                    report.problem(where + " offers no values: " + expr);
                } else if (v.name().equals("job") && !values.contains(job)) {
                    report.problem(where + " does not offer " + job + ": " + values);
                }
            }
        }
    }

    /** The deadlock annotation queries run (they mark something only when a deadlock was found). */
    private void checkAnnotations() {
        Interpolation grafana = grafana();
        for (Dashboard d : dashboards) {
            for (JsonNode a : d.annotations()) {
                PrometheusApi.Result r = prometheus.api().queryRange(grafana.apply(a.path("expr").asText()),
                        window.start(), window.end(), STEP_SECONDS);
                String where = d.title() + " annotation '" + a.path("name").asText() + "'";
                if (!r.ok()) {
                    report.problem(where + " was rejected: " + r.error());
                } else {
                    report.info.add(where + (r.hasData() ? ": marks a deadlock in this run" : ": no deadlock in this run"));
                }
            }
        }
    }

    /** Every alert expression runs, and Prometheus has evaluated every rule without error. */
    private void checkAlerts() {
        List<AlertRules.Alert> alerts = AlertRules.load(Repo.prometheusDir().resolve("alerts.yml"));
        for (AlertRules.Alert alert : alerts) {
            PrometheusApi.Result r = prometheus.api().query(alert.expr(), window.end());
            if (!r.ok()) {
                report.problem("alert " + alert.name() + " was rejected: " + r.error());
            } else if (!r.series().isEmpty()) {
                report.info.add("alert " + alert.name() + ": its condition holds now (" + r.series().size() + " series)");
            }
        }
        int evaluated = 0;
        for (JsonNode group : prometheus.api().rules().at("/data/groups")) {
            for (JsonNode rule : group.path("rules")) {
                evaluated++;
                if (!rule.path("health").asText().equals("ok")) {
                    report.problem("rule " + rule.path("name").asText() + " evaluates with health "
                            + rule.path("health").asText() + ": " + rule.path("lastError").asText());
                }
            }
        }
        if (evaluated != alerts.size()) {
            report.problem("Prometheus loaded " + evaluated + " rules, alerts.yml has " + alerts.size());
        }
    }

    @Override
    public void close() {
        prometheus.close();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
