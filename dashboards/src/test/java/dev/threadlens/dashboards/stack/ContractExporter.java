package dev.threadlens.dashboards.stack;

import com.sun.net.httpserver.HttpServer;
import dev.threadlens.dashboards.contract.MetricContract;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stand-in exporter that serves every family of the metric contract, with the label values the
 * design documents (lock types, wait types, thread states, causes...) and values that move over
 * time: counters and histograms grow at steady rates, gauges hold plausible levels. It tests the
 * dashboards' queries against contract-shaped data, independently of which probes exist yet; the
 * real agent is tested by {@link StackEndToEndIT}.
 */
public final class ContractExporter implements AutoCloseable {

    /** Documented values per label (DESIGN.md, README); the first two sites stand for any. */
    private static final Map<String, List<String>> VALUES = Map.ofEntries(
            Map.entry("jvm_thread_state", List.of("new", "runnable", "blocked", "waiting", "timed_waiting", "terminated")),
            Map.entry("jvm_thread_daemon", List.of("false", "true")),
            Map.entry("jvm_thread_virtual", List.of("false", "true")),
            Map.entry("error_type", List.of("java.lang.IllegalStateException")),
            Map.entry("jvm_lock_type", List.of("reentrant_lock", "read_lock", "write_lock", "stamped_lock", "monitor",
                    "semaphore")),
            Map.entry("jvm_lock_site", List.of("com.example.Bank.<init>(Bank.java:42)",
                    "com.example.ConnectionPool.<init>(ConnectionPool.java:17)")),
            Map.entry("jvm_sync_type", List.of("condition", "latch", "barrier", "phaser", "future", "object_wait", "sleep",
                    "join")),
            Map.entry("jvm_sync_site", List.of("com.example.MediaPlayer.<init>(MediaPlayer.java:30)")),
            Map.entry("jvm_executor_name", List.of("com.example.App.main(App.java:20)", "orders")),
            Map.entry("jvm_executor_type", List.of("thread_pool")),
            Map.entry("jvm_executor_thread_state", List.of("active", "idle")),
            Map.entry("jvm_thread_pool", List.of("http", "orders")),
            Map.entry("cause", List.of("running", "lock", "signal_wait", "executor_idle", "sleep", "io", "other")),
            Map.entry("component", List.of("agent", "thread_lifecycle")),
            Map.entry("version", List.of("0.1.0")),
            Map.entry("jdk", List.of("21.0.5")),
            Map.entry("mode", List.of("premain")),
            Map.entry("gc", List.of("G1 Young Generation")));
    /** Label values that differ by family. */
    private static final Map<String, Map<String, List<String>>> FAMILY_VALUES = Map.of(
            "jvm_sync_signals_total", Map.of("kind", List.of("signal", "signal_all", "count_down", "notify", "lost")),
            "jvm_deadlock_threads", Map.of("kind", List.of("lock", "monitor")),
            "jvm_deadlocks_detected_total", Map.of("kind", List.of("lock", "monitor")));
    private static final double[] BUCKETS = {0.001, 0.01, 0.1, 1, 10};
    /** Share of observations falling in each bucket (the rest above the last bound). */
    private static final double[] SHARES = {0.1, 0.3, 0.3, 0.2, 0.05};

    private final MetricContract contract;
    private final HttpServer server;
    private final long startNanos = System.nanoTime();

    private ContractExporter(MetricContract contract) throws IOException {
        this.contract = contract;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/metrics", exchange -> {
            byte[] body = exposition().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    public static ContractExporter start(MetricContract contract) throws IOException {
        return new ContractExporter(contract);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Prometheus text format 0.0.4, every family of the contract, values as of now. */
    String exposition() {
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        StringBuilder out = new StringBuilder();
        for (MetricContract.Family f : contract.families()) {
            String type = f.type();
            out.append("# TYPE ").append(f.name().replaceAll("_total$", "")).append(' ').append(type).append('\n');
            for (List<String[]> labels : combinations(f)) {
                String base = labelText(labels);
                switch (type) {
                    case "counter" -> line(out, f.name(), base, counter(f.name(), elapsed));
                    case "gauge" -> line(out, f.name(), base, gauge(f.name(), labels));
                    case "histogram" -> histogram(out, f.name(), labels, elapsed);
                    case "summary" -> {
                        line(out, f.name() + "_count", base, 2 * elapsed);
                        line(out, f.name() + "_sum", base, 0.01 * elapsed);
                    }
                    default -> throw new IllegalStateException("unknown type " + type);
                }
            }
        }
        return out.toString();
    }

    private void histogram(StringBuilder out, String name, List<String[]> labels, double elapsed) {
        double count = 10 * elapsed;
        double cumulative = 0;
        for (int i = 0; i < BUCKETS.length; i++) {
            cumulative += SHARES[i] * count;
            List<String[]> withLe = new ArrayList<>(labels);
            withLe.add(new String[] {"le", Double.toString(BUCKETS[i])});
            line(out, name + "_bucket", labelText(withLe), Math.floor(cumulative));
        }
        List<String[]> inf = new ArrayList<>(labels);
        inf.add(new String[] {"le", "+Inf"});
        line(out, name + "_bucket", labelText(inf), Math.floor(count));
        line(out, name + "_count", labelText(labels), Math.floor(count));
        line(out, name + "_sum", labelText(labels), 0.05 * count);
    }

    /** Counters grow steadily; more threads start than end, so the leak check has a slope. */
    private static double counter(String name, double elapsed) {
        double perSecond = name.equals("jvm_thread_started_total") ? 3 : name.equals("jvm_thread_terminated_total") ? 2 : 1;
        return Math.floor(perSecond * elapsed);
    }

    private static double gauge(String name, List<String[]> labels) {
        return switch (name) {
            case "jvm_executor_thread_limit" -> 4;
            case "jvm_executor_queue_capacity" -> Integer.MAX_VALUE;
            case "jvm_executor_queue_size" -> 12;
            case "jvm_semaphore_permits_available" -> 0;
            case "jvm_executor_thread_count" -> "active".equals(value(labels, "jvm_executor_thread_state")) ? 4 : 0;
            default -> 1;
        };
    }

    private List<List<String[]>> combinations(MetricContract.Family f) {
        List<List<String[]>> out = new ArrayList<>();
        out.add(new ArrayList<>());
        for (String label : f.labels()) {
            List<String> values = FAMILY_VALUES.getOrDefault(f.name(), Map.of()).getOrDefault(label, VALUES.get(label));
            if (values == null) {
                throw new IllegalStateException("no sample values for label " + label + " of " + f.name());
            }
            List<List<String[]>> next = new ArrayList<>();
            for (List<String[]> partial : out) {
                for (String v : values) {
                    List<String[]> extended = new ArrayList<>(partial);
                    extended.add(new String[] {label, v});
                    next.add(extended);
                }
            }
            out = next;
        }
        return out;
    }

    private static String value(List<String[]> labels, String name) {
        return labels.stream().filter(l -> l[0].equals(name)).map(l -> l[1]).findFirst().orElse(null);
    }

    private static String labelText(List<String[]> labels) {
        if (labels.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("{");
        for (String[] l : labels) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append(l[0]).append("=\"").append(l[1].replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
        }
        return sb.append('}').toString();
    }

    private static void line(StringBuilder out, String name, String labels, double value) {
        out.append(name).append(labels).append(' ').append(String.format(Locale.ROOT, "%.3f", value)).append('\n');
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
