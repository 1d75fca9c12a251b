package dev.threadlens.executors;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * Every {@code jvm_executor_*} family, built at scrape time from {@link ExecutorGroups}:
 * task counters and histograms per executor name and type, gauges read from the live pools.
 */
final class ExecutorCollector implements MultiCollector {

    static final String NAME = "jvm_executor_name";
    static final String TYPE = "jvm_executor_type";
    static final String THREAD_STATE = "jvm_executor_thread_state";

    private final ExecutorGroups groups;
    private final LongSupplier dropped;

    ExecutorCollector(ExecutorGroups groups, LongSupplier dropped) {
        this.groups = groups;
        this.dropped = dropped;
    }

    @Override
    public MetricSnapshots collect() {
        List<ExecutorGroup> all = groups.snapshot();
        List<ExecutorGroup> measured = new ArrayList<>();
        List<ExecutorGroup> forkJoin = new ArrayList<>();
        for (ExecutorGroup g : all) {
            if (g.measured) {
                measured.add(g);
            }
            if (g.kind == PoolKind.FORK_JOIN) {
                forkJoin.add(g);
            }
        }
        List<MetricSnapshot> out = new ArrayList<>();
        out.add(counter("jvm_executor_task_submitted", "Tasks handed to the executor (including rejected ones)",
                measured, g -> g.totals.submitted));
        out.add(counter("jvm_executor_task_completed", "Tasks that ran to the end without failing",
                measured, g -> g.totals.completed));
        out.add(counter("jvm_executor_task_rejected", "Tasks refused: the rejection handler ran (any policy), or the executor was shut down",
                measured, g -> g.totals.rejected));
        out.add(counter("jvm_executor_task_failed", "Tasks that threw, including those whose Future or CompletableFuture completed exceptionally",
                measured, g -> g.totals.failed));
        out.add(counter("jvm_executor_steals", "Tasks stolen by one fork/join worker from another's queue",
                forkJoin, g -> g.totals.steals));

        HistogramSnapshot.Builder queueWait = histogram("jvm_executor_task_queue_wait_seconds",
                "Time from submission to start (thread-per-task: to its thread running it)");
        HistogramSnapshot.Builder duration = histogram("jvm_executor_task_duration_seconds", "Time from start to end");
        HistogramSnapshot.Builder lateness = histogram("jvm_executor_task_lateness_seconds",
                "Scheduled pools: how late a task started, versus the time it was scheduled for");
        for (ExecutorGroup g : measured) {
            Labels labels = labels(g);
            duration.dataPoint(g.totals.duration.snapshot(labels));
            if (g.kind == PoolKind.SCHEDULED) {
                lateness.dataPoint(g.totals.lateness.snapshot(labels));
            } else {
                queueWait.dataPoint(g.totals.queueWait.snapshot(labels));
            }
        }
        out.add(queueWait.build());
        out.add(duration.build());
        out.add(lateness.build());

        GaugeSnapshot.Builder threads = GaugeSnapshot.builder().name("jvm_executor_thread_count")
                .help("Pool threads running a task (active) or waiting for one (idle)");
        for (ExecutorGroup g : all) {
            threads.dataPoint(gaugePoint(g.gauges.active, labels(g).add(THREAD_STATE, "active")));
            threads.dataPoint(gaugePoint(g.gauges.idle(), labels(g).add(THREAD_STATE, "idle")));
        }
        out.add(threads.build());
        out.add(gauge("jvm_executor_thread_limit", "Most threads the pool runs tasks on (maximum pool size; "
                + "core size for scheduled pools; parallelism for fork/join)", all, g -> g.gauges.limit));
        out.add(gauge("jvm_executor_queue_size", "Tasks waiting for a thread (fork/join: queued submissions)",
                all, g -> g.gauges.queueSize));
        out.add(gauge("jvm_executor_queue_capacity", "Tasks the queue can hold (2147483647 when unbounded)",
                all, g -> g.gauges.queueCapacity));
        out.add(gauge("jvm_executor_parallelism", "Fork/join target parallelism", forkJoin, g -> g.gauges.parallelism));
        out.add(gauge("jvm_executor_running_threads",
                "Fork/join workers running tasks and not blocked joining or waiting", forkJoin, g -> g.gauges.running));
        out.add(gauge("jvm_executor_worker_queue_size",
                "Fork/join tasks waiting in the workers' own queues (forked subtasks, internal submissions)",
                forkJoin, g -> g.gauges.workerQueueSize));
        out.add(CounterSnapshot.builder().name("threadlens_executor_queue_wait_dropped")
                .help("Tasks whose queue wait was not timed: no free slot in their pool's ring nor in the "
                        + "submit-time table (see executorTaskSlots), or gone from the queue unseen for 10 minutes")
                .dataPoint(CounterDataPointSnapshot.builder().value(dropped.getAsLong()).build())
                .build());
        return new MetricSnapshots(out);
    }

    private static Labels labels(ExecutorGroup g) {
        return Labels.of(NAME, g.name, TYPE, g.kind.label);
    }

    private static CounterSnapshot counter(String name, String help, List<ExecutorGroup> groups,
            ToLongFunction<ExecutorGroup> value) {
        CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
        for (ExecutorGroup g : groups) {
            b.dataPoint(CounterDataPointSnapshot.builder().value(value.applyAsLong(g)).labels(labels(g)).build());
        }
        return b.build();
    }

    private static HistogramSnapshot.Builder histogram(String name, String help) {
        return HistogramSnapshot.builder().name(name).help(help).unit(Unit.SECONDS);
    }

    private static GaugeSnapshot gauge(String name, String help, List<ExecutorGroup> groups,
            ToLongFunction<ExecutorGroup> value) {
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        for (ExecutorGroup g : groups) {
            long v = value.applyAsLong(g);
            if (v >= 0) {
                b.dataPoint(gaugePoint(v, labels(g)));
            }
        }
        return b.build();
    }

    private static GaugeDataPointSnapshot gaugePoint(long value, Labels labels) {
        return GaugeDataPointSnapshot.builder().value(value).labels(labels).build();
    }
}
