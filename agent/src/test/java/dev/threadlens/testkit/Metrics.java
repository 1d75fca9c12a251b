package dev.threadlens.testkit;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** A parsed scrape in the Prometheus text format, with lookups by name and labels. */
public final class Metrics {

    /** One sample line. */
    public static final class Sample {
        public final String name;
        public final Map<String, String> labels;
        public final double value;

        Sample(String name, Map<String, String> labels, double value) {
            this.name = name;
            this.labels = labels;
            this.value = value;
        }

        public String label(String key) {
            return labels.get(key);
        }

        @Override
        public String toString() {
            return name + labels + " " + value;
        }
    }

    private final List<Sample> samples;
    private final Map<String, String> types;
    private final String text;

    private Metrics(List<Sample> samples, Map<String, String> types, String text) {
        this.samples = samples;
        this.types = types;
        this.text = text;
    }

    public static Metrics parse(String text) {
        List<Sample> samples = new ArrayList<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("# TYPE ")) {
                String[] parts = line.split(" ");
                types.put(parts[2], parts[3]);
            }
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            samples.add(parseSample(line));
        }
        return new Metrics(Collections.unmodifiableList(samples), types, text);
    }

    private static Sample parseSample(String line) {
        int brace = line.indexOf('{');
        int space;
        String name;
        Map<String, String> labels = new LinkedHashMap<>();
        if (brace >= 0 && brace < line.indexOf(' ')) {
            name = line.substring(0, brace);
            int i = brace + 1;
            while (line.charAt(i) != '}') {
                int eq = line.indexOf('=', i);
                String key = line.substring(i, eq);
                StringBuilder value = new StringBuilder();
                int j = eq + 2; // skip ="
                while (line.charAt(j) != '"') {
                    char c = line.charAt(j);
                    if (c == '\\') {
                        char n = line.charAt(++j);
                        value.append(n == 'n' ? '\n' : n);
                    } else {
                        value.append(c);
                    }
                    j++;
                }
                labels.put(key, value.toString());
                i = j + 1;
                if (line.charAt(i) == ',') {
                    i++;
                }
            }
            space = i + 1;
        } else {
            space = line.indexOf(' ');
            name = line.substring(0, space);
        }
        String[] rest = line.substring(space).trim().split(" ");
        return new Sample(name, Collections.unmodifiableMap(labels), parseValue(rest[0]));
    }

    private static double parseValue(String s) {
        switch (s) {
            case "+Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            case "NaN":
                return Double.NaN;
            default:
                return Double.parseDouble(s);
        }
    }

    /** Samples of {@code name} whose labels include every given {@code key, value} pair. */
    public List<Sample> samples(String name, String... labelPairs) {
        if (labelPairs.length % 2 != 0) {
            throw new IllegalArgumentException("label pairs come as key, value");
        }
        return samples.stream().filter(s -> s.name.equals(name)).filter(s -> {
            for (int i = 0; i < labelPairs.length; i += 2) {
                if (!labelPairs[i + 1].equals(s.labels.get(labelPairs[i]))) {
                    return false;
                }
            }
            return true;
        }).collect(Collectors.toList());
    }

    /** The value of the one sample matching; fails if there is none or more than one. */
    public double value(String name, String... labelPairs) {
        List<Sample> found = samples(name, labelPairs);
        if (found.size() != 1) {
            throw new AssertionError("expected exactly one sample " + name + " " + String.join(",", labelPairs)
                    + " but found " + found + " in\n" + grep(name));
        }
        return found.get(0).value;
    }

    /** Like {@link #value} but 0 when there is no such sample. */
    public double valueOrZero(String name, String... labelPairs) {
        List<Sample> found = samples(name, labelPairs);
        return found.isEmpty() ? 0 : value(name, labelPairs);
    }

    /** Sum over all matching samples (0 if none). */
    public double sum(String name, String... labelPairs) {
        return samples(name, labelPairs).stream().mapToDouble(s -> s.value).sum();
    }

    public boolean has(String name, String... labelPairs) {
        return !samples(name, labelPairs).isEmpty();
    }

    /** The {@code # TYPE} of a metric family, or null. */
    public String type(String family) {
        return types.get(family);
    }

    /** The exposition lines mentioning {@code fragment}, for failure messages. */
    public String grep(String fragment) {
        return text.lines().filter(l -> l.contains(fragment)).collect(Collectors.joining("\n"));
    }

    public List<Sample> all() {
        return samples;
    }

    public String text() {
        return text;
    }
}
