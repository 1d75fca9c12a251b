package dev.threadlens.bootstrap;

import java.util.List;

/**
 * Dispatcher for executor probes, called by advice inlined into {@code ThreadPoolExecutor},
 * {@code ScheduledThreadPoolExecutor}, {@code ForkJoinPool}, {@code ForkJoinTask},
 * {@code FutureTask}, {@code CompletableFuture}'s async tasks and (JDK 21+)
 * {@code ThreadPerTaskExecutor}. Tasks are never wrapped: the probes see the pool's own methods.
 *
 * <p>Per-task calls are on the application's threads and stay cheap: no {@link ProbeGuard} (the
 * sink only touches lock-free agent structures there), no allocation. The sink guards its own
 * slow paths (a pool seen for the first time). Pools are passed as {@code Object}; the sink
 * knows their types.
 *
 * <p>A pool worker's current task is remembered in a per-thread {@link TaskClock} of JDK types
 * only, so a detach that happens mid-task leaves nothing of the agent referenced.
 */
public final class ExecutorProbes {

    /** Receives executor facts; {@code now} values are {@link System#nanoTime()}. */
    public interface Sink {
        /** A pool finished construction. */
        void created(Object pool);

        /** {@code ThreadPoolExecutor.execute(task)} was called. */
        void submitting(Object pool, Object task, long now);

        /** {@code ScheduledThreadPoolExecutor} accepted a task into its delay queue (or tried to). */
        void scheduling(Object pool);

        /** The pool's rejection handler is about to run for {@code task}. */
        void rejected(Object pool, Object task);

        /** {@code task} left the queue without running (remove, shutdownNow, discard). */
        void removed(Object pool, Object task);

        /** A pool worker thread started (its name may name the pool). */
        void workerStarted(Object pool, Thread worker);

        /**
         * A worker of {@code pool} is about to run {@code task} (taken from the queue, or its
         * first task). {@code idleSince} is when the worker finished its previous task, or
         * {@link #NO_TIME}: a task that was submitted before then was already waiting, so that
         * reading serves as its start and the clock is not read again. Returns the start time,
         * or {@link #NO_TIME} when the pool is not measured.
         */
        long taskStarting(Object pool, Object task, long idleSince);

        /** The task a worker started earlier ended after {@code nanos}. */
        void taskEnded(Object pool, long nanos, boolean failed);

        /** A scheduled task whose trigger time was {@code triggerNanos} starts now. */
        void scheduledTaskStarting(Object pool, long triggerNanos, long now);

        /** A {@code ForkJoinPool} submission (execute, submit, invoke, externalSubmit, lazySubmit). */
        void forkJoinSubmitting(Object pool, Object task, long now);

        /** That submission failed ({@code rejected} when by a {@code RejectedExecutionException}). */
        void forkJoinSubmitFailed(Object pool, Object task, boolean rejected);

        /**
         * False when a fork/join task about to run on {@code current} cannot be a measured
         * submission: a forked subtask on a worker whose pool has no submission waiting to
         * start. Lets those run without a clock read or a lookup.
         */
        boolean forkJoinMayBeSubmission(Thread current);

        /**
         * A fork/join task is about to run on {@code current}; returns the pool's state when it is
         * a measured submission, else null (forked subtasks, unmeasured pools).
         */
        Object forkJoinTaskStarting(Object task, Thread current, long now);

        /** A measured fork/join task ended. */
        void forkJoinTaskEnded(Object poolState, long nanos, boolean failed);

        /** A thread-per-task executor refused a task before creating its thread. */
        void perTaskRejected(Object executor);

        /** A thread-per-task executor is starting {@code thread} for one task. */
        void perTaskStarting(Object executor, Thread thread, long now);

        /** Starting that thread failed (the executor was shut down meanwhile). */
        void perTaskStartFailed(Object executor, Thread thread, boolean rejected);

        /** The task's thread began running it; returns false when the executor is not measured. */
        boolean perTaskRunning(Object executor, Thread current, long now);

        /** The task ended. */
        void perTaskEnded(Object executor, long nanos, boolean failed);
    }

    /** A time that is no time: nothing measured, or no reading to reuse. */
    public static final long NO_TIME = Long.MIN_VALUE;

    /**
     * What a thread is running for an executor. JDK types only: it may outlive a detach (the
     * fork/join hand-over fields hold agent state for the few instructions until the advice
     * takes them).
     */
    static final class TaskClock {
        /** The pool whose task this worker is running, or null. */
        Object pool;
        long start;
        /** When this worker ended its previous measured task, or {@link #NO_TIME}. */
        long idleSince = NO_TIME;
        /** Failures seen on this thread (FutureTask.setException, failed async stages). */
        int failures;
        /** {@link #failures} when the current task started. */
        int failuresAtStart;
        /**
         * A measured fork/join task's pool state, start and failure mark, handed to its advice
         * (which clears the state). Apart from {@link #start}: a pool worker may run a fork/join
         * task inline within its own task.
         */
        Object forkJoinState;
        long forkJoinStart;
        int forkJoinFailuresAtStart;
    }

