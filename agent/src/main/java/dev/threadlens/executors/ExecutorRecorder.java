package dev.threadlens.executors;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import dev.threadlens.bootstrap.ExecutorProbes;
import dev.threadlens.bootstrap.ProbeGuard;
import dev.threadlens.core.AgentThreadFactory;
import dev.threadlens.faults.TestFaults;
import dev.threadlens.util.CallSites;

/**
 * Turns executor probes into per-pool counts and timings. Runs on the application's threads:
 * the per-task methods touch only {@link PoolTable}, {@link SubmitRing}, {@link TaskTimes},
 * striped counters and {@code AtomicHistogram}s (no lock, no allocation, nothing that is itself
 * probed). The one slow path, a pool seen for the first time, walks the stack under
 * {@link ProbeGuard}.
 */
final class ExecutorRecorder implements ExecutorProbes.Sink {

    /** A queued task whose submit time is older than this is assumed gone (removed behind our back). */
    static final long EXPIRE_NANOS = TimeUnit.MINUTES.toNanos(10);
    /** A finished future still in the table after this long was cancelled or run outside the pool. */
    static final long DONE_GRACE_NANOS = TimeUnit.SECONDS.toNanos(1);

    private static final Object EXPIRED = "expired";
    private static final Object FINISHED = "finished";

    private final PoolTable pools;
    private final TaskTimes times;
    /** Tasks that went untimed: no free slot at submit, or an entry that expired. */
    private final LongAdder dropped = new LongAdder();
    private final SubmissionWrappers wrappers = new SubmissionWrappers();

    ExecutorRecorder(PoolTable pools, TaskTimes times) {
        this.pools = pools;
        this.times = times;
    }

    long dropped() {
        return dropped.sum();
    }

    // ---- pools ----

    @Override
    public void created(Object pool) {
        state(pool, true);
    }

    /** The pool's state, registering it on first sight (after an attach, or a pool we missed). */
    private PoolState state(Object pool, boolean siteFromHere) {
        PoolState s = pools.get(pool);
        return s != null ? s : discover(pool, siteFromHere);
    }

    private PoolState discover(Object pool, boolean siteFromHere) {
        if (isAgentPool(pool)) {
            return pools.add(PoolState.ignored(pool)); // the agent never measures itself
        }
        if (!ProbeGuard.enter()) {
            return null; // an agent thread, or inside a probe: this event is not the application's
        }
        try {
            PoolKind kind = PoolKind.of(pool);
            if (kind == PoolKind.FORK_JOIN && ExecutorNames.isVirtualThreadScheduler((ForkJoinPool) pool)) {
                return pools.add(PoolState.gaugesOnly(pool, kind, ExecutorNames.VIRTUAL_THREAD_SCHEDULER));
            }
            return pools.add(PoolState.measured(pool, kind, siteFromHere ? CallSites.firstApplicationFrame() : null));
        } finally {
            ProbeGuard.exit();
        }
    }

    /**
     * The agent's own pools (its scheduler, its HTTP workers) make their threads with
     * {@link AgentThreadFactory}. Which thread happens to touch a pool first says nothing: the
     * JDK's common pool, for one, may well be created on an agent thread.
     */
    static boolean isAgentPool(Object pool) {
        return pool instanceof ThreadPoolExecutor && ((ThreadPoolExecutor) pool).getThreadFactory() instanceof AgentThreadFactory;
    }

    /** A pool found on a worker after an attach gets a site from its first submission seen. */
    private static void learnSite(PoolState p) {
        if (ProbeGuard.enter()) {
            try {
                if (p.site == null) {
                    p.site = CallSites.firstApplicationFrame();
                }
            } finally {
                ProbeGuard.exit();
            }
        }
    }

    @Override
    public void workerStarted(Object pool, Thread worker) {
        PoolState p = state(pool, false);
        if (p != null && p.threadName == null) {
            p.threadName = worker.getName();
        }
    }

    // ---- ThreadPoolExecutor and ScheduledThreadPoolExecutor ----

    @Override
    public void submitting(Object pool, Object task, long now) {
        PoolState p = state(pool, true);
        if (p == null || !p.measured) {
            return;
        }
        if (p.site == null) {
            learnSite(p);
        }
        p.submitted.increment();
        keep(p, task, now, p.ring);
    }

    /**
     * Keeps {@code task}'s submit time: in {@code ring} when there is one with room, else in the
     * table; false (and counted) when neither had room.
     */
    private boolean keep(PoolState p, Object task, long now, SubmitRing ring) {
        if ((ring != null && ring.put(task, now)) || times.put(task, now, p)) {
            return true;
        }
        dropped.increment();
        if (ring != null) {
            ring.overflowed();
        }
        return false;
    }

    @Override
    public void scheduling(Object pool) {
        PoolState p = state(pool, true);
        if (p != null && p.measured) {
            if (p.site == null) {
                learnSite(p);
            }
            p.submitted.increment();
        }
    }

