package dev.threadlens.jfr;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Where the probes tell JFR what they measured, and where JFR's stacks are looked up by probe
 * site. One per agent ({@code AgentContext.pairing()}).
 *
 * <p>For the probes (application threads, slow paths only): after timing a contended wait, call
 * {@link #lockWaited} or {@link #syncWaited}. Waits shorter than the JFR thresholds return at
 * once (one volatile read); with JFR off every call returns at once. The rest go into a ring of
 * the last {@value #SLOTS} long waits: one small allocation, no lock. A probe that times every
 * wait of a kind JFR also sees (for example {@code Thread.sleep} advice on JDK 21+) calls
 * {@link #declareMeasured} once when it installs.
 *
 * <p>For {@code /api/locks}: {@link #stacks(String, String, int)} are the recent JFR stacks of
 * the waits paired with a probe site (and of {@code monitor} sites), {@link #stacksForClass} the
 * ones by monitor or blocker class.
 */
public final class ProbePairing implements ProbedWaits {

    static final int SLOTS = 4096;
    /** JFR delivers an event a second or two after it ends; look no further back than this. */
    private static final long LOOKBACK_NANOS = 120_000_000_000L;

    private final AtomicReferenceArray<ProbedWait> ring = new AtomicReferenceArray<>(SLOTS);
    private final AtomicLong next = new AtomicLong();
    private final long epochOffsetNanos;
    private final Set<String> measured = ConcurrentHashMap.newKeySet();
    private final JfrStacks stacks;
    private volatile long minimumNanos = Long.MAX_VALUE;

    public ProbePairing(int maxSites) {
        Instant now = Instant.now();
        long nanoTime = System.nanoTime();
        this.epochOffsetNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() - nanoTime;
        this.stacks = new JfrStacks(maxSites);
        // Load ProbedWait now, on the agent's thread: loaded lazily by the first probe, a virtual
        // thread would pin in the class loader (VirtualThreadNoPinningIT caught it).
        new ProbedWait(-1, false, "", "", 0, 0);
    }

    /**
     * A probe measured a contended lock acquisition of {@code thread}; times from
     * {@link System#nanoTime()}. {@code lockType} and {@code site} as in {@code jvm_lock_wait_seconds}.
     */
    public void lockWaited(Thread thread, String lockType, String site, long startNanos, long endNanos) {
        record(thread, true, lockType, site, startNanos, endNanos);
    }

    /** A probe measured a signal wait ({@code jvm_sync_type}, site as in {@code jvm_sync_wait_seconds}). */
    public void syncWaited(Thread thread, String syncType, String site, long startNanos, long endNanos) {
        record(thread, false, syncType, site, startNanos, endNanos);
    }

    /** A probe times every wait of this {@code jvm_sync_type} ({@code sleep}, {@code join}, {@code object_wait}). */
    public void declareMeasured(String syncType) {
        measured.add(syncType);
    }

    /** Recent JFR stacks of waits at a probe's (type, site), or of a {@code monitor} site; newest first. */
    public List<JfrStacks.JfrStack> stacks(String type, String site, int max) {
        return stacks.recent(JfrStacks.siteKey(type, site), max);
    }

    /** Recent JFR stacks of waits on a monitor or blocker class; newest first. */
    public List<JfrStacks.JfrStack> stacksForClass(String className, int max) {
        return stacks.recent(JfrStacks.classKey(className), max);
    }

    private void record(Thread thread, boolean lock, String type, String site, long startNanos, long endNanos) {
        if (endNanos - startNanos < minimumNanos) {
            return;
        }
        @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same number
        long id = thread.getId();
        ProbedWait w = new ProbedWait(id, lock, type, site, startNanos + epochOffsetNanos, endNanos + epochOffsetNanos);
        ring.set((int) (next.getAndIncrement() & (SLOTS - 1)), w);
    }

    @Override
    public ProbedWait overlapping(long javaThreadId, long startEpochNanos, long endEpochNanos) {
        long duration = Math.max(1, endEpochNanos - startEpochNanos);
        long last = next.get() - 1;
        for (long i = last; i >= 0 && i > last - SLOTS; i--) {
            ProbedWait w = ring.get((int) (i & (SLOTS - 1)));
            if (w == null) {
                return null;
            }
            if (w.endEpochNanos < startEpochNanos - LOOKBACK_NANOS) {
                return null; // the ring is in order of wait end (nearly): nothing older can match
            }
            if (w.threadId == javaThreadId) {
                long overlap = Math.min(endEpochNanos, w.endEpochNanos) - Math.max(startEpochNanos, w.startEpochNanos);
                if (overlap * 2 >= duration) {
                    return w;
                }
            }
        }
        return null;
    }

    @Override
    public boolean measuresSyncType(String syncType) {
        return measured.contains(syncType);
    }

    /** Waits shorter than this are never asked about: the JFR thresholds. Long.MAX_VALUE turns recording off. */
    void setMinimumNanos(long nanos) {
        minimumNanos = nanos;
    }

    JfrStacks jfrStacks() {
        return stacks;
    }
}
