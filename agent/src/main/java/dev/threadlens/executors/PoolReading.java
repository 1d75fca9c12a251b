package dev.threadlens.executors;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The gauges of live pools, read at scrape time on an agent thread through the pools' public
 * methods (a {@code ThreadPoolExecutor} takes its main lock for a moment to count its workers,
 * as it does for any monitoring call). Added up over the pools of one name; -1 means "does not
 * apply to this kind of pool".
 */
final class PoolReading {

    long poolSize;
    long active;
    long core = -1;
    long max = -1;
    long limit = -1;
    long queueSize = -1;
    long queueCapacity = -1;
    long parallelism = -1;
    long running = -1;
    long workerQueueSize = -1;
    /** Tasks are ready to run and waiting for a thread (scheduled pools: the earliest is overdue). */
    boolean backlog;

    long idle() {
        return Math.max(0, poolSize - active);
    }

    /** Adds the gauges of {@code pool}; returns its steal count (fork/join), or 0. */
    long read(PoolState state, Object pool) {
        switch (state.kind) {
            case THREAD_POOL:
            case SCHEDULED:
                readThreadPool(state.kind, (ThreadPoolExecutor) pool);
                return 0;
            case FORK_JOIN:
                return readForkJoin((ForkJoinPool) pool);
            default:
                long now = state.running == null ? 0 : Math.max(0, state.running.sum());
                poolSize += now;
                active += now;
                return 0;
        }
    }

    private void readThreadPool(PoolKind kind, ThreadPoolExecutor pool) {
        poolSize += pool.getPoolSize();
        active += pool.getActiveCount();
        core = plus(core, pool.getCorePoolSize());
        max = plus(max, pool.getMaximumPoolSize());
        // A scheduled pool runs its core threads only; its maximum is meaningless (Integer.MAX_VALUE).
        limit = plus(limit, kind == PoolKind.SCHEDULED ? pool.getCorePoolSize() : pool.getMaximumPoolSize());
        BlockingQueue<Runnable> queue = pool.getQueue();
        int size = queue.size();
        queueSize = plus(queueSize, size);
        queueCapacity = plus(queueCapacity, Math.min((long) Integer.MAX_VALUE, (long) size + queue.remainingCapacity()));
        if (kind == PoolKind.SCHEDULED) {
            // A scheduled pool's queue holds tasks that are not due yet: only an overdue head is a backlog.
            Runnable head = size == 0 ? null : queue.peek();
            backlog |= head instanceof Delayed && ((Delayed) head).getDelay(TimeUnit.NANOSECONDS) <= 0;
        } else {
            backlog |= size > 0;
        }
    }

    private long readForkJoin(ForkJoinPool pool) {
        poolSize += pool.getPoolSize();
        active += pool.getActiveThreadCount();
        parallelism = plus(parallelism, pool.getParallelism());
        limit = plus(limit, pool.getParallelism());
        running = plus(running, pool.getRunningThreadCount());
        int submissions = pool.getQueuedSubmissionCount();
        queueSize = plus(queueSize, submissions);
        backlog |= submissions > 0;
        workerQueueSize = plus(workerQueueSize, pool.getQueuedTaskCount());
        return pool.getStealCount();
    }

    private static long plus(long sum, long value) {
        return sum < 0 ? value : sum + value;
    }
}
