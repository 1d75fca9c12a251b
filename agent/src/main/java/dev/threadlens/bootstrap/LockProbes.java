package dev.threadlens.bootstrap;

/**
 * Dispatcher for the lock and signalling probes, called by advice inlined into
 * {@code java.util.concurrent} (locks, semaphores, conditions, latches, barriers, phasers,
 * exchangers) and {@code java.lang.Thread} (join, sleep).
 *
 * <p>Nothing here runs on an uncontended path: waits are announced from the slow paths only
 * ({@code AbstractQueuedSynchronizer.acquire(Node,...)}, {@code StampedLock.acquireRead/Write},
 * {@code ConditionObject.await*}, ...), constructors register a primitive once, and a latch
 * reports only the {@code countDown} that opens it. The hold-time probes ({@link #locked},
 * {@link #unlocking}) are the exception: their advice is woven only when the user asks for
 * {@code lockHoldTime=true}.
 */
public final class LockProbes {

    /** Receives facts on the thread they happen on. */
    public interface Sink {
        /** A primitive was constructed; {@code key} is what waits will name (its synchronizer, or itself). */
        void created(Object primitive, Object key, int kind);

        /**
         * A thread is about to wait on {@code key}. Returns what the sink wants handed back when the
         * wait ends (published on {@code wait} meanwhile), or null when the wait is not to be measured.
         */
        Object waitStarting(ActiveWait wait, Object key, int what, boolean executorIdle);

        /** The wait published on {@code wait} ended at {@code endNanos} with one of the {@code OUTCOME_*}. */
        void waitEnded(ActiveWait wait, long endNanos, int outcome);

        /**
         * True when signals on {@code condition} are known not to be recorded (a queue's): answered
         * before the recursion guard, from what is already known, so it must not allocate, lock,
         * wait or signal (anything probed would recurse).
         */
        boolean ignoresSignals(Object condition);

        /** {@code signal()} or {@code signalAll()} on a condition; {@code noWaiter}: nobody was waiting. */
        void signalled(Object condition, boolean all, boolean noWaiter);

        /** The {@code countDown()} that brought a latch (its synchronizer) to zero. */
        void latchOpened(Object sync);

        /** A sampled exclusive lock (its synchronizer) was held for {@code nanos}. */
        void held(Object sync, long nanos);
    }

    // What was constructed (created).
    public static final int REENTRANT_LOCK = 1;
    public static final int READ_WRITE_LOCK = 2;
    public static final int STAMPED_LOCK = 3;
    public static final int SEMAPHORE = 4;
    public static final int LATCH = 5;
    public static final int BARRIER = 6;
    public static final int PHASER = 7;
    public static final int EXCHANGER = 8;
    public static final int CONDITION = 9;

    // What a thread waits for (begin).
    /** AQS exclusive acquire: a lock, a write lock, or a custom synchronizer. */
    public static final int WAIT_EXCLUSIVE = 1;
    /** AQS shared acquire: a read lock, semaphore permits, a latch. */
    public static final int WAIT_SHARED = 2;
    public static final int WAIT_STAMPED_WRITE = 3;
    public static final int WAIT_STAMPED_READ = 4;
    public static final int WAIT_CONDITION = 5;
    public static final int WAIT_BARRIER = 6;
    public static final int WAIT_PHASER = 7;
    public static final int WAIT_EXCHANGER = 8;
    public static final int WAIT_JOIN = 9;
    public static final int WAIT_SLEEP = 10;

    // How a wait ended (end).
    public static final int OUTCOME_DONE = 0;
    public static final int OUTCOME_TIMED_OUT = 1;
    public static final int OUTCOME_INTERRUPTED = 2;
    /** Ended with an exception other than an interrupt (broken barrier, error). */
    public static final int OUTCOME_FAILED = 3;
    /** The call returned without having waited (the thread that trips a barrier); not recorded. */
    public static final int OUTCOME_NO_WAIT = 4;

    private static final String COMPONENT = "locks";

    private static volatile Sink sink;
    /** Hold-time sampling: one in this many first acquisitions per thread is timed. */
    private static volatile int holdSampling = 100;
    /** True while the hold-time advice is woven; condition waits then drop a sample they interrupt. */
    private static volatile boolean holdTiming;

    /** Per-thread hold-time sampling state (only ever created when hold timing is on). */
    private static final class HoldSample {
        Object sync;
        long start;
        int countdown = 1;
    }

    private static final ThreadLocal<HoldSample> HOLD = new ThreadLocal<HoldSample>() {
        @Override
        protected HoldSample initialValue() {
            return new HoldSample();
        }
    };

    private LockProbes() {
    }

    public static void install(Sink s) {
        sink = s;
    }

