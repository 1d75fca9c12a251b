package dev.threadlens.deadlock;

import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.StampedLock;

/** The fallback {@link PrimitiveDirectory}: the type from the class of the synchronizer, no site. */
public final class ClassNamePrimitives implements PrimitiveDirectory {

    @Override
    public Description describe(Object s) {
        return new Description(type(s), null);
    }

    /** The contract's type name for a blocker object. */
    public static String type(Object s) {
        return type(s.getClass().getName(), s instanceof AbstractQueuedSynchronizer.ConditionObject
                || s instanceof AbstractQueuedLongSynchronizer.ConditionObject, s instanceof FutureTask,
                s instanceof StampedLock,
                s instanceof AbstractQueuedSynchronizer || s instanceof AbstractQueuedLongSynchronizer);
    }

    /**
     * The type for a class name, as a thread dump shows it; {@code other} for a class it does not
     * know (the caller may know better, for example that someone owns it).
     */
    public static String type(String className) {
        return type(className, className.endsWith("$ConditionObject"),
                className.equals("java.util.concurrent.FutureTask")
                        || className.startsWith("java.util.concurrent.ScheduledThreadPoolExecutor$ScheduledFutureTask"),
                className.equals("java.util.concurrent.locks.StampedLock"), false);
    }

    private static String type(String cls, boolean condition, boolean future, boolean stamped, boolean aqs) {
        if (condition) {
            return "condition";
        }
        if (future || cls.startsWith("java.util.concurrent.CompletableFuture")) {
            return "future";
        }
        if (stamped) {
            return "stamped_lock";
        }
        if (cls.startsWith("java.util.concurrent.locks.ReentrantLock$")) {
            return "reentrant_lock";
        }
        if (cls.startsWith("java.util.concurrent.locks.ReentrantReadWriteLock$")) {
            return "read_write_lock";
        }
        if (cls.startsWith("java.util.concurrent.Semaphore$")) {
            return "semaphore";
        }
        if (cls.equals("java.util.concurrent.CountDownLatch$Sync")) {
            return "latch";
        }
        return aqs ? "lock" : "other";
    }
}
