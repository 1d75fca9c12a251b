package dev.threadlens.metrics;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

import dev.threadlens.bootstrap.Failures;
import dev.threadlens.log.Log;
import io.prometheus.metrics.config.MetricsProperties;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The agent's metric registry (its own, never the application's) with the metrics about the
 * agent itself: {@code threadlens_agent_info} and {@code threadlens_agent_errors_total}. It is
 * also the failure reporter: every swallowed error is counted by component and logged once.
 */
public final class AgentMetrics implements Failures.Reporter {

    /**
     * Settings for every client_java metric the agent creates. Exemplars are off: their sampler
     * starts a scheduler thread of its own, which would outlive a detach.
     */
    private final PrometheusProperties properties = PrometheusProperties.builder()
            .defaultMetricsProperties(MetricsProperties.builder()
                    .exemplarsEnabled(false)
                    .histogramClassicOnly(true)
                    .build())
            .build();
    private final PrometheusRegistry registry = new GuardedRegistry(this);
    private final Counter errors;
    private final Map<String, CounterDataPoint> errorsByComponent = new ConcurrentHashMap<>();
    /** Sizes of the agent's internal tables, read on scrape ({@code threadlens_agent_tracked}). */
    private final Map<String, LongSupplier> tracked = new ConcurrentHashMap<>();

    public AgentMetrics(String version, String mode) {
        StandardJvmMetrics.register(properties, registry);
        Info.builder(properties)
                .name("threadlens_agent_info")
                .help("threadlens agent build, JDK and how it was loaded (premain or attach)")
                .labelNames("version", "jdk", "mode")
                .register(registry)
                .setLabelValues(version, System.getProperty("java.version"), mode);
        errors = Counter.builder(properties)
                .name("threadlens_agent_errors_total")
                .help("Failures inside the agent, swallowed so the application never sees them")
                .labelNames("component")
                .register(registry);
        GaugeWithCallback.builder(properties)
                .name("threadlens_agent_tracked")
                .help("Entries in the agent's internal tables, by table: they must stay bounded (a diagnostic)")
                .labelNames("registry")
                .callback(cb -> tracked.forEach((name, size) -> cb.call(size.getAsLong(), name)))
                .register(registry);
    }

    /**
     * Exports the size of an internal table as {@code threadlens_agent_tracked{registry=name}}.
     * {@code size} is read on every scrape, on the scraping thread: it must be cheap and never block.
     */
    public void track(String name, LongSupplier size) {
        tracked.put(name, size);
    }

    /** Pass to every client_java metric builder. */
    public PrometheusProperties properties() {
        return properties;
    }

    public PrometheusRegistry registry() {
        return registry;
    }

    /** Exports a zero for {@code component} so that rates and alerts have a series from the start. */
    public void declareComponent(String component) {
        errorsByComponent.computeIfAbsent(component, c -> errors.labelValues(c));
    }

    @Override
    public void failed(String component, Throwable error) {
        errorsByComponent.computeIfAbsent(component, c -> errors.labelValues(c)).inc();
        Log.once(Log.Level.WARN, "failure:" + component + ":" + error.getClass().getName(),
                "internal failure in " + component + " (counted in threadlens_agent_errors_total, logged once): "
                        + error);
    }
}
