package dev.threadlens.deadlock;

import java.lang.instrument.Instrumentation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ThreadPoolExecutor;

import dev.threadlens.log.Log;

/**
 * Read-only access to the JDK internals the wait-for graph needs and no public API offers: a
 * thread's task (to find pool workers), its thread-locals (read-lock hold counts), the reader
 * bookkeeping of {@code ReentrantReadWriteLock}, an AQS's state, a condition's lock, a
 * {@code FutureTask}'s state and runner. The agent opens the three {@code java.base} packages to
 * itself with {@link Instrumentation#redefineModule}; without that (or on a JDK where a field is
 * gone) the matching accessor returns null and the graph says what it could not see.
 * Nothing here ever writes to, locks or calls into the objects it reads.
 */
public final class JdkInternals {

    private static final String[] PACKAGES = {"java.lang", "java.util.concurrent", "java.util.concurrent.locks"};

    private final Field threadTarget;       // JDK 17: Thread.target
    private final Field threadHolder;       // JDK 19+: Thread.holder.task
    private final Field holderTask;
    private final Field threadLocals;
    private final Field mapTable;
    private final Field entryValue;
    private final Field readHolds;
    private final Field firstReader;
    private final Field firstReaderHoldCount;
    private final Field holdCount;
    private final Method readLockCount;
    private final Field aqsState;
    private final Field conditionOwner;
    private final Field longConditionOwner;
    private final Field futureState;
    private final Field futureRunner;
    private final Field workerPool;
    private final List<String> missing = new ArrayList<>();

    private JdkInternals() {
        threadTarget = field("java.lang.Thread", "target", false);
        threadHolder = threadTarget == null ? field("java.lang.Thread", "holder", true) : null;
        holderTask = threadHolder == null ? null : field("java.lang.Thread$FieldHolder", "task", true);
        threadLocals = field("java.lang.Thread", "threadLocals", true);
        mapTable = field("java.lang.ThreadLocal$ThreadLocalMap", "table", true);
        entryValue = field("java.lang.ThreadLocal$ThreadLocalMap$Entry", "value", true);
        String rw = "java.util.concurrent.locks.ReentrantReadWriteLock$Sync";
        readHolds = field(rw, "readHolds", true);
        firstReader = field(rw, "firstReader", true);
        firstReaderHoldCount = field(rw, "firstReaderHoldCount", true);
        holdCount = field(rw + "$HoldCounter", "count", true);
        readLockCount = method(rw, "getReadLockCount");
        aqsState = field("java.util.concurrent.locks.AbstractQueuedSynchronizer", "state", true);
        conditionOwner = field("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject", "this$0", true);
        longConditionOwner = field("java.util.concurrent.locks.AbstractQueuedLongSynchronizer$ConditionObject", "this$0",
                true);
        futureState = field("java.util.concurrent.FutureTask", "state", true);
        futureRunner = field("java.util.concurrent.FutureTask", "runner", true);
        workerPool = field("java.util.concurrent.ThreadPoolExecutor$Worker", "this$0", true);
    }

    /**
     * Opens the packages to the agent (when given the instrumentation; a benchmark passes null and
     * relies on {@code --add-opens}) and looks the fields up once.
     */
    public static JdkInternals open(Instrumentation inst) {
        if (inst != null) {
            try {
                Module me = JdkInternals.class.getModule();
                Module javaBase = Object.class.getModule();
                Map<String, Set<Module>> opens = new java.util.HashMap<>();
                for (String p : PACKAGES) {
                    if (!javaBase.isOpen(p, me)) {
                        opens.put(p, Set.of(me));
                    }
                }
                if (!opens.isEmpty()) {
                    inst.redefineModule(javaBase, Set.of(), Map.of(), opens, Set.of(), Map.of());
                }
            } catch (RuntimeException e) {
                Log.warn("deadlock detection cannot read JDK internals (" + e + "); read-lock holders, pool"
                        + " workers and future runners will be unknown");
            }
        }
        JdkInternals internals = new JdkInternals();
        if (!internals.missing.isEmpty()) {
            Log.debug("deadlock detection: JDK internals not available: " + internals.missing);
        }
        return internals;
    }

    /** Internals this JDK does not have or would not open; empty when everything is readable. */
    public List<String> missing() {
        return missing;
    }

