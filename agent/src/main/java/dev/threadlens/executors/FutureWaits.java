package dev.threadlens.executors;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.threadlens.bootstrap.FutureProbes;
import dev.threadlens.metrics.AtomicHistogram;
import dev.threadlens.util.CallSites;
import dev.threadlens.waits.WaitMetrics;

/**
 * Waits on {@code Future.get} and {@code CompletableFuture.get/join} go to
 * {@code jvm_sync_wait_seconds{jvm_sync_type="future"}}: a signalling wait, never contention.
 * The site is where the thread waited (its first application frame): a future's creation is not
 * remembered, since that would cost every task something. Only the blocking path gets here, and
 * {@link FutureProbes} decides which waits pay for a stack walk; the series is looked up once
 * per site.
 */
final class FutureWaits implements FutureProbes.Sink {

    static final String TYPE = "future";

    private final WaitMetrics waits;
    /** By exported site label (already capped), so the map stays bounded. */
    private final Map<String, AtomicHistogram> bySite = new ConcurrentHashMap<>();

    FutureWaits(WaitMetrics waits) {
        this.waits = waits;
    }

    @Override
    public String siteOfCaller() {
        return waits.siteLabel(CallSites.firstApplicationFrame());
    }

    @Override
    public void waited(String site, long nanos) {
        AtomicHistogram h = bySite.get(site);
        if (h == null) {
            h = bySite.computeIfAbsent(site, s -> waits.syncWait(TYPE, s));
        }
        h.observeNanos(nanos);
    }
}
