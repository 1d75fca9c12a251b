package dev.threadlens.jfr;

import java.time.Duration;

import dev.threadlens.config.Config;
import dev.threadlens.config.Options;

/** The stream's own settings: thresholds from the options, bounds on what JFR keeps on disk. */
final class JfrSettings {

    /** Chunks older than this are dropped from the repository (the stream reads ~1 s behind). */
    static final Duration MAX_AGE = Duration.ofSeconds(30);
    /** At most this much on disk for the stream. */
    static final long MAX_SIZE_BYTES = 32L * 1024 * 1024;
    /** jdk.ThreadCPULoad period. */
    static final Duration CPU_LOAD_PERIOD = Duration.ofSeconds(10);

    final Duration monitorThreshold;
    final Duration parkThreshold;
    final long monitorThresholdNanos;
    final long parkThresholdNanos;

    JfrSettings(Duration monitorThreshold, Duration parkThreshold) {
        this.monitorThreshold = monitorThreshold;
        this.parkThreshold = parkThreshold;
        this.monitorThresholdNanos = monitorThreshold.toNanos();
        this.parkThresholdNanos = parkThreshold.toNanos();
    }

    static JfrSettings from(Config config) {
        return new JfrSettings(config.get(Options.JFR_MONITOR_THRESHOLD), config.get(Options.JFR_PARK_THRESHOLD));
    }

    /** The shortest wait JFR reports at all: probes need not tell JFR about shorter ones. */
    long minimumNanos() {
        return Math.min(monitorThresholdNanos, parkThresholdNanos);
    }
}