    private Field field(String className, String name, boolean required) {
        try {
            Field f = Class.forName(className, false, null).getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            if (required) {
                missing.add(className + "." + name);
            }
            return null;
        }
    }

    private Method method(String className, String name) {
        try {
            Method m = Class.forName(className, false, null).getDeclaredMethod(name);
            m.setAccessible(true);
            return m;
        } catch (ReflectiveOperationException | RuntimeException e) {
            missing.add(className + "." + name + "()");
            return null;
        }
    }

    private static Object get(Field f, Object target) {
        if (f == null || target == null) {
            return null;
        }
        try {
            return f.get(target);
        } catch (IllegalAccessException | RuntimeException e) {
            return null;
        }
    }

    /** The {@code Runnable} a platform thread runs (a pool's {@code Worker}), or null. */
    Runnable task(Thread t) {
        Object task = threadTarget != null ? get(threadTarget, t) : get(holderTask, get(threadHolder, t));
        return task instanceof Runnable ? (Runnable) task : null;
    }

    /** The pool a {@code ThreadPoolExecutor$Worker} belongs to, or null. */
    ThreadPoolExecutor poolOfWorker(Runnable worker) {
        if (worker == null || !worker.getClass().getName().equals("java.util.concurrent.ThreadPoolExecutor$Worker")) {
            return null;
        }
        Object pool = get(workerPool, worker);
        return pool instanceof ThreadPoolExecutor ? (ThreadPoolExecutor) pool : null;
    }

    /**
     * The value of {@code key} in another thread's thread-locals, by reading its map's table. (The
     * map's own lookup may expunge stale entries, which would write to another thread's map.)
     */
    Object threadLocalValue(Thread t, ThreadLocal<?> key) {
        Object map = get(threadLocals, t);
        Object table = get(mapTable, map);
        if (!(table instanceof Object[])) {
            return null;
        }
        for (Object entry : (Object[]) table) {
            if (entry instanceof java.lang.ref.Reference && ((java.lang.ref.Reference<?>) entry).get() == key) {
                return get(entryValue, entry);
            }
        }
        return null;
    }

    boolean canReadReaders() {
        return readHolds != null && firstReader != null && firstReaderHoldCount != null && holdCount != null
                && readLockCount != null && threadLocals != null && mapTable != null && entryValue != null;
    }

    ThreadLocal<?> readHolds(Object rwSync) {
        Object tl = get(readHolds, rwSync);
        return tl instanceof ThreadLocal ? (ThreadLocal<?>) tl : null;
    }

    Thread firstReader(Object rwSync) {
        Object t = get(firstReader, rwSync);
        return t instanceof Thread ? (Thread) t : null;
    }

    int firstReaderHoldCount(Object rwSync) {
        Object n = get(firstReaderHoldCount, rwSync);
        return n instanceof Integer ? (Integer) n : 0;
    }

    /** Read holds of a read/write lock's sync (all threads, re-entries counted), or -1. */
    int readLockCount(Object rwSync) {
        try {
            Object n = readLockCount == null ? null : readLockCount.invoke(rwSync);
            return n instanceof Integer ? (Integer) n : -1;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return -1;
        }
    }

    /** {@code HoldCounter.count}, or 0. */
    int holdCount(Object holdCounter) {
        Object n = get(holdCount, holdCounter);
        return n instanceof Integer ? (Integer) n : 0;
    }

    /** An {@code AbstractQueuedSynchronizer}'s state (permits, latch count, lock counts), or -1. */
    int state(Object aqs) {
        Object n = get(aqsState, aqs);
        return n instanceof Integer ? (Integer) n : -1;
    }

    /** The synchronizer whose condition this is, or null. */
    Object conditionOwner(Object condition) {
        Object owner = get(conditionOwner, condition);
        return owner != null ? owner : get(longConditionOwner, condition);
    }

    /** {@code FutureTask.state}: 0 NEW (not started or running), higher when completing or done; -1 unknown. */
    int futureState(FutureTask<?> f) {
        Object n = get(futureState, f);
        return n instanceof Integer ? (Integer) n : -1;
    }

    /** The thread running a {@code FutureTask}, or null (not started, done, or unknown). */
    Thread futureRunner(FutureTask<?> f) {
        Object t = get(futureRunner, f);
        return t instanceof Thread ? (Thread) t : null;
    }

    boolean canReadFutures() {
        return futureState != null && futureRunner != null;
    }
}
