package dev.threadlens.bench;

import java.util.List;
import java.util.Locale;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A measured value with the half-width of its confidence interval, and the ratio of two such
 * values with the error propagated (relative errors added in quadrature: the two are measured
 * in separate JVMs, so independently).
 */
record Estimate(double mean, double error) {

    /** Mean of the samples and the half-width of its 99.9% interval (Student's t, as JMH reports). */
    static Estimate of(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        int n = samples.size();
        double mean = samples.stream().mapToDouble(Double::doubleValue).sum() / n;
        if (n < 2) {
            return new Estimate(mean, Double.NaN);
        }
        double squares = samples.stream().mapToDouble(x -> (x - mean) * (x - mean)).sum();
        double sd = Math.sqrt(squares / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - (1 - 0.999) / 2);
        return new Estimate(mean, t * sd / Math.sqrt(n));
    }

    /** this / base, with {@code sqrt((e1/m1)^2 + (e2/m2)^2)} as its relative error. */
    Estimate over(Estimate base) {
        double ratio = mean / base.mean;
        double relative = Math.sqrt(square(error / mean) + square(base.error / base.mean));
        return new Estimate(ratio, Math.abs(ratio) * relative);
    }

    /** base / this: the cost ratio of a throughput (higher is better), so above 1 means slower. */
    Estimate inverseOver(Estimate base) {
        return base.over(this);
    }

    /** Whether the interval around this ratio contains 1: no difference at this precision. */
    boolean includesOne() {
        return !Double.isNaN(error) && mean - error <= 1 && 1 <= mean + error;
    }

    String format(String pattern) {
        String m = String.format(Locale.ROOT, pattern, mean);
        return Double.isNaN(error) ? m : m + " ± " + String.format(Locale.ROOT, pattern, error);
    }

    private static double square(double x) {
        return x * x;
    }
}
