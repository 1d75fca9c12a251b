package dev.threadlens.dashboards.contract;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The metric contract ({@code metric-contract.tsv}): every family a dashboard or rule may use,
 * its type and labels. Series names resolve to families the way Prometheus names them
 * ({@code _bucket}, {@code _sum}, {@code _count} of histograms and summaries).
 */
public final class MetricContract {

    /** Labels every scraped series carries. */
    public static final Set<String> TARGET_LABELS = Set.of("job", "instance");

    /** One metric family. */
    public record Family(String name, String type, List<String> labels, int minJdk, String source) {
        public boolean isHistogram() {
            return type.equals("histogram");
        }
    }

    /** A series name resolved to its family, and which part of it the name is. */
    public record Series(String name, Family family, String suffix) {
        /** Counters, and the cumulative parts of histograms and summaries: only meaningful through rate(). */
        public boolean isCumulative() {
            return family.type().equals("counter") || !suffix.isEmpty();
        }

        public boolean isBucket() {
            return suffix.equals("_bucket");
        }

        /** The labels a series of this name has once scraped. */
        public Set<String> labels() {
            Set<String> labels = new LinkedHashSet<>(family.labels());
            labels.addAll(TARGET_LABELS);
            if (isBucket()) {
                labels.add("le");
            }
            return labels;
        }
    }

    private final Map<String, Family> families;

    private MetricContract(Map<String, Family> families) {
        this.families = families;
    }

    public static MetricContract load() {
        try (InputStream in = MetricContract.class.getResourceAsStream("/metric-contract.tsv")) {
            if (in == null) {
                throw new IllegalStateException("metric-contract.tsv is not on the test class path");
            }
            Map<String, Family> families = new LinkedHashMap<>();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 5) {
                    throw new IllegalStateException("metric-contract.tsv: expected 5 tab-separated fields: " + line);
                }
                List<String> labels = f[2].equals("-") ? List.of() : List.of(f[2].split(","));
                families.put(f[0], new Family(f[0], f[1], labels, Integer.parseInt(f[3]), f[4]));
            }
            return new MetricContract(families);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Collection<Family> families() {
        return families.values();
    }

    /** Resolves a series name ({@code jvm_lock_wait_seconds_bucket}) to its family, if in the contract. */
    public Optional<Series> series(String name) {
        Family exact = families.get(name);
        if (exact != null && !exact.isHistogram() && !exact.type().equals("summary")) {
            return Optional.of(new Series(name, exact, ""));
        }
        for (String suffix : List.of("_bucket", "_sum", "_count")) {
            if (name.endsWith(suffix)) {
                Family f = families.get(name.substring(0, name.length() - suffix.length()));
                if (f != null && (f.isHistogram() || f.type().equals("summary") && !suffix.equals("_bucket"))) {
                    return Optional.of(new Series(name, f, suffix));
                }
            }
        }
        return Optional.empty();
    }

    /** The names of all series the contract allows, for messages. */
    public List<String> seriesNames() {
        List<String> names = new ArrayList<>();
        for (Family f : families.values()) {
            switch (f.type()) {
                case "histogram" -> names.addAll(List.of(f.name() + "_bucket", f.name() + "_sum", f.name() + "_count"));
                case "summary" -> names.addAll(List.of(f.name() + "_sum", f.name() + "_count"));
                default -> names.add(f.name());
            }
        }
        return names;
    }
}
