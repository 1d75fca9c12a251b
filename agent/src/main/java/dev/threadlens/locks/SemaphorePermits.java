package dev.threadlens.locks;

import java.util.Map;
import java.util.TreeMap;

import dev.threadlens.waits.WaitMetrics;
import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * {@code jvm_semaphore_permits_available{jvm_lock_site}}: permits left, summed over the live
 * semaphores created at each site, read at scrape time on the scraping thread. Semaphores made
 * before the agent started are not known here (their constructor was not seen).
 */
final class SemaphorePermits implements Collector {

    static final String NAME = "jvm_semaphore_permits_available";

    private final PrimitiveRegistry registry;
    private final WaitMetrics waits;

    SemaphorePermits(PrimitiveRegistry registry, WaitMetrics waits) {
        this.registry = registry;
        this.waits = waits;
    }

    /** Permits left by site label. */
    Map<String, Long> bySite() {
        registry.expunge();
        Map<String, Long> permits = new TreeMap<>();
        registry.forEachSemaphore((semaphore, info) ->
                permits.merge(waits.siteLabel(info.site()), (long) semaphore.availablePermits(), Long::sum));
        return permits;
    }

    @Override
    public MetricSnapshot collect() {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(NAME)
                .help("Permits available, summed over the live semaphores created at each site");
        for (Map.Entry<String, Long> e : bySite().entrySet()) {
            b.dataPoint(GaugeDataPointSnapshot.builder().value(e.getValue())
                    .labels(Labels.of("jvm_lock_site", e.getKey())).build());
        }
        return b.build();
    }

    @Override
    public String getPrometheusName() {
        return NAME;
    }
}
