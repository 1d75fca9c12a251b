package dev.threadlens.threads;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.threadlens.bootstrap.ThreadProbes;
import dev.threadlens.faults.TestFaults;
import dev.threadlens.metrics.AtomicHistogram;
import dev.threadlens.metrics.Buckets;
import dev.threadlens.metrics.HistogramFamily;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Turns thread lifecycle probes into {@code jvm_thread_started_total},
 * {@code jvm_thread_terminated_total}, {@code jvm_thread_lifetime_seconds} and
 * {@code jvm_thread_uncaught_exceptions_total}.
 *
 * <p>Only threads whose start the agent saw are counted as terminated, so that after an attach
 * {@code started - terminated} never goes negative because of threads that predate the agent.
 */
public final class ThreadLifecycleMetrics implements ThreadProbes.Sink {

    /** Distinct exception types before further ones are counted as {@code other}. */
    static final int MAX_ERROR_TYPES = 100;

    private final CounterDataPoint startedPlatform;
    private final CounterDataPoint startedDaemon;
    private final CounterDataPoint startedVirtual;
    private final CounterDataPoint terminatedPlatform;
    private final CounterDataPoint terminatedDaemon;
    private final CounterDataPoint terminatedVirtual;
    private final AtomicHistogram lifetimePlatform;
    private final AtomicHistogram lifetimeDaemon;
    private final Counter uncaught;
    private final Map<String, CounterDataPoint> uncaughtByType = new ConcurrentHashMap<>();
    /** Start time of every platform thread started while the agent is on, until it exits. */
    private final Map<Thread, Long> startNanos = new ConcurrentHashMap<>();

    public ThreadLifecycleMetrics(PrometheusProperties properties, PrometheusRegistry registry) {
        Counter started = Counter.builder(properties)
                .name("jvm_thread_started_total")
                .help("Threads started while the agent was on")
                .labelNames("jvm_thread_daemon", "jvm_thread_virtual")
                .register(registry);
        Counter terminated = Counter.builder(properties)
                .name("jvm_thread_terminated_total")
                .help("Threads (started while the agent was on) that ended")
                .labelNames("jvm_thread_daemon", "jvm_thread_virtual")
                .register(registry);
        HistogramFamily lifetime = new HistogramFamily("jvm_thread_lifetime_seconds",
                "Time from thread start to end", Buckets.LIFETIME, "jvm_thread_daemon");
        registry.register(lifetime);
        uncaught = Counter.builder(properties)
                .name("jvm_thread_uncaught_exceptions_total")
                .help("Threads that died of an uncaught exception, by exception class")
                .labelNames("error_type")
                .register(registry);

        startedPlatform = started.labelValues("false", "false");
        startedDaemon = started.labelValues("true", "false");
        startedVirtual = started.labelValues("true", "true");
        terminatedPlatform = terminated.labelValues("false", "false");
        terminatedDaemon = terminated.labelValues("true", "false");
        terminatedVirtual = terminated.labelValues("true", "true");
        lifetimePlatform = lifetime.labels("false");
        lifetimeDaemon = lifetime.labels("true");
    }

    @Override
    public void starting(Thread thread) {
        TestFaults.fire(TestFaults.THREAD_LIFECYCLE);
        startNanos.put(thread, System.nanoTime());
        (thread.isDaemon() ? startedDaemon : startedPlatform).inc();
    }

    @Override
    public void startFailed(Thread thread) {
        // Counted as started; it ended at once, so count the end too and keep the balance.
        if (startNanos.remove(thread) != null) {
            (thread.isDaemon() ? terminatedDaemon : terminatedPlatform).inc();
        }
    }

    @Override
    public void exiting(Thread thread) {
        Long start = startNanos.remove(thread);
        if (start == null) {
            return; // started before the agent: its start was never counted
        }
        boolean daemon = thread.isDaemon();
        (daemon ? terminatedDaemon : terminatedPlatform).inc();
        (daemon ? lifetimeDaemon : lifetimePlatform).observeNanos(System.nanoTime() - start);
    }

    @Override
    public void virtualStarted(Thread thread) {
        startedVirtual.inc();
    }

    @Override
    public void virtualEnded(Thread thread, long startNanos) {
        terminatedVirtual.inc();
        lifetimeDaemon.observeNanos(System.nanoTime() - startNanos);
    }

    @Override
    public void uncaught(Thread thread, Throwable error) {
        String type = error.getClass().getName();
        CounterDataPoint c = uncaughtByType.get(type);
        if (c == null) {
            if (uncaughtByType.size() >= MAX_ERROR_TYPES) {
                type = "other";
            }
            c = uncaughtByType.computeIfAbsent(type, uncaught::labelValues);
        }
        c.inc();
    }

    /** Platform threads started while the agent was on (for the JSON API). */
    public long started() {
        return startedPlatform.getLongValue() + startedDaemon.getLongValue();
    }

    /** Of those, the ones that ended. */
    public long terminated() {
        return terminatedPlatform.getLongValue() + terminatedDaemon.getLongValue();
    }

    public long virtualStarted() {
        return startedVirtual.getLongValue();
    }

    public long virtualTerminated() {
        return terminatedVirtual.getLongValue();
    }

    /** Live platform threads the agent saw start and has not seen end (for the JSON API). */
    public int tracked() {
        return startNanos.size();
    }
}
