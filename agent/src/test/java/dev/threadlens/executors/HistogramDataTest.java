package dev.threadlens.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.threadlens.metrics.AtomicHistogram;
import dev.threadlens.metrics.Buckets;

class HistogramDataTest {

    @Test
    void addsSeriesAndEstimatesQuantilesWithinBuckets() {
        AtomicHistogram a = new AtomicHistogram(Buckets.TASK);
        AtomicHistogram b = new AtomicHistogram(Buckets.TASK);
        for (int i = 0; i < 50; i++) {
            a.observe(0.2); // bucket (0.1, 0.25]
        }
        for (int i = 0; i < 50; i++) {
            b.observe(0.7); // bucket (0.5, 1]
        }
        HistogramData h = new HistogramData();
        h.add(a);
        h.add(b);
        assertEquals(100, h.count());
        assertEquals(45.0, h.sum(), 1e-9);
        assertEquals(0.7, h.max(), 1e-12);
        double p50 = h.quantile(0.5);
        assertTrue(p50 > 0.1 && p50 <= 0.25, "p50 in the lower bucket: " + p50);
        double p99 = h.quantile(0.99);
        assertTrue(p99 > 0.5 && p99 <= 0.7, "p99 in the upper bucket, never above the max: " + p99);
    }

    @Test
    void emptyHasNoQuantile() {
        assertTrue(Double.isNaN(new HistogramData().quantile(0.5)));
    }

    @Test
    void overflowBucketEndsAtTheMax() {
        AtomicHistogram a = new AtomicHistogram(Buckets.TASK);
        a.observe(120);
        HistogramData h = new HistogramData();
        h.add(a);
        double p99 = h.quantile(0.99);
        assertTrue(p99 > 60 && p99 <= 120, "beyond the last bound, between it and the max: " + p99);
    }

    @Test
    void retiredTotalsAddUp() {
        AtomicHistogram a = new AtomicHistogram(Buckets.TASK);
        a.observe(0.001);
        HistogramData one = new HistogramData();
        one.add(a);
        HistogramData total = new HistogramData();
        total.add(one);
        total.add(one);
        assertEquals(2, total.count());
        assertEquals(0.002, total.sum(), 1e-12);
    }
}
