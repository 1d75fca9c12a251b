package dev.threadlens.jfr;

/**
 * Where a thread's wall-clock time goes: the {@code cause} label of
 * {@code jvm_thread_time_seconds_total} and the keys of {@code /api/time}.
 */
public enum WaitCause {
    /** RUNNABLE in Java code (on a CPU or waiting for one). */
    RUNNING("running"),
    /** Blocked on a monitor or parked acquiring a lock or semaphore: mutual exclusion. */
    LOCK("lock"),
    /** Waiting to be signalled: condition, latch, barrier, future, Object.wait, join, queue hand-off, park. */
    SIGNAL_WAIT("signal_wait"),
    /** A pool worker waiting for its next task: not contention, not a signal the user waits for. */
    EXECUTOR_IDLE("executor_idle"),
    /** In Thread.sleep. */
    SLEEP("sleep"),
    /** RUNNABLE inside a native socket, file or selector call. */
    IO("io"),
    /** Anything else (a park with no blocker, a state that says nothing). */
    OTHER("other");

    private final String label;

    WaitCause(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
