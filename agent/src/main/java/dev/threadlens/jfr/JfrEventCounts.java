package dev.threadlens.jfr;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** {@code threadlens_jfr_events_total{event}}: JFR events the stream handled, to see its load. */
final class JfrEventCounts {

    private final Counter counter;
    private final Map<String, CounterDataPoint> byEvent = new ConcurrentHashMap<>();

    JfrEventCounts(PrometheusProperties properties, PrometheusRegistry registry) {
        counter = Counter.builder(properties)
                .name("threadlens_jfr_events_total")
                .help("JFR events the agent's recording stream handled, by event type")
                .labelNames("event")
                .register(registry);
    }

    CounterDataPoint counter(String event) {
        return byEvent.computeIfAbsent(event, counter::labelValues);
    }

    Map<String, Long> snapshot() {
        Map<String, Long> m = new TreeMap<>();
        byEvent.forEach((k, v) -> m.put(k, v.getLongValue()));
        return m;
    }
}
