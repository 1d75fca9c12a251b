package dev.threadlens.locks;

import java.util.List;

import dev.threadlens.metrics.AtomicHistogram;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;

/**
 * The series of one (family, type, site label): the wait histogram it shares with the exported
 * metric, the timeout and signal counters, and the stack of the first contended call, kept for
 * the JSON API. Created once per site and type; recording only touches lock-free counters.
 */
final class SiteStats {

    final boolean lock;
    final String type;
    final String label;
    /** JDK class the primitive lives in, from the first primitive seen at this site (JSON only). */
    final String inside;
    final AtomicHistogram waits;
    private final LockMetrics metrics;

    private volatile CounterDataPoint timeouts;
    private volatile CounterDataPoint signal;
    private volatile CounterDataPoint signalAll;
    private volatile CounterDataPoint lost;
    private volatile CounterDataPoint countDown;
    private volatile AtomicHistogram holds;
    /** Captured at the first recorded wait. */
    volatile List<String> firstStack;

    SiteStats(boolean lock, String type, String label, String inside, LockMetrics metrics) {
        this.lock = lock;
        this.type = type;
        this.label = label;
        this.inside = inside;
        this.metrics = metrics;
        this.waits = lock ? metrics.lockWait(type, label) : metrics.syncWait(type, label);
    }

    void timedOut() {
        CounterDataPoint c = timeouts;
        if (c == null) {
            c = metrics.lockTimeouts(type, label);
            timeouts = c;
        }
        c.inc();
    }

    void signalled(boolean all, boolean noWaiter) {
        if (noWaiter) {
            CounterDataPoint c = lost;
            if (c == null) {
                c = metrics.signals(type, label, "lost");
                lost = c;
            }
            c.inc();
        } else if (all) {
            CounterDataPoint c = signalAll;
            if (c == null) {
                c = metrics.signals(type, label, "signal_all");
                signalAll = c;
            }
            c.inc();
        } else {
            CounterDataPoint c = signal;
            if (c == null) {
                c = metrics.signals(type, label, "signal");
                signal = c;
            }
            c.inc();
        }
    }

    void countedDown() {
        CounterDataPoint c = countDown;
        if (c == null) {
            c = metrics.signals(type, label, "count_down");
            countDown = c;
        }
        c.inc();
    }

    void held(long nanos) {
        AtomicHistogram h = holds;
        if (h == null) {
            h = metrics.lockHold(type, label);
            holds = h;
        }
        if (h != null) {
            h.observeNanos(nanos);
        }
    }

    long timeouts() {
        CounterDataPoint c = timeouts;
        return c == null ? 0 : c.getLongValue();
    }

    /** Signals that reached a waiter (signal, signal_all, count_down). */
    long signals() {
        return value(signal) + value(signalAll) + value(countDown);
    }

    long lost() {
        return value(lost);
    }

    private static long value(CounterDataPoint c) {
        return c == null ? 0 : c.getLongValue();
    }
}
