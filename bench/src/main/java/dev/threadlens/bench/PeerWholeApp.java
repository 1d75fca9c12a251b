package dev.threadlens.bench;

import java.nio.file.Path;
import java.util.List;

/** The whole-application workload under one configuration: {@link HttpWorkloadApp} under {@link HttpLoad}. */
final class PeerWholeApp {

    static final String THROUGHPUT = "whole app: HTTP throughput (8 clients)";
    static final String P99 = "whole app: HTTP p99 latency";
    static final int CLIENTS = 8;
    private static final int MAX_WARMUPS = 10;

    private final double warmupSeconds;
    private final double measureSeconds;

    PeerWholeApp(double warmupSeconds, double measureSeconds) {
        this.warmupSeconds = warmupSeconds;
        this.measureSeconds = measureSeconds;
    }

    /**
     * Warm-up slices until two in a row agree within 15% (at most 10): an agent still weaving the
     * server's classes as they load, or a JIT still compiling, must not be measured.
     */
    private void warmUp(int port) throws InterruptedException {
        double previous = -1;
        for (int i = 0; i < MAX_WARMUPS; i++) {
            double now = HttpLoad.run(port, CLIENTS, 0, warmupSeconds).throughput();
            if (previous > 0 && now > 0 && Math.abs(now - previous) / previous < 0.15) {
                return;
            }
            previous = now;
        }
    }

    void run(PeerConfig config, RatioTable table, Path log) {
        try (ChildJava app = ChildJava.start(config.jvmArgs(), log, HttpWorkloadApp.class.getName())) {
            int port = Integer.parseInt(app.awaitLine("port "));
            warmUp(port);
            HttpLoad.Result r = HttpLoad.run(port, CLIENTS, 0, measureSeconds);
            if (r.requests() == 0 || r.errors() > r.requests() / 100) {
                throw new IllegalStateException(r.errors() + " errors, " + r.requests() + " answered");
            }
            table.add(THROUGHPUT, "req/s", true, config.name(), r.perSecond());
            table.add(P99, "ms", false, config.name(), List.of(r.p99Millis()));
            System.out.printf("   whole app under %s: %.0f req/s, p50 %.2f ms, p99 %.2f ms, %d errors%n",
                    config.name(), r.throughput(), r.p50Millis(), r.p99Millis(), r.errors());
        } catch (Exception e) {
            table.fail(THROUGHPUT, "req/s", true, config.name(), e.getClass().getSimpleName());
            table.fail(P99, "ms", false, config.name(), e.getClass().getSimpleName());
            System.out.println("   whole app under " + config.name() + " failed: " + e + " (see " + log + ")");
        }
    }
}
