package dev.threadlens.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import io.prometheus.metrics.model.snapshots.HistogramSnapshot;

class AtomicHistogramTest {

    @Test
    void bucketsAreUpperInclusiveAndCumulativeOnExport() {
        HistogramFamily family = new HistogramFamily("test_wait_seconds", "help", new double[] {0.1, 1}, "site");
        AtomicHistogram h = family.labels("a");
        h.observe(0.1);
        h.observe(0.5);
        h.observe(5);
        h.observeNanos(2_000_000L);
        assertEquals(4, h.count());
        assertEquals(5.602, h.sum(), 1e-9);
        assertEquals(5, h.max(), 0);
        HistogramSnapshot.HistogramDataPointSnapshot dp = ((HistogramSnapshot) family.collect()).getDataPoints().get(0);
        assertEquals(2, dp.getClassicBuckets().getCount(0), "0.1 and 0.002 are <= 0.1");
        assertEquals(1, dp.getClassicBuckets().getCount(1));
        assertEquals(1, dp.getClassicBuckets().getCount(2), "+Inf");
        assertEquals(4, dp.getCount());
    }

    @Test
    void threadsOnEveryStripeAddUp() throws InterruptedException {
        AtomicHistogram h = new AtomicHistogram(new double[] {0.001});
        Thread[] threads = new Thread[3 * StripedLongs.STRIPES];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 10_000; i++) {
                    h.observeNanos(i % 2 == 0 ? 500_000L : 2_000_000L);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(threads.length * 10_000L, h.count());
        assertEquals(threads.length * 5_000L, h.bucketCounts()[0]);
        assertEquals(threads.length * 5_000L * 0.0025, h.sum(), 1e-6);
    }

    @Test
    void seriesAreCreatedOnceAndCanBeRemoved() {
        HistogramFamily family = new HistogramFamily("test_seconds", "help", Buckets.WAIT, "site");
        assertSame(family.labels("x"), family.labels("x"));
        family.remove("x");
        assertEquals(0, family.series().size());
    }
}
