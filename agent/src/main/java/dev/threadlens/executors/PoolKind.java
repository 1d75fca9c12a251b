package dev.threadlens.executors;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;

/** The {@code jvm_executor_type} of a pool. */
enum PoolKind {
    THREAD_POOL("thread_pool"),
    SCHEDULED("scheduled"),
    FORK_JOIN("fork_join"),
    THREAD_PER_TASK("thread_per_task");

    /** The label value. */
    final String label;

    PoolKind(String label) {
        this.label = label;
    }

    /** The kind of a pool the probes reported; only the four JDK executors are ever reported. */
    static PoolKind of(Object pool) {
        if (pool instanceof ScheduledThreadPoolExecutor) {
            return SCHEDULED;
        }
        if (pool instanceof ThreadPoolExecutor) {
            return THREAD_POOL;
        }
        if (pool instanceof ForkJoinPool) {
            return FORK_JOIN;
        }
        return THREAD_PER_TASK;
    }
}