    private static final String COMPONENT = "executors";

    /** Bits of {@code ForkJoinTask.status} (the same on JDK 17 and 25). */
    private static final int FJ_DONE = 1 << 31;
    private static final int FJ_THROWN = 1 << 17;

    private static final ThreadLocal<TaskClock> CLOCK = new ThreadLocal<TaskClock>() {
        @Override
        protected TaskClock initialValue() {
            return new TaskClock();
        }
    };

    private static volatile Sink sink;

    private ExecutorProbes() {
    }

    public static void install(Sink s) {
        sink = s;
    }

    // ---- construction, submission, rejection (submitting thread) ----

    public static void created(Object pool) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.created(pool);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }

    public static void submitting(Object pool, Object task) {
        Sink s = sink;
        if (s == null || task == null) {
            return;
        }
        try {
            s.submitting(pool, task, System.nanoTime());
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }

    public static void scheduling(Object pool) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.scheduling(pool);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }

    public static void rejected(Object pool, Object task) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.rejected(pool, task);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }

    public static void removed(Object pool, Object task) {
        Sink s = sink;
        if (s == null || task == null) {
            return;
        }
        try {
            s.removed(pool, task);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }

    /** {@code shutdownNow()} returned the tasks that never ran. */
    public static void drained(Object pool, List<Runnable> tasks) {
        Sink s = sink;
        if (s == null || tasks == null) {
            return;
        }
        try {
            for (int i = 0; i < tasks.size(); i++) {
                s.removed(pool, tasks.get(i));
            }
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }

    /** The task a discard-oldest policy is about to drop (the queue head), or null when off. */
    public static Runnable oldestQueued(java.util.concurrent.ThreadPoolExecutor pool) {
        if (sink == null) {
            return null;
        }
        try {
            return pool.isShutdown() ? null : pool.getQueue().peek();
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
            return null;
        }
    }

    // ---- ThreadPoolExecutor workers ----

    /** {@code Worker.run()} began on a new worker thread; {@code firstTask} may be null. */
    public static void workerStarting(Object pool, Runnable firstTask) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.workerStarted(pool, Thread.currentThread());
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
        if (firstTask != null) {
            taskStarting(s, pool, firstTask);
        }
    }

    /** {@code getTask()} entered: whatever the worker ran last has ended. */
    public static void workerIdle() {
        Sink s = sink;
        if (s == null) {
            return;
        }
        TaskClock c = CLOCK.get();
        Object pool = c.pool;
        if (pool != null) {
            c.pool = null;
            long now = System.nanoTime();
            c.idleSince = now;
            try {
                s.taskEnded(pool, now - c.start, c.failures != c.failuresAtStart);
            } catch (Throwable e) {
                Failures.report(COMPONENT, e);
            }
        }
    }

    /** {@code getTask()} returned {@code task} (null when the worker is about to exit). */
    public static void workerTaskStarting(Object pool, Runnable task) {
        Sink s = sink;
        if (s == null || task == null) {
            return;
        }
        taskStarting(s, pool, task);
    }

    /** {@code processWorkerExit}: an abrupt exit means the running task threw. */
    public static void workerExiting(boolean abrupt) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        TaskClock c = CLOCK.get();
        Object pool = c.pool;
        if (pool != null) {
            c.pool = null;
            long nanos = System.nanoTime() - c.start;
            try {
                s.taskEnded(pool, nanos, abrupt || c.failures != c.failuresAtStart);
            } catch (Throwable e) {
                Failures.report(COMPONENT, e);
            }
        }
    }

    private static void taskStarting(Sink s, Object pool, Object task) {
        TaskClock c = CLOCK.get();
        long idleSince = c.idleSince;
        c.idleSince = NO_TIME;
        try {
            long start = s.taskStarting(pool, task, idleSince);
            if (start != NO_TIME) {
                c.pool = pool;
                c.start = start;
                c.failuresAtStart = c.failures;
            }
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }

    /** A {@code ScheduledFutureTask} of {@code pool} due at {@code triggerNanos} starts. */
    public static void scheduledTaskStarting(Object pool, long triggerNanos) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.scheduledTaskStarting(pool, triggerNanos, System.nanoTime());
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }

    // ---- failures that the task's own frame does not show ----

    /**
     * A {@code FutureTask} (as run by {@code submit()}) or a {@code CompletableFuture} async
     * stage completed exceptionally on this thread: the task running here failed.
     */
    public static void taskFailed() {
        if (sink == null) {
            return;
        }
        CLOCK.get().failures++;
    }

    /** The failure count of this thread, taken when a task starts and compared when it ends. */
    public static int failureMark() {
        return CLOCK.get().failures;
    }

    // ---- ForkJoinPool ----

    public static void forkJoinSubmitting(Object pool, Object task) {
        Sink s = sink;
        if (s == null || task == null) {
            return;
        }
        try {
            s.forkJoinSubmitting(pool, task, System.nanoTime());
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }

    public static void forkJoinSubmitFailed(Object pool, Object task, Throwable thrown) {
        Sink s = sink;
        if (s == null || task == null) {
            return;
        }
        try {
            s.forkJoinSubmitFailed(pool, task, thrown instanceof java.util.concurrent.RejectedExecutionException);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }

    /** {@code ForkJoinPool.runWorker} began on a new worker thread. */
    public static void forkJoinWorkerStarting(Object pool) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.workerStarted(pool, Thread.currentThread());
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }

    /**
     * {@code ForkJoinTask.doExec()} entered. For a measured submission, returns this thread's
     * task clock holding the task's pool state, start time and failure mark, which the advice
     * copies into its locals at once ({@link #takeForkJoinState}, {@link #startOf},
     * {@link #failuresAtStartOf}): one clock read and one thread-local lookup per task, none for
     * forked subtasks. Null otherwise.
     */
    public static Object forkJoinTaskStarting(Object task) {
        Sink s = sink;
        if (s == null) {
            return null;
        }
        try {
            Thread current = Thread.currentThread();
            if (!s.forkJoinMayBeSubmission(current)) {
                return null;
            }
            long now = System.nanoTime();
            Object state = s.forkJoinTaskStarting(task, current, now);
            if (state == null) {
                return null;
            }
            TaskClock c = CLOCK.get();
            c.forkJoinState = state;
            c.forkJoinStart = now;
            c.forkJoinFailuresAtStart = c.failures;
            return c;
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
            return null;
        }
    }

    /** The pool state that {@link #forkJoinTaskStarting} handed over; the clock keeps none of it. */
    public static Object takeForkJoinState(Object clock) {
        TaskClock c = (TaskClock) clock;
        Object state = c.forkJoinState;
        c.forkJoinState = null;
        return state;
    }

    /** The start time that {@link #forkJoinTaskStarting} handed over. */
    public static long startOf(Object clock) {
        return ((TaskClock) clock).forkJoinStart;
    }

    /** The failure mark that {@link #forkJoinTaskStarting} handed over. */
    public static int failuresAtStartOf(Object clock) {
        return ((TaskClock) clock).forkJoinFailuresAtStart;
    }

    /** {@code doExec()} returned; {@code status} is the task's status field. */
    public static void forkJoinTaskEnded(Object poolState, long start, int status, int failuresAtStart) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        long nanos = System.nanoTime() - start;
        boolean failed = ((status & FJ_DONE) != 0 && (status & FJ_THROWN) != 0)
                || CLOCK.get().failures != failuresAtStart;
        try {
            s.forkJoinTaskEnded(poolState, nanos, failed);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }

    // ---- ThreadPerTaskExecutor (JDK 21+) ----

    public static void perTaskRejected(Object executor, Throwable thrown) {
        Sink s = sink;
        if (s == null || !(thrown instanceof java.util.concurrent.RejectedExecutionException)) {
            return;
        }
        try {
            s.perTaskRejected(executor);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }

    public static void perTaskStarting(Object executor, Thread thread) {
        Sink s = sink;
        if (s == null || thread == null) {
            return;
        }
        try {
            s.perTaskStarting(executor, thread, System.nanoTime());
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }

    public static void perTaskStartFailed(Object executor, Thread thread, Throwable thrown) {
        Sink s = sink;
        if (s == null || thread == null) {
            return;
        }
        try {
            s.perTaskStartFailed(executor, thread,
                    thrown instanceof java.util.concurrent.RejectedExecutionException);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }

    /** The task's own thread began running it; returns the start time, or 0 when not measured. */
    public static long perTaskRunning(Object executor) {
        Sink s = sink;
        if (s == null) {
            return 0L;
        }
        long now = System.nanoTime();
        try {
            return s.perTaskRunning(executor, Thread.currentThread(), now) ? now : 0L;
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
            return 0L;
        }
    }

    public static void perTaskEnded(Object executor, long start, int failuresAtStart, Throwable thrown) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        long nanos = System.nanoTime() - start;
        boolean failed = thrown != null || CLOCK.get().failures != failuresAtStart;
        try {
            s.perTaskEnded(executor, nanos, failed);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }
}
