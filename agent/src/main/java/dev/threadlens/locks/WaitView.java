package dev.threadlens.locks;

/**
 * A wait in progress, read from another thread: who waits, on what (the object itself, held
 * only by this view), how it is recorded, and since when ({@link System#nanoTime()}).
 */
public final class WaitView {

    private final Thread thread;
    private final Object primitive;
    private final PrimitiveInfo info;
    private final String type;
    private final boolean lock;
    private final boolean executorIdle;
    private final long startNanos;

    WaitView(Thread thread, Object primitive, PrimitiveInfo info, String type, boolean lock, boolean executorIdle,
            long startNanos) {
        this.thread = thread;
        this.primitive = primitive;
        this.info = info;
        this.type = type;
        this.lock = lock;
        this.executorIdle = executorIdle;
        this.startNanos = startNanos;
    }

    public Thread thread() {
        return thread;
    }

    /** The synchronizer, condition, barrier, phaser, exchanger or (join) thread waited on. */
    public Object primitive() {
        return primitive;
    }

    public PrimitiveInfo info() {
        return info;
    }

    /** {@code reentrant_lock}, {@code read_lock}, {@code condition}, {@code executor_idle}, ... */
    public String type() {
        return type;
    }

    /** True for lock contention, false for a signalling wait. */
    public boolean lock() {
        return lock;
    }

    public boolean executorIdle() {
        return executorIdle;
    }

    public long startNanos() {
        return startNanos;
    }
}
