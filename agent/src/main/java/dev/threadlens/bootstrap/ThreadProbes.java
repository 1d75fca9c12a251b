package dev.threadlens.bootstrap;

/**
 * Dispatcher for thread lifecycle probes, called by advice inlined into {@code java.lang.Thread}
 * and {@code java.lang.VirtualThread}. Each call is a volatile read when the agent is off.
 */
public final class ThreadProbes {

    /** Receives lifecycle facts on the thread they happen on. */
    public interface Sink {
        /** A platform thread is about to start; {@code thread} is still NEW. */
        void starting(Thread thread);

        /** {@code Thread.start} threw: the thread counted by {@link #starting} never ran. */
        void startFailed(Thread thread);

        /** A platform thread is exiting (called on that thread by the VM). */
        void exiting(Thread thread);

        /** A virtual thread began running its task. */
        void virtualStarted(Thread thread);

        /** A virtual thread finished; {@code startNanos} is from {@link System#nanoTime()}. */
        void virtualEnded(Thread thread, long startNanos);

        /** {@code thread} dies of {@code error}. */
        void uncaught(Thread thread, Throwable error);
    }

    private static final String COMPONENT = "thread_lifecycle";

    private static volatile Sink sink;

    private ThreadProbes() {
    }

    public static void install(Sink s) {
        sink = s;
    }

    /**
     * Returns true when the start was recorded, so a failed start can be undone. A thread that is
     * not NEW is about to be refused by {@code start()} and is not counted.
     */
    public static boolean starting(Thread thread) {
        Sink s = sink;
        if (s == null || thread.getState() != Thread.State.NEW || !ProbeGuard.enter()) {
            return false;
        }
        try {
            s.starting(thread);
            return true;
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
            return false;
        } finally {
            ProbeGuard.exit();
        }
    }

    public static void startFailed(Thread thread) {
        Sink s = sink;
        if (s == null || !ProbeGuard.enter()) {
            return;
        }
        try {
            s.startFailed(thread);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        } finally {
            ProbeGuard.exit();
        }
    }

    public static void exiting(Thread thread) {
        Sink s = sink;
        if (s == null || !ProbeGuard.enter()) {
            return;
        }
        try {
            s.exiting(thread);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        } finally {
            ProbeGuard.exit();
        }
    }

    /** Returns the start time to hand back to {@link #virtualEnded}, or 0 when not recorded. */
    public static long virtualStarted(Thread thread) {
        Sink s = sink;
        if (s == null || !ProbeGuard.enter()) {
            return 0L;
        }
        try {
            s.virtualStarted(thread);
            return System.nanoTime();
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
            return 0L;
        } finally {
            ProbeGuard.exit();
        }
    }

    public static void virtualEnded(Thread thread, long startNanos) {
        Sink s = sink;
        if (s == null || startNanos == 0L || !ProbeGuard.enter()) {
            return;
        }
        try {
            s.virtualEnded(thread, startNanos);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        } finally {
            ProbeGuard.exit();
        }
    }

    public static void uncaught(Thread thread, Throwable error) {
        Sink s = sink;
        if (s == null || !ProbeGuard.enter()) {
            return;
        }
        try {
            s.uncaught(thread, error);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        } finally {
            ProbeGuard.exit();
        }
    }
}