    /** Constructor exit: registers the primitive (its creation site). */
    public static void created(Object primitive, Object key, int kind) {
        Sink s = sink;
        if (s == null || key == null || !ProbeGuard.enter()) {
            return;
        }
        try {
            s.created(primitive, key, kind);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        } finally {
            ProbeGuard.exit();
        }
    }

    /**
     * A slow path is about to wait on {@code key}. Returns true when the wait is measured; the
     * advice then calls {@link #end} exactly once. A wait inside another measured wait (the lock
     * inside a barrier, the latch inside a virtual thread's join) is left to the outer one.
     */
    public static boolean begin(Object key, int what) {
        Sink s = sink;
        if (s == null || key == null || !ProbeGuard.enter()) {
            return false;
        }
        try {
            ActiveWait wait = ActiveWait.current();
            if (wait.waiting()) {
                return false;
            }
            boolean idle = WaitContext.inExecutorIdle();
            Object detail = s.waitStarting(wait, key, what, idle);
            if (detail == null) {
                return false;
            }
            wait.begin(key, what, idle, detail, System.nanoTime());
            return true;
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
            return false;
        } finally {
            ProbeGuard.exit();
        }
    }

    /** Ends the wait {@link #begin} started on this thread. Always clears the thread's record. */
    public static void end(int outcome) {
        long now = System.nanoTime();
        ActiveWait wait = ActiveWait.current();
        try {
            Sink s = sink;
            if (s != null && wait.waiting() && ProbeGuard.enter()) {
                try {
                    s.waitEnded(wait, now, outcome);
                } finally {
                    ProbeGuard.exit();
                }
            }
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        } finally {
            wait.clear();
        }
    }

    /** Maps a thrown exception to an outcome, for exit advice. */
    public static int outcomeOf(Throwable thrown) {
        return thrown instanceof InterruptedException ? OUTCOME_INTERRUPTED
                : thrown instanceof java.util.concurrent.TimeoutException ? OUTCOME_TIMED_OUT : OUTCOME_FAILED;
    }

    public static void signalled(Object condition, boolean all, boolean noWaiter) {
        Sink s = sink;
        if (s == null) {
            return;
        }
        // A queue signals on every offer and poll: leave those before the guard's thread-local reads.
        // Outside the guard, so ignoresSignals must not touch a probed primitive (its contract).
        try {
            if (s.ignoresSignals(condition)) {
                return;
            }
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
            return;
        }
        if (!ProbeGuard.enter()) {
            return;
        }
        try {
            s.signalled(condition, all, noWaiter);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        } finally {
            ProbeGuard.exit();
        }
    }

    public static void latchOpened(Object sync) {
        Sink s = sink;
        if (s == null || !ProbeGuard.enter()) {
            return;
        }
        try {
            s.latchOpened(sync);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        } finally {
            ProbeGuard.exit();
        }
    }

    /** Turns hold timing on ({@code oneIn}: sampling rate) or off ({@code oneIn <= 0}). */
    public static void holdTiming(int oneIn) {
        holdSampling = Math.max(1, oneIn);
        holdTiming = oneIn > 0;
    }

    /**
     * Hold-time advice (only woven with {@code lockHoldTime=true}): an exclusive lock was taken
     * and this thread now holds it {@code holdCount} times. Every {@code holdSampling}-th first
     * acquisition per thread is timed until its matching {@link #unlocking}.
     */
    public static void locked(Object sync, int holdCount) {
        if (holdCount != 1 || !holdTiming || sync == null) {
            return;
        }
        HoldSample h = HOLD.get();
        if (h.sync != null || --h.countdown > 0) {
            return; // already timing another lock on this thread, or not this one's turn
        }
        h.countdown = holdSampling;
        if (AgentThreads.isAgentThread(Thread.currentThread())) {
            return;
        }
        h.start = System.nanoTime();
        h.sync = sync;
    }

    /** Hold-time advice: an exclusive lock is about to be released; {@code holdCount} before release. */
    public static void unlocking(Object sync, int holdCount) {
        if (holdCount != 1 || !holdTiming) {
            return;
        }
        HoldSample h = HOLD.get();
        if (h.sync != sync || sync == null) {
            return;
        }
        h.sync = null;
        long nanos = System.nanoTime() - h.start;
        Sink s = sink;
        if (s == null || !ProbeGuard.enter()) {
            return;
        }
        try {
            s.held(sync, nanos);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        } finally {
            ProbeGuard.exit();
        }
    }

    /**
     * A condition wait is starting: it releases its lock ({@code sync}) without {@code unlock()},
     * so a hold sample on that lock is dropped rather than stretched over the wait.
     */
    public static boolean awaiting(Object condition, Object sync) {
        if (holdTiming) {
            HoldSample h = HOLD.get();
            if (h.sync == sync) {
                h.sync = null;
            }
        }
        return begin(condition, WAIT_CONDITION);
    }
}
