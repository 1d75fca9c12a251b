package dev.threadlens.metrics;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

/**
 * One histogram series (one label set) that application threads can record into without ever
 * blocking: {@link StripedLongs} (a row of bucket counts and the sum in nanoseconds per stripe),
 * no lock, no allocation. client_java's
 * own histogram takes a lock while a scrape is in progress, which an agent may not impose on
 * the threads it observes.
 */
public final class AtomicHistogram {

    private final double[] upperBounds;
    /** Slots 0..n: bucket counts (the last is +Inf); slot n+1: the sum in nanoseconds. */
    private final StripedLongs cells;
    private final int sumSlot;
    private volatile double max;

    /** A series on its own (not in a {@link HistogramFamily}), for callers that export it themselves. */
    public AtomicHistogram(double[] upperBounds) {
        this.upperBounds = upperBounds;
        this.sumSlot = upperBounds.length + 1;
        this.cells = new StripedLongs(sumSlot + 1);
    }

    /** Records one observation in seconds. */
    public void observe(double seconds) {
        record(seconds, (long) (seconds * 1e9));
    }

    /** Records one observation in nanoseconds (the sum takes them as they are). */
    public void observeNanos(long nanos) {
        record(nanos / 1e9, nanos);
    }

    private void record(double seconds, long nanos) {
        int i = 0;
        while (i < upperBounds.length && seconds > upperBounds[i]) {
            i++;
        }
        cells.add(i, 1L, sumSlot, nanos);
        if (seconds > max) {
            max = seconds; // a racy maximum is fine for display; it is never exported as a series
        }
    }

    public long count() {
        long n = 0;
        for (int i = 0; i < sumSlot; i++) {
            n += cells.sum(i);
        }
        return n;
    }

    public double sum() {
        return cells.sum(sumSlot) / 1e9;
    }

    /** Largest observation so far, in seconds. */
    public double max() {
        return max;
    }

    /** Observations per bucket (not cumulative), one more than the upper bounds: the last is +Inf. */
    public long[] bucketCounts() {
        long[] counts = new long[sumSlot];
        for (int i = 0; i < counts.length; i++) {
            counts[i] = cells.sum(i);
        }
        return counts;
    }

    HistogramDataPointSnapshot snapshot(Labels labels) {
        double[] bounds = new double[upperBounds.length + 1];
        System.arraycopy(upperBounds, 0, bounds, 0, upperBounds.length);
        bounds[upperBounds.length] = Double.POSITIVE_INFINITY;
        return HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, bucketCounts()))
                .sum(sum())
                .labels(labels)
                .build();
    }
}
