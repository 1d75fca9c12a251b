package dev.threadlens.waits;

import dev.threadlens.metrics.AtomicHistogram;
import dev.threadlens.metrics.Buckets;
import dev.threadlens.metrics.HistogramFamily;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The metric families every kind of wait is recorded in, shared by the probes that see waits
 * (locks, signalling primitives, futures, JFR): {@code jvm_lock_wait_seconds},
 * {@code jvm_lock_timeouts_total}, {@code jvm_sync_wait_seconds} and
 * {@code jvm_sync_signals_total}. Callers look a series up once per site and keep it.
 * Site label values go through {@link SiteLabels} so their number stays bounded.
 */
public final class WaitMetrics {

    private final SiteLabels sites;
    private final HistogramFamily lockWait;
    private final HistogramFamily syncWait;
    private final Counter lockTimeouts;
    private final Counter signals;

    public WaitMetrics(PrometheusProperties properties, PrometheusRegistry registry, int maxSites) {
        this.sites = new SiteLabels(maxSites);
        lockWait = new HistogramFamily("jvm_lock_wait_seconds",
                "Time blocked acquiring a contended lock; _count is the number of contended acquisitions",
                Buckets.WAIT, "jvm_lock_type", "jvm_lock_site");
        syncWait = new HistogramFamily("jvm_sync_wait_seconds",
                "Time waiting for a signal: condition, latch, barrier, phaser, exchanger, future, object_wait, sleep, join",
                Buckets.WAIT, "jvm_sync_type", "jvm_sync_site");
        registry.register(lockWait);
        registry.register(syncWait);
        lockTimeouts = Counter.builder(properties)
                .name("jvm_lock_timeouts_total")
                .help("Timed lock acquisitions that gave up")
                .labelNames("jvm_lock_type", "jvm_lock_site")
                .register(registry);
        signals = Counter.builder(properties)
                .name("jvm_sync_signals_total")
                .help("Signals sent (signal, signal_all, count_down, ...); kind=lost when nobody was waiting")
                .labelNames("jvm_sync_type", "jvm_sync_site", "kind")
                .register(registry);
    }

    /** The exported label value for a site (the site itself, or {@code other} past the cap). */
    public String siteLabel(String site) {
        return sites.label(site);
    }

    public AtomicHistogram lockWait(String type, String site) {
        return lockWait.labels(type, siteLabel(site));
    }

    public AtomicHistogram syncWait(String type, String site) {
        return syncWait.labels(type, siteLabel(site));
    }

    public CounterDataPoint lockTimeouts(String type, String site) {
        return lockTimeouts.labelValues(type, siteLabel(site));
    }

    public CounterDataPoint signals(String type, String site, String kind) {
        return signals.labelValues(type, siteLabel(site), kind);
    }

    /** For the JSON API: every lock wait series with its label values. */
    public HistogramFamily lockWaitFamily() {
        return lockWait;
    }

    public HistogramFamily syncWaitFamily() {
        return syncWait;
    }
}
