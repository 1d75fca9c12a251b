package dev.threadlens.bootstrap;

/**
 * Dispatcher for the lock-order probes ({@code lockOrder=true} only), called by advice inlined
 * into {@code ReentrantLock}, {@code ReentrantReadWriteLock} and its read and write locks: where a
 * lock was created, and each successful acquisition and release. Unlike the other probes these
 * run on every acquisition, contended or not, which is why they are opt-in. For the same reason
 * {@link #acquired} and {@link #released} do not go through {@link ProbeGuard}: the sink's fast
 * path only touches its own thread-local arrays, and it enters the guard itself on the rare path
 * that records a new lock order.
 */
public final class LockOrderProbes {

    /** Receives the facts on the thread they happen on. */
    public interface Sink {
        /**
         * A lock was constructed: a {@code ReentrantLock} (with its sync) or a
         * {@code ReentrantReadWriteLock} (with its sync, read lock and write lock).
         */
        void created(Object lock, Object sync, Object readLock, Object writeLock);

        /** The current thread took {@code lock}; {@code blocking} is false for {@code tryLock()}. */
        void acquired(Object lock, boolean blocking);

        /** The current thread released {@code lock} once. */
        void released(Object lock);
    }

    private static final String COMPONENT = "deadlock";

    private static volatile Sink sink;

    private LockOrderProbes() {
    }

    public static void install(Sink s) {
        sink = s;
    }

    public static void created(Object lock, Object sync, Object readLock, Object writeLock) {
        Sink s = sink;
        if (s == null || !ProbeGuard.enter()) {
            return;
        }
        try {
            s.created(lock, sync, readLock, writeLock);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        } finally {
            ProbeGuard.exit();
        }
    }

    public static void acquired(Object lock, boolean blocking) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.acquired(lock, blocking);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }

    public static void released(Object lock) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        try {
            s.released(lock);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        }
    }
}
