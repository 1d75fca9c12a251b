package dev.threadlens.deadlock;

/** A thread blocked or waiting at the same place, without waking once, for longer than {@code stuckThreshold}. */
public final class StuckThread {

    private final ThreadView thread;
    private final double seconds;

    public StuckThread(ThreadView thread, double seconds) {
        this.thread = thread;
        this.seconds = seconds;
    }

    public ThreadView thread() {
        return thread;
    }

    /** Time since the wait was first seen (a lower bound, within one detection interval). */
    public double seconds() {
        return seconds;
    }
}
