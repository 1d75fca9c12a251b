package dev.threadlens.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The table's arithmetic: means, intervals and ratios with their propagated error. */
class EstimateTest {

    @Test
    void meanAndStudentIntervalOfSamples() {
        Estimate e = Estimate.of(List.of(9.0, 10.0, 11.0));
        assertEquals(10.0, e.mean(), 1e-12);
        // sd = 1, n = 3: half-width = t(0.9995, 2) / sqrt(3) = 31.599 / 1.732
        assertEquals(31.599 / Math.sqrt(3), e.error(), 0.01);
    }

    @Test
    void oneSampleHasNoInterval() {
        Estimate e = Estimate.of(List.of(5.0));
        assertEquals(5.0, e.mean(), 0);
        assertTrue(Double.isNaN(e.error()));
        assertEquals("5.00", e.format("%.2f"));
    }

    @Test
    void ratioPropagatesRelativeErrorsInQuadrature() {
        Estimate base = new Estimate(100, 3);   // 3%
        Estimate with = new Estimate(110, 4.4); // 4%
        Estimate r = with.over(base);
        assertEquals(1.10, r.mean(), 1e-12);
        assertEquals(1.10 * 0.05, r.error(), 1e-12, "sqrt(3%^2 + 4%^2) = 5% of the ratio");
        assertFalse(r.includesOne(), "1.10 ± 0.055 excludes 1");
        assertTrue(new Estimate(1.02, 0.03).includesOne());
    }

    @Test
    void throughputRatioIsInvertedSoAboveOneMeansSlower() {
        Estimate base = new Estimate(200, 0);
        Estimate slower = new Estimate(160, 0);
        assertEquals(1.25, slower.inverseOver(base).mean(), 1e-12);
    }

    @Test
    void formatsWithTheInterval() {
        assertEquals("1.03 ± 0.02", new Estimate(1.031, 0.021).format("%.2f"));
    }
}
