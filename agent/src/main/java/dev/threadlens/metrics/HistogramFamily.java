package dev.threadlens.metrics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * A histogram metric with labels whose series are {@link AtomicHistogram}s. Callers look a
 * series up once (per lock site, per pool) and keep it; recording never touches this map.
 */
public final class HistogramFamily implements Collector {

    private final String name;
    private final String help;
    private final String[] labelNames;
    private final double[] upperBounds;
    private final Map<List<String>, AtomicHistogram> series = new ConcurrentHashMap<>();

    /** {@code name} without the {@code _seconds} unit suffix, which the exporter appends. */
    public HistogramFamily(String name, String help, double[] upperBounds, String... labelNames) {
        this.name = name;
        this.help = help;
        this.upperBounds = upperBounds.clone();
        this.labelNames = labelNames.clone();
    }

    /** The series for these label values, created on first use. */
    public AtomicHistogram labels(String... values) {
        if (values.length != labelNames.length) {
            throw new IllegalArgumentException(name + " expects labels " + Arrays.toString(labelNames));
        }
        return series.computeIfAbsent(List.of(values), k -> new AtomicHistogram(upperBounds));
    }

    /** Drops a series (a pool that is gone), so it disappears from the next scrape. */
    public void remove(String... values) {
        series.remove(List.of(values));
    }

    /** Every series with its label values, for the JSON API. */
    public Map<List<String>, AtomicHistogram> series() {
        return series;
    }

    @Override
    public MetricSnapshot collect() {
        HistogramSnapshot.Builder b = HistogramSnapshot.builder().name(name).help(help).unit(Unit.SECONDS);
        List<Map.Entry<List<String>, AtomicHistogram>> entries = new ArrayList<>(series.entrySet());
        for (Map.Entry<List<String>, AtomicHistogram> e : entries) {
            b.dataPoint(e.getValue().snapshot(Labels.of(labelNames, e.getKey().toArray(new String[0]))));
        }
        return b.build();
    }

    @Override
    public String getPrometheusName() {
        return name;
    }
}
