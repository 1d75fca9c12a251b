package dev.threadlens.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Samples per workload and configuration, gathered over interleaved rounds, and their rendering
 * as a Markdown table of cost ratios to the baseline configuration: {@code 1.00} is the same
 * cost, above 1 is slower (time per operation up, or throughput down), with the 99.9% interval
 * propagated from both.
 */
final class RatioTable {

    /** One workload: its unit, which way is better, and the samples of each configuration. */
    static final class Row {
        final String unit;
        final boolean higherIsBetter;
        final Map<String, List<Double>> samples = new LinkedHashMap<>();
        final Map<String, String> failures = new LinkedHashMap<>();

        Row(String unit, boolean higherIsBetter) {
            this.unit = unit;
            this.higherIsBetter = higherIsBetter;
        }
    }

    private final String baseline;
    private final List<String> configs;
    private final Map<String, Row> rows = new LinkedHashMap<>();

    RatioTable(String baseline, List<String> configs) {
        this.baseline = baseline;
        this.configs = new ArrayList<>(configs);
    }

    void add(String workload, String unit, boolean higherIsBetter, String config, List<Double> values) {
        rows.computeIfAbsent(workload, w -> new Row(unit, higherIsBetter))
                .samples.computeIfAbsent(config, c -> new ArrayList<>()).addAll(values);
    }

    void fail(String workload, String unit, boolean higherIsBetter, String config, String why) {
        rows.computeIfAbsent(workload, w -> new Row(unit, higherIsBetter)).failures.put(config, why);
    }

    Map<String, Row> rows() {
        return rows;
    }

    /** The cost ratio of {@code config} to the baseline on {@code workload}, or null if either is missing. */
    Estimate ratio(String workload, String config) {
        Row row = rows.get(workload);
        if (row == null || !row.samples.containsKey(config) || !row.samples.containsKey(baseline)) {
            return null;
        }
        Estimate base = Estimate.of(row.samples.get(baseline));
        Estimate with = Estimate.of(row.samples.get(config));
        return row.higherIsBetter ? with.inverseOver(base) : with.over(base);
    }

    Estimate absolute(String workload, String config) {
        Row row = rows.get(workload);
        List<Double> s = row == null ? null : row.samples.get(config);
        return s == null || s.isEmpty() ? null : Estimate.of(s);
    }

    /** | workload | baseline (absolute) | ratio per other configuration | */
    String markdown() {
        StringBuilder sb = new StringBuilder("| workload | ").append(baseline).append(" |");
        for (String c : configs) {
            if (!c.equals(baseline)) {
                sb.append(' ').append(c).append(" |");
            }
        }
        sb.append("\n|---|---|");
        for (String c : configs) {
            if (!c.equals(baseline)) {
                sb.append("---|");
            }
        }
        sb.append('\n');
        for (Map.Entry<String, Row> e : rows.entrySet()) {
            Row row = e.getValue();
            Estimate base = absolute(e.getKey(), baseline);
            sb.append("| ").append(e.getKey()).append(" | ")
                    .append(base == null ? failure(row, baseline) : base.format(pattern(base.mean())) + " " + row.unit)
                    .append(" |");
            for (String c : configs) {
                if (c.equals(baseline)) {
                    continue;
                }
                Estimate r = ratio(e.getKey(), c);
                sb.append(' ').append(r == null ? failure(row, c) : r.format("%.2f") + (r.includesOne() ? " ≈" : ""))
                        .append(" |");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    private static String failure(Row row, String config) {
        String why = row.failures.get(config);
        return why == null ? "-" : "failed (" + why.replace('|', '/') + ")";
    }

    /** Three significant figures or so, whatever the magnitude. */
    static String pattern(double value) {
        double a = Math.abs(value);
        return a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
    }
}