    @Override
    public void rejected(Object pool, Object task) {
        PoolState p = state(pool, true);
        if (p != null && p.measured) {
            p.rejected.increment();
            if (task != null) {
                forget(p, task);
            }
        }
    }

    @Override
    public void removed(Object pool, Object task) {
        forget(pools.get(pool), task);
    }

    /** Drops the entry of a task that will not start (rejected, removed, drained). */
    private void forget(PoolState p, Object task) {
        if (p == null || p.ring == null || !p.ring.remove(task)) {
            times.remove(task);
        }
    }

    @Override
    public long taskStarting(Object pool, Object task, long idleSince) {
        PoolState p = state(pool, false);
        if (p == null || !p.measured) {
            return ExecutorProbes.NO_TIME;
        }
        if (p.threadName == null) {
            p.threadName = Thread.currentThread().getName();
        }
        if (p.queueWait != null) {
            long submitted = takeSubmitTime(p, task);
            if (submitted != SubmitRing.NONE) {
                // Queued before the worker finished its previous task: it was taken without
                // waiting, so the end of that one is the start of this one.
                long now = idleSince != ExecutorProbes.NO_TIME && submitted - idleSince <= 0L
                        ? idleSince : System.nanoTime();
                p.queueWait.observeNanos(Math.max(0L, now - submitted));
                return now;
            }
        }
        return System.nanoTime();
    }

    /**
     * When {@code task} was submitted, taking its entry; {@link SubmitRing#NONE} if it has none.
     * A ring pool looks near its ring's hint, then in the table (where tasks go when the ring is
     * full), then in the whole ring.
     */
    private long takeSubmitTime(PoolState p, Object task) {
        SubmitRing ring = p.ring;
        if (ring != null) {
            long submitted = ring.take(task, SubmitRing.SHARED);
            if (submitted != SubmitRing.NONE) {
                return submitted;
            }
        }
        int slot = times.find(task);
        if (slot >= 0) {
            long submitted = times.time(slot);
            if (times.release(slot, task)) {
                return submitted;
            }
        }
        return ring != null ? ring.takeAnywhere(task, SubmitRing.SHARED) : SubmitRing.NONE;
    }

    @Override
    public void taskEnded(Object pool, long nanos, boolean failed) {
        TestFaults.fire(TestFaults.EXECUTORS);
        PoolState p = pools.get(pool);
        if (p != null && p.measured) {
            p.duration.observeNanos(nanos);
            (failed ? p.failed : p.completed).increment();
        }
    }

    @Override
    public void scheduledTaskStarting(Object pool, long triggerNanos, long now) {
        PoolState p = state(pool, false);
        if (p != null && p.lateness != null) {
            p.lateness.observeNanos(Math.max(0L, now - triggerNanos));
        }
    }

    // ---- ForkJoinPool ----

    @Override
    public void forkJoinSubmitting(Object pool, Object task, long now) {
        PoolState p = state(pool, true);
        if (p == null || !p.measured) {
            return;
        }
        if (p.site == null) {
            learnSite(p);
        }
        p.submitted.increment();
        if (keep(p, task, now, p.ring != null && wrappers.isWrapper(task) ? p.ring : null)) {
            p.pending.increment();
        }
    }

    @Override
    public void forkJoinSubmitFailed(Object pool, Object task, boolean rejected) {
        PoolState p = pools.get(pool);
        if (p == null || !p.measured) {
            return;
        }
        if ((p.ring != null && p.ring.remove(task)) || times.remove(task) == p) {
            p.pending.decrement();
        }
        if (rejected) {
            p.rejected.increment();
        }
    }

    @Override
    public boolean forkJoinMayBeSubmission(Thread current) {
        if (current instanceof ForkJoinWorkerThread) {
            // Forked subtasks run on workers by the million: skip the lookup unless this
            // worker's pool has a submission waiting to start.
            PoolState worker = pools.get(((ForkJoinWorkerThread) current).getPool());
            return worker != null && worker.measured && worker.pending.sum() > 0L;
        }
        return true; // a thread running a task inline (a join, an invoke): only the table knows
    }

