package dev.threadlens.deadlock;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import dev.threadlens.core.AgentContext;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;

/**
 * {@code jvm_deadlock_threads{kind}} and {@code jvm_thread_stuck_count} (read from the latest
 * report at scrape time), {@code jvm_deadlocks_detected_total{kind}} and
 * {@code jvm_lock_order_inversions_total}. Hangs count under their kind ({@code semaphore},
 * {@code latch}, ...) in both deadlock families.
 */
final class DeadlockMetrics {

    private final Counter detected;
    private final Counter inversions;

    DeadlockMetrics(AgentContext context, Supplier<DeadlockReport> latest) {
        detected = Counter.builder(context.metricProperties())
                .name("jvm_deadlocks_detected_total")
                .help("Deadlocks (and hangs nobody can end) found, by kind: monitor, lock, mixed, executor_starvation,"
                        + " semaphore, latch, ...")
                .labelNames("kind")
                .register(context.registry());
        for (String kind : Kinds.ALWAYS_EXPORTED) {
            detected.initLabelValues(kind);
        }
        inversions = Counter.builder(context.metricProperties())
                .name("jvm_lock_order_inversions_total")
                .help("Lock-order inversions seen (locks taken in both orders: potential deadlocks); needs lockOrder=true")
                .register(context.registry());
        GaugeWithCallback.builder(context.metricProperties())
                .name("jvm_deadlock_threads")
                .help("Threads now in a deadlock cycle or a hang, by kind")
                .labelNames("kind")
                .callback(cb -> threadsByKind(latest.get()).forEach((kind, n) -> cb.call(n, kind)))
                .register(context.registry());
        GaugeWithCallback.builder(context.metricProperties())
                .name("jvm_thread_stuck_count")
                .help("Threads blocked or waiting at the same place, without waking, longer than stuckThreshold")
                .callback(cb -> cb.call(latest.get().stuck().size()))
                .register(context.registry());
    }

    static Map<String, Integer> threadsByKind(DeadlockReport r) {
        Map<String, Integer> n = new LinkedHashMap<>();
        for (String kind : Kinds.ALWAYS_EXPORTED) {
            n.put(kind, 0);
        }
        for (Deadlock d : r.deadlocks()) {
            n.merge(d.kind(), d.cycle().size(), Integer::sum);
        }
        for (Hang h : r.hangs()) {
            n.merge(h.kind(), h.threads().size(), Integer::sum);
        }
        return n;
    }

    void detected(String kind) {
        detected.labelValues(kind).inc();
    }

    void inversion() {
        inversions.inc();
    }
}
