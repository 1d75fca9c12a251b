package dev.threadlens.bootstrap;

/**
 * What one thread is waiting for right now, while it is inside a wait the lock probes measure:
 * published on the thread's own record when the wait begins and cleared when it ends. Other
 * agent components read it from other threads (deadlock diagnosis: "which primitive is this
 * thread blocked on"; JFR pairing: "was this park already measured"). One record per thread,
 * reused for every wait, so a wait allocates nothing here.
 *
 * <p>Lives in the boot loader so that the thread-local never references an agent class (which
 * would keep a detached agent's class loader alive for as long as the thread lives). The
 * {@link #detail} slot holds an agent object only for the length of a wait.
 */
public final class ActiveWait {

    private static final ThreadLocal<ActiveWait> CURRENT = new ThreadLocal<ActiveWait>() {
        @Override
        protected ActiveWait initialValue() {
            return new ActiveWait();
        }
    };

    /**
     * The primitive waited on (a synchronizer, condition, barrier, thread...); null when not
     * waiting. The only volatile field: written last when a wait begins, so a reader on another
     * thread that reads it first sees the other fields of that wait (one fence per wait, not five).
     */
    private volatile Object primitive;
    private int what;
    private boolean executorIdle;
    private long startNanos;
    /** Whatever the recording agent attached to this wait (its description of the primitive). */
    private Object detail;
    /** Identifies the agent instance that has seen this record (see {@link #claim}); own thread only. */
    private int claimedBy;

    /**
     * No reference to the thread itself: the agent keeps these records in a map weakly keyed by
     * thread, and a value that referenced its key would keep every thread that ever waited alive.
     */
    private ActiveWait() {
    }

    /** The calling thread's record. Slow paths only: one thread-local read. */
    public static ActiveWait current() {
        return CURRENT.get();
    }

    /** True while the thread is inside a measured wait. */
    public boolean waiting() {
        return primitive != null;
    }

    public Object primitive() {
        return primitive;
    }

    /**
     * One of the {@code LockProbes.WAIT_*} constants. From another thread, read {@link #primitive()}
     * first and again after the other fields: the record is reused by the thread's next wait.
     */
    public int what() {
        return what;
    }

    /** True when the wait is an idle executor worker waiting for work. */
    public boolean executorIdle() {
        return executorIdle;
    }

    /** {@link System#nanoTime()} when the wait began. */
    public long startNanos() {
        return startNanos;
    }

    public Object detail() {
        return detail;
    }

    /**
     * Marks this record as known to the agent identified by {@code token}; returns true the first
     * time, so the agent can add the record to its list of threads that ever waited.
     */
    public boolean claim(int token) {
        if (claimedBy == token) {
            return false;
        }
        claimedBy = token;
        return true;
    }

    /** Publishes the wait; {@code primitive} is written last so readers see a complete record. */
    public void begin(Object waitedOn, int kind, boolean idle, Object agentDetail, long start) {
        what = kind;
        executorIdle = idle;
        detail = agentDetail;
        startNanos = start;
        primitive = waitedOn;
    }

    /** Ends the wait and drops every reference it held. */
    public void clear() {
        detail = null;
        primitive = null;
    }
}
