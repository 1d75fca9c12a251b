package dev.threadlens.bench;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** Start-up time to the first line of main, and heap and Metaspace used once settled, per configuration. */
final class ProcessCosts {

    static final String STARTUP = "start-up to first line of main";
    static final String STARTUP_CPU = "CPU time used before main";
    static final String HEAP = "heap used after GC";
    static final String METASPACE = "Metaspace used";

    private ProcessCosts() {
    }

    static void startup(PeerConfig config, RatioTable table, Path log) {
        try (ChildJava app = ChildJava.start(config.jvmArgs(), log, StartupProbeApp.class.getName())) {
            Instant before = Instant.now();
            long launched = before.getEpochSecond() * 1_000_000L + before.getNano() / 1_000;
            String[] f = app.awaitLine("main ").split(" ");
            table.add(STARTUP, "ms", false, config.name(), List.of((Long.parseLong(f[0]) - launched) / 1000.0));
            table.add(STARTUP_CPU, "ms", false, config.name(), List.of(Long.parseLong(f[1]) / 1e6));
        } catch (Exception e) {
            table.fail(STARTUP, "ms", false, config.name(), e.getClass().getSimpleName());
            System.out.println("   start-up under " + config.name() + " failed: " + e);
        }
    }

    static void footprint(PeerConfig config, RatioTable table, Path log, long settleMillis) {
        try (ChildJava app = ChildJava.start(config.jvmArgs(), log, FootprintApp.class.getName(),
                String.valueOf(settleMillis))) {
            String[] f = app.awaitLine("footprint ").split(" ");
            table.add(HEAP, "MiB", false, config.name(), List.of(Long.parseLong(f[0]) / 1048576.0));
            table.add(METASPACE, "MiB", false, config.name(), List.of(Long.parseLong(f[1]) / 1048576.0));
        } catch (Exception e) {
            table.fail(HEAP, "MiB", false, config.name(), e.getClass().getSimpleName());
            table.fail(METASPACE, "MiB", false, config.name(), e.getClass().getSimpleName());
            System.out.println("   footprint under " + config.name() + " failed: " + e);
        }
    }
}
