package dev.threadlens.jfr.time;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.threadlens.http.JsonWriter;
import dev.threadlens.jfr.WaitCause;
import io.prometheus.metrics.config.PrometheusProperties;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code jvm_thread_time_seconds_total{jvm_thread_pool, cause}} and {@code /api/time}: wall-clock
 * seconds of the threads of each pool by cause, plus the CPU seconds JFR measured for the pool.
 */
public final class ThreadTime {

    private static final WaitCause[] CAUSES = WaitCause.values();

    /** One pool's totals. */
    private static final class Pool {
        final CounterDataPoint[] counters = new CounterDataPoint[CAUSES.length];
        final double[] seconds = new double[CAUSES.length];
        double cpuSeconds = Double.NaN;
        int threads;
    }

    private final Counter counter;
    private final PoolLabels pools;
    private final Map<String, Pool> byPool = new ConcurrentHashMap<>();

    public ThreadTime(PrometheusProperties properties, PrometheusRegistry registry, PoolLabels pools) {
        this.pools = pools;
        this.counter = Counter.builder(properties)
                .name("jvm_thread_time_seconds_total")
                .help("Wall-clock time of the threads of each pool (by thread-name prefix), by cause: running, lock, "
                        + "signal_wait, executor_idle, sleep, io, other")
                .labelNames("jvm_thread_pool", "cause")
                .register(registry);
    }

    public PoolLabels poolNames() {
        return pools;
    }

    /** Adds {@code seconds} of one thread of {@code pool} in {@code cause}. */
    void add(String pool, WaitCause cause, double seconds) {
        Pool p = pool(pool);
        synchronized (p) {
            p.seconds[cause.ordinal()] += seconds;
        }
        p.counters[cause.ordinal()].inc(seconds);
    }

    /** The live thread count of every pool, after a sample (pools not in the map have none). */
    void setLiveThreads(Map<String, Integer> live) {
        for (Map.Entry<String, Pool> e : byPool.entrySet()) {
            Integer n = live.get(e.getKey());
            synchronized (e.getValue()) {
                e.getValue().threads = n == null ? 0 : n;
            }
        }
    }

    /** CPU seconds JFR measured (jdk.ThreadCPULoad) for a thread of this name. */
    public void addCpu(String threadName, double seconds) {
        Pool p = byPool.get(PoolLabels.strip(threadName));
        if (p == null) {
            return; // not a pool the sampler accounts for (JVM or agent threads)
        }
        synchronized (p) {
            p.cpuSeconds = Double.isNaN(p.cpuSeconds) ? seconds : p.cpuSeconds + seconds;
        }
    }

    private Pool pool(String name) {
        Pool p = byPool.get(name);
        if (p == null) {
            p = byPool.computeIfAbsent(name, n -> {
                Pool created = new Pool();
                for (WaitCause c : CAUSES) {
                    created.counters[c.ordinal()] = counter.labelValues(n, c.label()); // zeros exported too
                }
                return created;
            });
        }
        return p;
    }

    /** The {@code /api/time} document. */
    public void write(JsonWriter json, long timestampMillis) {
        List<Map.Entry<String, double[]>> rows = new ArrayList<>();
        Map<String, int[]> threads = new ConcurrentHashMap<>();
        Map<String, Double> cpu = new ConcurrentHashMap<>();
        for (Map.Entry<String, Pool> e : byPool.entrySet()) {
            Pool p = e.getValue();
            synchronized (p) {
                rows.add(Map.entry(e.getKey(), p.seconds.clone()));
                threads.put(e.getKey(), new int[] {p.threads});
                if (!Double.isNaN(p.cpuSeconds)) {
                    cpu.put(e.getKey(), p.cpuSeconds);
                }
            }
        }
        rows.sort((a, b) -> Double.compare(total(b.getValue()), total(a.getValue())));
        json.beginObject().field("timestamp", timestampMillis).name("pools").beginArray();
        for (Map.Entry<String, double[]> row : rows) {
            json.beginObject().field("pool", row.getKey()).field("threads", threads.get(row.getKey())[0]);
            json.name("seconds").beginObject();
            for (WaitCause c : CAUSES) {
                json.field(c.label(), row.getValue()[c.ordinal()]);
            }
            json.endObject();
            if (cpu.containsKey(row.getKey())) {
                json.field("cpuSeconds", cpu.get(row.getKey()));
            }
            json.endObject();
        }
        json.endArray().endObject();
    }

    private static double total(double[] seconds) {
        double t = 0;
        for (double s : seconds) {
            t += s;
        }
        return t;
    }
}