    /**
     * Finds a starting task's submission: a worker looks near its own lane of its pool's ring,
     * then in the table (application tasks, full rings, another pool's task), then, for a
     * wrapper, through the whole ring. A thread outside any pool (running a task it waits for)
     * looks in the table, then among each pool's newest and, for a wrapper, everywhere.
     */
    @Override
    public Object forkJoinTaskStarting(Object task, Thread current, long now) {
        PoolState own = null;
        int lane = SubmitRing.SHARED;
        if (current instanceof ForkJoinWorkerThread) {
            ForkJoinWorkerThread worker = (ForkJoinWorkerThread) current;
            own = pools.get(worker.getPool());
            lane = SubmitRing.lane(worker.getPoolIndex());
            if (own != null && own.ring != null) {
                long submitted = own.ring.take(task, lane);
                if (submitted != SubmitRing.NONE) {
                    return forkJoinStarted(own, submitted, current, now);
                }
            }
        }
        int slot = times.find(task);
        if (slot >= 0) {
            long submitted = times.time(slot);
            Object owner = times.owner(slot);
            if (owner instanceof PoolState && ((PoolState) owner).kind == PoolKind.FORK_JOIN
                    && times.release(slot, task)) {
                return forkJoinStarted((PoolState) owner, submitted, current, now);
            }
            return null;
        }
        if (!wrappers.isWrapper(task)) {
            return null;
        }
        if (own != null) {
            long submitted = own.ring != null ? own.ring.takeAnywhere(task, lane) : SubmitRing.NONE;
            return submitted != SubmitRing.NONE ? forkJoinStarted(own, submitted, current, now) : null;
        }
        for (PoolState p : pools.snapshot()) {
            if (p != null && p.ring != null && p.kind == PoolKind.FORK_JOIN && p.pending.sum() > 0L) {
                long submitted = p.ring.takeRecent(task);
                if (submitted == SubmitRing.NONE) {
                    submitted = p.ring.takeAnywhere(task, SubmitRing.SHARED);
                }
                if (submitted != SubmitRing.NONE) {
                    return forkJoinStarted(p, submitted, current, now);
                }
            }
        }
        return null;
    }

    private static PoolState forkJoinStarted(PoolState p, long submitted, Thread current, long now) {
        p.pending.decrement();
        p.queueWait.observeNanos(Math.max(0L, now - submitted));
        if (p.threadName == null && current instanceof ForkJoinWorkerThread) {
            p.threadName = current.getName();
        }
        return p;
    }

    @Override
    public void forkJoinTaskEnded(Object poolState, long nanos, boolean failed) {
        PoolState p = (PoolState) poolState;
        p.duration.observeNanos(nanos);
        (failed ? p.failed : p.completed).increment();
    }

    // ---- ThreadPerTaskExecutor ----

    @Override
    public void perTaskRejected(Object executor) {
        PoolState p = state(executor, true);
        if (p != null && p.measured) {
            p.submitted.increment();
            p.rejected.increment();
        }
    }

    @Override
    public void perTaskStarting(Object executor, Thread thread, long now) {
        PoolState p = state(executor, true);
        if (p == null || !p.measured) {
            return;
        }
        if (p.site == null) {
            learnSite(p);
        }
        if (p.threadName == null) {
            p.threadName = thread.getName();
        }
        p.submitted.increment();
        if (!times.put(thread, now, p)) {
            dropped.increment();
        }
    }

    @Override
    public void perTaskStartFailed(Object executor, Thread thread, boolean rejected) {
        times.remove(thread);
        PoolState p = pools.get(executor);
        if (rejected && p != null && p.measured) {
            p.rejected.increment();
        }
    }

    @Override
    public boolean perTaskRunning(Object executor, Thread current, long now) {
        PoolState p = state(executor, false);
        if (p == null || !p.measured) {
            return false;
        }
        int slot = times.find(current);
        if (slot >= 0) {
            long submitted = times.time(slot);
            if (times.release(slot, current)) {
                p.queueWait.observeNanos(Math.max(0L, now - submitted));
            }
        }
        p.running.increment();
        return true;
    }

    @Override
    public void perTaskEnded(Object executor, long nanos, boolean failed) {
        PoolState p = pools.get(executor);
        if (p != null && p.measured) {
            p.running.decrement();
            p.duration.observeNanos(nanos);
            (failed ? p.failed : p.completed).increment();
        }
    }

    // ---- housekeeping (agent thread) ----

    /**
     * Clears entries whose tasks will never be seen starting: futures that finished elsewhere
     * (cancelled and purged, or run inline by a joining thread we did not see), threads that are
     * gone, and anything older than {@link #EXPIRE_NANOS} (taken off a queue behind our back).
     */
    void sweep() {
        long now = System.nanoTime();
        TimedSlots.Sweeper sweeper = new TimedSlots.Sweeper() {
            @Override
            public Object verdict(Object key, long time, Object owner) {
                long age = now - time;
                if (age > EXPIRE_NANOS) {
                    return EXPIRED;
                }
                if (age > DONE_GRACE_NANOS && finished(key)) {
                    return FINISHED;
                }
                return null;
            }

            @Override
            public void released(Object owner, Object verdict) {
                if (owner instanceof PoolState && ((PoolState) owner).pending != null) {
                    ((PoolState) owner).pending.decrement();
                }
                if (verdict == EXPIRED) {
                    dropped.increment();
                }
            }
        };
        times.sweep(sweeper);
        for (PoolState p : pools.live()) {
            if (p.ring != null) {
                p.ring.sweep(sweeper);
            }
        }
    }

    /** Asks only the JDK's own task types, never application code that might block. */
    private static boolean finished(Object key) {
        if (key instanceof Thread) {
            return ((Thread) key).getState() == Thread.State.TERMINATED;
        }
        boolean jdkFuture = key instanceof FutureTask || key instanceof ForkJoinTask || key instanceof CompletableFuture;
        return jdkFuture && key.getClass().getName().startsWith("java.util.concurrent.") && ((Future<?>) key).isDone();
    }
}
