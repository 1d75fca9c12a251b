package dev.threadlens.threads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

import io.prometheus.metrics.model.registry.Collector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/**
 * {@code jvm_thread_count{jvm_thread_state, jvm_thread_daemon}}: live platform threads, read at
 * scrape time on the scraping thread (no stacks are taken). Every state/daemon pair is exported,
 * zeros included, so that dashboards and alerts always have a series.
 */
public final class ThreadStateCollector implements Collector {

    private static final Thread.State[] STATES = Thread.State.values();

    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    @Override
    public MetricSnapshot collect() {
        long[][] counts = new long[STATES.length][2];
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds(), 0)) {
            if (info != null) { // a thread that ended between the two calls
                counts[info.getThreadState().ordinal()][info.isDaemon() ? 1 : 0]++;
            }
        }
        GaugeSnapshot.Builder b = GaugeSnapshot.builder()
                .name("jvm_thread_count")
                .help("Live platform threads by state and daemon flag");
        for (Thread.State state : STATES) {
            for (int daemon = 0; daemon < 2; daemon++) {
                b.dataPoint(GaugeDataPointSnapshot.builder()
                        .value(counts[state.ordinal()][daemon])
                        .labels(Labels.of("jvm_thread_state", state.name().toLowerCase(Locale.ROOT),
                                "jvm_thread_daemon", daemon == 1 ? "true" : "false"))
                        .build());
            }
        }
        return b.build();
    }

    @Override
    public String getPrometheusName() {
        return "jvm_thread_count";
    }
}
