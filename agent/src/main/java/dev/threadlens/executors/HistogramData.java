package dev.threadlens.executors;

import dev.threadlens.metrics.AtomicHistogram;
import dev.threadlens.metrics.Buckets;
import io.prometheus.metrics.model.snapshots.ClassicHistogramBuckets;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot.HistogramDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;

/**
 * A histogram over {@link Buckets#TASK} added up from several pools (and from pools that are
 * gone), on an agent thread: the exported series and the JSON quantiles are computed from it.
 */
final class HistogramData {

    private static final double[] BOUNDS = Buckets.TASK;

    private final long[] counts = new long[BOUNDS.length + 1];
    private double sum;
    private double max;

    void add(AtomicHistogram h) {
        if (h == null) {
            return;
        }
        long[] c = h.bucketCounts();
        for (int i = 0; i < counts.length; i++) {
            counts[i] += c[i];
        }
        sum += h.sum();
        max = Math.max(max, h.max());
    }

    void add(HistogramData other) {
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        sum += other.sum;
        max = Math.max(max, other.max);
    }

    long count() {
        long n = 0;
        for (long c : counts) {
            n += c;
        }
        return n;
    }

    double sum() {
        return sum;
    }

    /** The largest observation (exact, not a bucket bound). */
    double max() {
        return max;
    }

    /**
     * The {@code q}-quantile, estimated like Prometheus' {@code histogram_quantile}: linear
     * within the bucket that holds it, and never above the largest observation. NaN when empty.
     */
    double quantile(double q) {
        long total = count();
        if (total == 0) {
            return Double.NaN;
        }
        double rank = q * total;
        long below = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0 && below + counts[i] >= rank) {
                double lower = i == 0 ? 0 : BOUNDS[i - 1];
                double upper = i < BOUNDS.length ? BOUNDS[i] : max;
                double estimate = lower + (upper - lower) * ((rank - below) / counts[i]);
                return Math.min(estimate, max);
            }
            below += counts[i];
        }
        return max;
    }

    HistogramDataPointSnapshot snapshot(Labels labels) {
        double[] bounds = new double[BOUNDS.length + 1];
        System.arraycopy(BOUNDS, 0, bounds, 0, BOUNDS.length);
        bounds[BOUNDS.length] = Double.POSITIVE_INFINITY;
        return HistogramDataPointSnapshot.builder()
                .classicHistogramBuckets(ClassicHistogramBuckets.of(bounds, counts.clone()))
                .sum(sum)
                .labels(labels)
                .build();
    }
}
