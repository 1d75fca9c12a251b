package dev.threadlens.jfr;

import java.util.Map;
import java.util.Set;

/**
 * What a wait is, told from the blocker's class and the frames it waits in. Plain class and
 * method names, so the same rules serve the live JFR stream, the offline analysis of a recording
 * and the thread-state sampler, on JDK 17 to 25 (whose class names differ in places:
 * {@code SynchronousQueue$TransferStack} became {@code $Transferer}, read-write locks moved to
 * {@code AbstractQueuedLongSynchronizer}).
 */
public final class WaitRules {

    private static final String JUC = "java.util.concurrent.";
    private static final String LOCKS = JUC + "locks.";

    /** Blockers of mutual exclusion: parked here means waiting for a lock (or a permit). */
    private static final Set<String> LOCK_BLOCKERS = Set.of(
            LOCKS + "ReentrantLock$NonfairSync", LOCKS + "ReentrantLock$FairSync", LOCKS + "ReentrantLock$Sync",
            LOCKS + "ReentrantReadWriteLock$NonfairSync", LOCKS + "ReentrantReadWriteLock$FairSync",
            LOCKS + "ReentrantReadWriteLock$Sync", LOCKS + "StampedLock",
            JUC + "Semaphore$NonfairSync", JUC + "Semaphore$FairSync", JUC + "Semaphore$Sync");

    /**
     * Blockers whose waits the probes time themselves (issue 3 locks, conditions, latches,
     * semaphores; issue 4 futures): JFR must never count a park on one of them again. Keep this in
     * step with what the probes cover; a park of a custom AQS subclass is recognised by its frames
     * ({@link #isAqsFrame}) instead.
     */
    private static final Map<String, String> PROBED_SIGNAL_BLOCKERS = Map.of(
            LOCKS + "AbstractQueuedSynchronizer$ConditionObject", "condition",
            LOCKS + "AbstractQueuedLongSynchronizer$ConditionObject", "condition",
            JUC + "CountDownLatch$Sync", "latch",
            JUC + "FutureTask", "future",
            JUC + "CompletableFuture$Signaller", "future",
            JUC + "Phaser$QNode", "phaser",
            JUC + "Exchanger", "exchanger");

    private WaitRules() {
    }

    /** A frame that means "this pool worker is waiting for its next task". */
    public static boolean isExecutorIdleFrame(String className, String method) {
        switch (className) {
            case JUC + "ThreadPoolExecutor":
                return method.equals("getTask");
            case JUC + "ForkJoinPool":
                return method.equals("awaitWork");
            case "java.util.TimerThread":
                return method.equals("mainLoop");
            default:
                return false;
        }
    }

    /** {@code Thread.sleep} in any of its JDK 17-25 shapes. */
    public static boolean isSleepFrame(String className, String method) {
        return (className.equals("java.lang.Thread") || className.equals("java.lang.VirtualThread"))
                && method.startsWith("sleep");
    }

    public static boolean isJoinFrame(String className, String method) {
        return className.equals("java.lang.Thread") && method.equals("join");
    }

    public static boolean isObjectWaitFrame(String className, String method) {
        return className.equals("java.lang.Object") && (method.equals("wait") || method.equals("wait0"));
    }

    /** A frame inside AQS or AQLS (acquire, condition await): a wait the lock probes time. */
    public static boolean isAqsFrame(String className) {
        return className.startsWith(LOCKS + "AbstractQueuedSynchronizer")
                || className.startsWith(LOCKS + "AbstractQueuedLongSynchronizer");
    }

    /** Parked on this blocker means waiting for a lock or a semaphore permit. */
    public static boolean isLockBlocker(String blockerClass) {
        return blockerClass != null && LOCK_BLOCKERS.contains(blockerClass);
    }

    /** A park on this blocker is timed by a probe (so JFR must not count it). */
    public static boolean isProbedBlocker(String blockerClass) {
        return blockerClass != null
                && (LOCK_BLOCKERS.contains(blockerClass) || PROBED_SIGNAL_BLOCKERS.containsKey(blockerClass));
    }

    /**
     * The kind of wait a park on {@code blockerClass} is, in the words of {@code jvm_lock_type} /
     * {@code jvm_sync_type}: {@code reentrant_lock}, {@code read_write_lock}, {@code stamped_lock},
     * {@code semaphore}, {@code condition}, {@code latch}, {@code future}, {@code phaser},
     * {@code exchanger}, {@code queue}, or {@code park} for anything else.
     */
    public static String waitType(String blockerClass) {
        if (blockerClass == null) {
            return "park";
        }
        String signal = PROBED_SIGNAL_BLOCKERS.get(blockerClass);
        if (signal != null) {
            return signal;
        }
        if (blockerClass.startsWith(LOCKS + "ReentrantLock$")) {
            return "reentrant_lock";
        }
        if (blockerClass.startsWith(LOCKS + "ReentrantReadWriteLock$")) {
            return "read_write_lock";
        }
        if (blockerClass.equals(LOCKS + "StampedLock")) {
            return "stamped_lock";
        }
        if (blockerClass.startsWith(JUC + "Semaphore$")) {
            return "semaphore";
        }
        if (blockerClass.startsWith(JUC + "SynchronousQueue") || blockerClass.startsWith(JUC + "LinkedTransferQueue")) {
            return "queue";
        }
        return "park";
    }

    /** The top frame of a RUNNABLE thread says it is blocked in a native socket, file or selector call. */
    public static boolean isIoFrame(String className, String method, boolean nativeMethod) {
        if (!nativeMethod) {
            return false;
        }
        return className.startsWith("sun.nio.ch.") || className.startsWith("java.net.")
                || className.startsWith("sun.nio.fs.") || className.equals("java.io.FileInputStream")
                || className.equals("java.io.FileOutputStream") || className.equals("java.io.RandomAccessFile")
                || className.equals("java.io.Console");
    }
}
