package dev.threadlens.metrics;

import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.threadlens.bootstrap.Failures;
import dev.threadlens.faults.TestFaults;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.registry.PrometheusScrapeRequest;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The agent's registry. A collector that throws fails that one scrape, which answers 500; the
 * failure is counted ({@code component="metrics"}) and logged once, and the next scrape works.
 * Without this, client_java would answer a RuntimeException with the stack trace in the body
 * (internals) and uncounted, and an {@link Error} would escape its handler and leave the
 * request unanswered.
 */
final class GuardedRegistry extends PrometheusRegistry {

    static final String COMPONENT = "metrics";

    private final Failures.Reporter failures;

    GuardedRegistry(Failures.Reporter failures) {
        this.failures = failures;
    }

    @Override
    public MetricSnapshots scrape(PrometheusScrapeRequest request) {
        return guarded(() -> super.scrape(request));
    }

    @Override
    public MetricSnapshots scrape(Predicate<String> includedNames, PrometheusScrapeRequest request) {
        if (includedNames == null) {
            return scrape(request); // what the superclass does too: guarded there, counted once
        }
        return guarded(() -> super.scrape(includedNames, request));
    }

    private MetricSnapshots guarded(Supplier<MetricSnapshots> scrape) {
        try {
            TestFaults.fire(TestFaults.METRICS);
            return scrape.get();
        } catch (Throwable e) {
            failures.failed(COMPONENT, e);
            throw new ScrapeFailed();
        }
    }

    /** What the HTTP handler sees (it answers 500 with this message): no stack, no internals. */
    static final class ScrapeFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        ScrapeFailed() {
            super("collecting metrics failed; counted in threadlens_agent_errors_total{component=\"" + COMPONENT
                    + "\"} and logged by the agent", null, false, false);
        }
    }
}
