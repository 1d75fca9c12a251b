package dev.threadlens.core;

import java.lang.instrument.Instrumentation;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Function;
import java.util.function.LongSupplier;

import dev.threadlens.config.Config;
import dev.threadlens.config.Options;
import dev.threadlens.http.ApiRoutes;
import dev.threadlens.jfr.ProbePairing;
import dev.threadlens.locks.LockInsights;
import dev.threadlens.metrics.AgentMetrics;
import dev.threadlens.waits.WaitMetrics;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** What a component may use: settings, the registry, the JSON API, and the agent's scheduler. */
public final class AgentContext {

    private final Config config;
    private final String mode;
    private final AgentMetrics metrics;
    private final ApiRoutes api;
    private final ScheduledExecutorService scheduler;
    private final WaitMetrics waits;
    private volatile Function<Object, String> executorNames = pool -> null;
    private final ProbePairing pairing;
    private final Instrumentation instrumentation;
    private final LockInsights locks = new LockInsights();

    AgentContext(Config config, String mode, AgentMetrics metrics, ApiRoutes api, ScheduledExecutorService scheduler,
            Instrumentation instrumentation) {
        this.instrumentation = instrumentation;
        this.config = config;
        this.mode = mode;
        this.metrics = metrics;
        this.api = api;
        this.scheduler = scheduler;
        this.waits = new WaitMetrics(metrics.properties(), metrics.registry(), config.get(Options.MAX_SITES));
        this.pairing = new ProbePairing(config.get(Options.MAX_SITES));
    }

    /**
     * Probes and JFR meet here: probes report the long waits they timed (so JFR never counts them
     * again), {@code /api/locks} looks up JFR's stacks by site. See {@link ProbePairing}.
     */
    public ProbePairing pairing() {
        return pairing;
    }

    /**
     * The executor probes publish here how they name pools ({@code jvm_executor_name}), so that
     * other components (deadlock reports) call a pool what the metrics call it.
     */
    public void publishExecutorNames(Function<Object, String> names) {
        this.executorNames = names;
    }

    /** The {@code jvm_executor_name} of a pool, or null when the executor probes do not know it. */
    public String executorName(Object pool) {
        return executorNames.apply(pool);
    }

    /** The shared wait metric families (lock, sync, timeouts, signals). */
    public WaitMetrics waits() {
        return waits;
    }

    /** What the lock probes know: primitives by synchronizer, waits in progress, ended waits (listeners). */
    public LockInsights locks() {
        return locks;
    }

    public Config config() {
        return config;
    }

    /** {@code premain} or {@code attach}. */
    public String mode() {
        return mode;
    }

    /** Pass to every client_java metric builder (exemplars off, classic histograms). */
    public PrometheusProperties metricProperties() {
        return metrics.properties();
    }

    public PrometheusRegistry registry() {
        return metrics.registry();
    }

    /** Counts and logs a swallowed failure. */
    public void failed(String component, Throwable error) {
        metrics.failed(component, error);
    }

    /** Exports the size of one of the component's internal tables ({@code threadlens_agent_tracked}). */
    public void track(String registry, LongSupplier size) {
        metrics.track(registry, size);
    }

    public ApiRoutes api() {
        return api;
    }

    /**
     * The JVM's instrumentation, for what a component needs beyond its {@code InstrumentationModule}s
     * (for example opening a {@code java.base} package to the agent to read JDK internals).
     */
    public Instrumentation instrumentation() {
        return instrumentation;
    }

    /** Runs periodic work on an agent thread (never measured by the probes). */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }
}
