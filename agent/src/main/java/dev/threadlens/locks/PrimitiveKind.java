package dev.threadlens.locks;

import dev.threadlens.bootstrap.LockProbes;

/**
 * What a primitive is, and therefore what its waits mean: lock contention (mutual exclusion,
 * {@code jvm_lock_wait_seconds{jvm_lock_type}}) or a signalling wait
 * ({@code jvm_sync_wait_seconds{jvm_sync_type}}). {@link #INTERNAL} and {@link #IGNORED}
 * primitives are never recorded on their own.
 */
public enum PrimitiveKind {
    REENTRANT_LOCK("reentrant_lock", true),
    /** Waits are {@code read_lock} (shared) or {@code write_lock} (exclusive). */
    READ_WRITE_LOCK("read_write_lock", true),
    STAMPED_LOCK("stamped_lock", true),
    SEMAPHORE("semaphore", true),
    /** A custom {@code AbstractQueuedSynchronizer} subclass of the application or a library. */
    SYNCHRONIZER("synchronizer", true),
    LATCH("latch", false),
    BARRIER("barrier", false),
    PHASER("phaser", false),
    EXCHANGER("exchanger", false),
    CONDITION("condition", false),
    /** A condition inside a {@code BlockingQueue}: a consumer waiting for an element, a producer for room. */
    QUEUE("queue", false),
    JOIN("join", false),
    SLEEP("sleep", false),
    /** A condition inside a JDK primitive whose own wait is measured (the trip condition of a CyclicBarrier). */
    INTERNAL("internal", false),
    /** The pool's own lock on each ThreadPoolExecutor worker: bookkeeping, not something users wait on. */
    IGNORED("ignored", false);

    /** The {@code jvm_sync_type} of an idle executor worker's wait, whatever it waits on. */
    public static final String EXECUTOR_IDLE = "executor_idle";

    private final String type;
    private final boolean lock;

    PrimitiveKind(String type, boolean lock) {
        this.type = type;
        this.lock = lock;
    }

    /** The metric type label ({@code jvm_lock_type} or {@code jvm_sync_type}); see {@link #type(boolean)}. */
    public String type() {
        return type;
    }

    /** The type label of one wait: read or write for a read/write lock, else {@link #type()}. */
    public String type(boolean shared) {
        if (this == READ_WRITE_LOCK) {
            return shared ? "read_lock" : "write_lock";
        }
        return type;
    }

    /** True for mutual exclusion (lock contention); false for signalling waits. */
    public boolean isLock() {
        return lock;
    }

    /** True when waits on it are recorded. */
    public boolean recorded() {
        return this != INTERNAL && this != IGNORED;
    }

    /** The kind a constructor probe reports. */
    static PrimitiveKind fromCreated(int kind) {
        switch (kind) {
            case LockProbes.REENTRANT_LOCK:
                return REENTRANT_LOCK;
            case LockProbes.READ_WRITE_LOCK:
                return READ_WRITE_LOCK;
            case LockProbes.STAMPED_LOCK:
                return STAMPED_LOCK;
            case LockProbes.SEMAPHORE:
                return SEMAPHORE;
            case LockProbes.LATCH:
                return LATCH;
            case LockProbes.BARRIER:
                return BARRIER;
            case LockProbes.PHASER:
                return PHASER;
            case LockProbes.EXCHANGER:
                return EXCHANGER;
            case LockProbes.CONDITION:
                return CONDITION;
            default:
                throw new IllegalArgumentException("unknown primitive kind " + kind);
        }
    }

    /**
     * The kind of a primitive the constructor probes did not see (made before the agent started,
     * or {@code siteCapture=contention}), from what the thread waits for and the object's class.
     */
    static PrimitiveKind classify(Object key, int what) {
        switch (what) {
            case LockProbes.WAIT_STAMPED_READ:
            case LockProbes.WAIT_STAMPED_WRITE:
                return STAMPED_LOCK;
            case LockProbes.WAIT_CONDITION:
                return CONDITION;
            case LockProbes.WAIT_BARRIER:
                return BARRIER;
            case LockProbes.WAIT_PHASER:
                return PHASER;
            case LockProbes.WAIT_EXCHANGER:
                return EXCHANGER;
            case LockProbes.WAIT_JOIN:
                return JOIN;
            case LockProbes.WAIT_SLEEP:
                return SLEEP;
            default:
                return ofSynchronizer(key.getClass().getName());
        }
    }

    /** The kind of an AQS synchronizer by its class (each JDK primitive has its own nested Sync classes). */
    static PrimitiveKind ofSynchronizer(String className) {
        if (className.startsWith("java.util.concurrent.locks.ReentrantLock$")) {
            return REENTRANT_LOCK;
        }
        if (className.startsWith("java.util.concurrent.locks.ReentrantReadWriteLock$")) {
            return READ_WRITE_LOCK;
        }
        if (className.startsWith("java.util.concurrent.Semaphore$")) {
            return SEMAPHORE;
        }
        if (className.equals("java.util.concurrent.CountDownLatch$Sync")) {
            return LATCH;
        }
        if (className.equals("java.util.concurrent.ThreadPoolExecutor$Worker")) {
            return IGNORED;
        }
        return SYNCHRONIZER;
    }
}
