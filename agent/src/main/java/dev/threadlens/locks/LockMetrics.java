package dev.threadlens.locks;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.threadlens.metrics.AtomicHistogram;
import dev.threadlens.metrics.Buckets;
import dev.threadlens.metrics.HistogramFamily;
import dev.threadlens.waits.WaitMetrics;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The lock probes' view of the shared wait families ({@link WaitMetrics}) plus the optional
 * {@code jvm_lock_hold_seconds}, and the {@link SiteStats} of every (family, type, site label).
 * The number of SiteStats is bounded by the site cap: sites past it share the {@code other} one.
 */
final class LockMetrics {

    private final WaitMetrics waits;
    /** Null unless lockHoldTime=true. */
    private final HistogramFamily holds;
    private final Map<List<String>, SiteStats> stats = new ConcurrentHashMap<>();

    LockMetrics(WaitMetrics waits, PrometheusRegistry registry, boolean holdTime) {
        this.waits = waits;
        if (holdTime) {
            holds = new HistogramFamily("jvm_lock_hold_seconds",
                    "How long exclusive locks were held, sampled (lockHoldTime=true); _count counts sampled holds",
                    Buckets.WAIT, "jvm_lock_type", "jvm_lock_site");
            registry.register(holds);
        } else {
            holds = null;
        }
    }

    /** The stats of a lock ({@code lock=true}) or sync wait type at a site, created on first use. */
    SiteStats stats(boolean lock, String type, String site, String inside) {
        String label = waits.siteLabel(site);
        List<String> key = List.of(lock ? "lock" : "sync", type, label);
        SiteStats s = stats.get(key);
        if (s == null) {
            // No lambda here: this runs inside probes (see CreationSites).
            SiteStats made = new SiteStats(lock, type, label, inside, this);
            s = stats.putIfAbsent(key, made);
            if (s == null) {
                s = made;
            }
        }
        return s;
    }

    /** The stats for a series of the shared families, if these probes ever recorded into it. */
    SiteStats find(boolean lock, String type, String label) {
        return stats.get(List.of(lock ? "lock" : "sync", type, label));
    }

    List<SiteStats> all() {
        return new ArrayList<>(stats.values());
    }

    WaitMetrics waits() {
        return waits;
    }

    AtomicHistogram lockWait(String type, String label) {
        return waits.lockWait(type, label);
    }

    AtomicHistogram syncWait(String type, String label) {
        return waits.syncWait(type, label);
    }

    CounterDataPoint lockTimeouts(String type, String label) {
        return waits.lockTimeouts(type, label);
    }

    CounterDataPoint signals(String type, String label, String kind) {
        return waits.signals(type, label, kind);
    }

    /** Null when hold timing is off. */
    AtomicHistogram lockHold(String type, String label) {
        return holds == null ? null : holds.labels(type, label);
    }
}
