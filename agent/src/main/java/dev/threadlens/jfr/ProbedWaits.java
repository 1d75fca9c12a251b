package dev.threadlens.jfr;

/**
 * The seam between the probes and JFR: what the probes measured, so that a JFR event for the
 * same wait is never counted a second time and can lend its stack to the probe's site.
 *
 * <p>The JFR stream asks two questions. {@link #overlapping}: did a probe measure a wait of this
 * thread that covers most of this JFR park? If so the park is the probe's (its metric already
 * counted it) and only its stack is kept, filed under the probe's (type, site).
 * {@link #measuresSyncType}: does a probe time every wait of a kind JFR also sees ({@code sleep},
 * {@code join}, {@code object_wait})? If so JFR leaves that kind alone.
 *
 * <p>Independently of this seam, parks on the JDK blockers the probes cover
 * ({@link WaitRules#isProbedBlocker}) and parks inside AQS are never counted by JFR: that default
 * is conservative, so nothing is counted twice even before the probes report here.
 * {@link ProbePairing} is the implementation the probes feed.
 */
public interface ProbedWaits {

    /** Nothing measured by any probe: the default before the probes are wired. */
    ProbedWaits NONE = new ProbedWaits() {
        @Override
        public ProbedWait overlapping(long javaThreadId, long startEpochNanos, long endEpochNanos) {
            return null;
        }

        @Override
        public boolean measuresSyncType(String syncType) {
            return false;
        }
    };

    /**
     * The probe-measured wait of thread {@code javaThreadId} that overlaps at least half of
     * [{@code startEpochNanos}, {@code endEpochNanos}] (nanoseconds since the epoch), or null.
     */
    ProbedWait overlapping(long javaThreadId, long startEpochNanos, long endEpochNanos);

    /** True when a probe times every wait of this {@code jvm_sync_type} in this JVM. */
    boolean measuresSyncType(String syncType);

    /** One wait a probe measured. */
    final class ProbedWait {
        final long threadId;
        final boolean lock;
        final String type;
        final String site;
        final long startEpochNanos;
        final long endEpochNanos;

        ProbedWait(long threadId, boolean lock, String type, String site, long startEpochNanos, long endEpochNanos) {
            this.threadId = threadId;
            this.lock = lock;
            this.type = type;
            this.site = site;
            this.startEpochNanos = startEpochNanos;
            this.endEpochNanos = endEpochNanos;
        }

        /** A lock wait ({@code jvm_lock_wait_seconds}) rather than a signal wait ({@code jvm_sync_wait_seconds}). */
        public boolean lock() {
            return lock;
        }

        /** {@code jvm_lock_type} or {@code jvm_sync_type}. */
        public String type() {
            return type;
        }

        /** The probe's site label value. */
        public String site() {
            return site;
        }
    }
}
