package dev.threadlens.locks;

import dev.threadlens.bootstrap.LockProbes;

/** One measured wait, as told to {@link WaitListener}s. Times are {@link System#nanoTime()}. */
public final class EndedWait {

    private final Thread thread;
    private final PrimitiveInfo info;
    private final boolean lock;
    private final String type;
    private final String siteLabel;
    private final long startNanos;
    private final long endNanos;
    private final int outcome;

    EndedWait(Thread thread, PrimitiveInfo info, SiteStats stats, long startNanos, long endNanos, int outcome) {
        this.thread = thread;
        this.info = info;
        this.lock = stats.lock;
        this.type = stats.type;
        this.siteLabel = stats.label;
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.outcome = outcome;
    }

    public Thread thread() {
        return thread;
    }

    /** The primitive's kind and creation site. */
    public PrimitiveInfo info() {
        return info;
    }

    /** True when recorded as lock contention ({@code jvm_lock_wait_seconds}), false for a signalling wait. */
    public boolean lock() {
        return lock;
    }

    /** The {@code jvm_lock_type} or {@code jvm_sync_type} it was recorded under (e.g. {@code executor_idle}). */
    public String type() {
        return type;
    }

    /** The site label it was recorded under ({@code other} past the site cap). */
    public String siteLabel() {
        return siteLabel;
    }

    public long startNanos() {
        return startNanos;
    }

    public long endNanos() {
        return endNanos;
    }

    public boolean timedOut() {
        return outcome == LockProbes.OUTCOME_TIMED_OUT;
    }

    public boolean interrupted() {
        return outcome == LockProbes.OUTCOME_INTERRUPTED;
    }
}
