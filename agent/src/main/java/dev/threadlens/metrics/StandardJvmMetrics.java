package dev.threadlens.metrics;

import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmNativeMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * client_java's standard JVM metrics ({@code jvm_threads_*}, memory, GC, classes, process),
 * all of {@code JvmMetrics} except {@code JvmMemoryPoolAllocationMetrics}: that one registers GC
 * notification listeners that cannot be removed, so a detach would leave them (and the agent's
 * class loader) behind.
 */
final class StandardJvmMetrics {

    private StandardJvmMetrics() {
    }

    static void register(PrometheusProperties properties, PrometheusRegistry registry) {
        JvmThreadsMetrics.builder(properties).register(registry);
        JvmBufferPoolMetrics.builder(properties).register(registry);
        JvmClassLoadingMetrics.builder(properties).register(registry);
        JvmCompilationMetrics.builder(properties).register(registry);
        JvmGarbageCollectorMetrics.builder(properties).register(registry);
        JvmMemoryMetrics.builder(properties).register(registry);
        JvmNativeMemoryMetrics.builder(properties).register(registry);
        JvmRuntimeInfoMetric.builder(properties).register(registry);
        ProcessMetrics.builder(properties).register(registry);
    }
}
