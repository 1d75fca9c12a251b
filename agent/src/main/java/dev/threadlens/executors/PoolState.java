package dev.threadlens.executors;

import java.lang.ref.WeakReference;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;

import dev.threadlens.metrics.AtomicHistogram;
import dev.threadlens.metrics.Buckets;
import dev.threadlens.metrics.StripedCounter;

/**
 * What the agent knows about one pool: identity (held weakly, so a pool that is shut down and
 * dropped can be collected), naming clues, and the task counters and histograms application
 * threads record into without locks. Export aggregates pools by name at scrape time.
 */
final class PoolState extends WeakReference<Object> {

    final PoolKind kind;
    /** The pool's identity hash, for {@link PoolTable}. */
    final int hash;
    /** Tasks are counted and timed (false: gauges only, or not at all). */
    final boolean measured;
    /** Shown at all (false for the agent's own pools). */
    final boolean exported;
    /** A name fixed by what the pool is (the virtual thread scheduler), else null. */
    final String fixedName;

    /** Where the pool was created (or, if found after an attach, first submitted to); may be null. */
    volatile String site;
    /** The name of a worker thread, learnt from the first one seen; may be null. */
    volatile String threadName;

    final StripedCounter submitted;
    final StripedCounter completed;
    final StripedCounter failed;
    final StripedCounter rejected;
    /** Fork/join submissions not yet started (lets forked subtasks skip the submit-time lookup). */
    final StripedCounter pending;
    /** Thread-per-task executors: tasks running now. */
    final StripedCounter running;
    final AtomicHistogram queueWait;
    final AtomicHistogram duration;
    final AtomicHistogram lateness;
    /**
     * Submit times of a pool whose tasks start in about the order they came (a FIFO thread pool,
     * a fork/join pool's submission queues), else null: {@link TaskTimes} keeps them.
     */
    final SubmitRing ring;

    // Agent threads only, under ExecutorGroups' lock.
    /** The name this pool was first exported under; kept, so its series never change name. */
    String exportedName;
    /** Last steal count read from a fork/join pool, kept for when the pool is gone. */
    long lastSteals;

    private PoolState(Object pool, PoolKind kind, boolean measured, boolean exported, String fixedName, String site) {
        super(pool);
        this.kind = kind;
        this.hash = System.identityHashCode(pool);
        this.measured = measured;
        this.exported = exported;
        this.fixedName = fixedName;
        this.site = site;
        this.submitted = measured ? new StripedCounter() : null;
        this.completed = measured ? new StripedCounter() : null;
        this.failed = measured ? new StripedCounter() : null;
        this.rejected = measured ? new StripedCounter() : null;
        this.pending = measured && kind == PoolKind.FORK_JOIN ? new StripedCounter() : null;
        this.running = measured && kind == PoolKind.THREAD_PER_TASK ? new StripedCounter() : null;
        this.queueWait = measured && kind != PoolKind.SCHEDULED ? new AtomicHistogram(Buckets.TASK) : null;
        this.duration = measured ? new AtomicHistogram(Buckets.TASK) : null;
        this.lateness = measured && kind == PoolKind.SCHEDULED ? new AtomicHistogram(Buckets.TASK) : null;
        this.ring = !measured ? null
                : kind == PoolKind.FORK_JOIN ? new SubmitRing(SubmitRing.SLOTS, 1 + SubmitRing.WORKER_LANES, this)
                : startsInOrder(pool, kind) ? new SubmitRing(SubmitRing.SLOTS, 1, this) : null;
    }

    /**
     * A thread pool whose queue hands tasks out first in, first out. Subclasses count (a queue
     * that overrides {@code offer} to hand out last in, first out still works through
     * {@link SubmitRing#takeAnywhere}, only slower); priority and delay queues do not.
     */
    private static boolean startsInOrder(Object pool, PoolKind kind) {
        if (kind != PoolKind.THREAD_POOL) {
            return false;
        }
        BlockingQueue<Runnable> queue = ((ThreadPoolExecutor) pool).getQueue();
        return queue instanceof LinkedBlockingQueue || queue instanceof ArrayBlockingQueue
                || queue instanceof SynchronousQueue || queue instanceof LinkedTransferQueue
                || queue instanceof LinkedBlockingDeque;
    }

    /** An application pool: counted, timed, exported. */
    static PoolState measured(Object pool, PoolKind kind, String site) {
        return new PoolState(pool, kind, true, true, null, site);
    }

    /** A pool whose tasks are not measured but whose gauges are shown under a fixed name. */
    static PoolState gaugesOnly(Object pool, PoolKind kind, String name) {
        return new PoolState(pool, kind, false, true, name, null);
    }

    /** One of the agent's own pools: never measured, never shown. */
    static PoolState ignored(Object pool) {
        return new PoolState(pool, PoolKind.of(pool), false, false, null, null);
    }
}
