package dev.threadlens.deadlock;

import java.lang.management.LockInfo;
import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * Turns what a thread is blocked on into a {@link WaitFor}: the primitive (typed and, where the
 * directory knows it, with its creation site) and the threads that must move for it to go on.
 * Monitors and owned locks: the owner the JVM reports. Read/write locks: the writer, or every
 * reader (found by {@link ReadHolders}). Futures: the thread running the task, or the workers of
 * the pool it is queued in. Semaphores, latches, conditions, {@code Object.wait}: nobody, with
 * the evidence in words. One instance per detection pass (it caches what it read).
 */
final class BlockerInspector {

    private static final String RW_SYNC = "java.util.concurrent.locks.ReentrantReadWriteLock$";

    private final JdkInternals internals;
    private final PrimitiveDirectory directory;
    private final Collection<Thread> threads;
    private final Supplier<List<PoolDirectory.Pool>> pools;
    private final ReadHolders readHolders;
    private final Map<Object, ReadHolders.Found> readersBySync = new IdentityHashMap<>();
    private Map<String, Thread> threadsByIdentity;

    BlockerInspector(JdkInternals internals, PrimitiveDirectory directory, Collection<Thread> threads,
            Supplier<List<PoolDirectory.Pool>> pools) {
        this.internals = internals;
        this.directory = directory;
        this.threads = threads;
        this.pools = pools;
        this.readHolders = new ReadHolders(internals, threads);
    }

    /** {@code java.util.concurrent.locks.ReentrantLock$NonfairSync@1a2b}, as {@code ThreadInfo.getLockName()} writes it. */
    static String identity(Object o) {
        return o.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(o));
    }

    /**
     * What {@code t} waits for, judged from {@code info} (taken before anything else was read, so
     * that a thread that moved on in between is not mistaken for a waiting one). Null when it waits
     * for nothing the graph understands (running, sleeping, parked without a blocker).
     *
     * @param holders false to only name the primitive (for a stuck thread's report line)
     */
    WaitFor resolve(Thread t, ThreadInfo info, boolean holders) {
        Thread.State state = info.getThreadState();
        LockInfo lock = info.getLockInfo();
        if (lock == null) {
            return null;
        }
        if (state == Thread.State.BLOCKED) {
            return WaitFor.owned(new Primitive("monitor", lock.toString(), null), info.getLockOwnerId());
        }
        if (state != Thread.State.WAITING && state != Thread.State.TIMED_WAITING) {
            return null;
        }
        Object blocker = LockSupport.getBlocker(t);
        if (blocker != null) {
            return identity(blocker).equals(lock.toString()) ? forBlocker(t, info, blocker, holders) : null;
        }
        Thread joined = holders ? threadWithIdentity(lock.toString()) : null;
        if (joined != null && joined != t) {
            return new WaitFor(new Primitive("join", lock.toString(), null), Release.ALL, List.of(joined.getId()),
                    null, null);
        }
        return WaitFor.unknown(new Primitive("object_wait", lock.toString(), null), "Object.wait(): needs a notify()");
    }

    /** The type (refined by the waiting mode) and site the directory gives, for a held or waited-for object. */
    Primitive primitive(Object blocker) {
        PrimitiveDirectory.Description d = directory.describe(blocker);
        String type = d == null || d.type() == null ? ClassNamePrimitives.type(blocker) : d.type();
        return new Primitive(type, identity(blocker), d == null ? null : d.site());
    }

    private WaitFor forBlocker(Thread t, ThreadInfo info, Object blocker, boolean holders) {
        Primitive p = primitive(blocker);
        if (blocker instanceof AbstractQueuedSynchronizer.ConditionObject
                || blocker instanceof AbstractQueuedLongSynchronizer.ConditionObject) {
            Object owner = internals.conditionOwner(blocker);
            return WaitFor.unknown(retype(p, "condition"),
                    owner == null ? "needs a signal" : "needs a signal; a condition of " + primitive(owner).describe());
        }
        if (blocker instanceof FutureTask) {
            return future(t, (FutureTask<?>) blocker, retype(p, "future"), holders);
        }
        if (blocker instanceof StampedLock) {
            StampedLock s = (StampedLock) blocker;
            return WaitFor.unknown(retype(p, "stamped_lock"), (s.isWriteLocked() ? "write-locked"
                    : s.getReadLockCount() + " read locks held") + "; a StampedLock does not know its holders");
        }
        if (Syncs.isSync(blocker)) {
            return aqs(t, info, blocker, p, holders);
        }
        return WaitFor.unknown(p, null);
    }

    private WaitFor aqs(Thread t, ThreadInfo info, Object sync, Primitive p, boolean holders) {
        String cls = sync.getClass().getName();
        if (cls.startsWith(RW_SYNC)) {
            return readWrite(t, info, sync, p, holders);
        }
        if (p.type().equals("semaphore")) {
            int permits = internals.state(sync);
            return WaitFor.unknown(p, (permits < 0 ? "" : permits + " permits available, ") + Syncs.queueLength(sync)
                    + " threads waiting; a semaphore does not know who holds its permits");
        }
        if (p.type().equals("latch")) {
            int count = internals.state(sync);
            return WaitFor.unknown(p, (count < 0 ? "" : "count " + count + ", ") + Syncs.queueLength(sync)
                    + " threads waiting; a latch does not know who will count it down");
        }
        long owner = info.getLockOwnerId();
        if (owner >= 0) {
            return WaitFor.owned(p, owner);
        }
        return WaitFor.unknown(p, "no owner");
    }

    /** A read or write lock: the waiting mode is the AQS queue the thread is in. */
    private WaitFor readWrite(Thread t, ThreadInfo info, Object sync, Primitive p, boolean holders) {
        boolean reading = Syncs.sharedQueued(sync).contains(t);
        if (!reading && !Syncs.exclusiveQueued(sync).contains(t)) {
            return null; // granted or cancelled since the snapshot
        }
        Primitive typed = retype(p, reading ? "read_lock" : "write_lock");
        long writer = info.getLockOwnerId();
        if (!holders) {
            return WaitFor.unknown(typed, null);
        }
        if (reading) {
            if (writer >= 0) {
                return new WaitFor(typed, Release.ALL, List.of(writer), null, "write-locked");
            }
            List<Long> writers = new ArrayList<>();
            for (Thread w : Syncs.exclusiveQueued(sync)) {
                writers.add(w.getId());
            }
            return new WaitFor(typed, Release.ALL, writers, null,
                    writers.isEmpty() ? null : "queued behind a waiting writer");
        }
        List<Long> holding = new ArrayList<>();
        if (writer >= 0 && writer != t.getId()) {
            holding.add(writer);
        }
        ReadHolders.Found readers = readers(sync);
        boolean self = false;
        for (Thread r : readers.readers) {
            holding.add(r.getId());
            self |= r == t;
        }
        String detail;
        if (readers.readers.isEmpty() && readers.complete && writer >= 0) {
            detail = "write-locked";
        } else if (self) {
            detail = "this thread holds the read lock itself: a read lock cannot be upgraded to the write lock";
        } else if (readers.missingHolds < 0) {
            detail = "read holders unknown (JDK internals not readable)";
        } else {
            detail = "read-locked by " + readers.readers.size() + " thread" + (readers.readers.size() == 1 ? "" : "s")
                    + (readers.complete ? "" : " the agent can see, plus " + readers.missingHolds
                            + " read holds of threads it cannot (virtual threads?)");
        }
        return new WaitFor(typed, Release.ALL, holding, null, detail);
    }

    /** Read holders of a read/write lock's sync, read once per pass. */
    ReadHolders.Found readers(Object sync) {
        return readersBySync.computeIfAbsent(sync, readHolders::find);
    }

    /** Every read/write lock sync whose readers were looked up in this pass, with what was found. */
    Map<Object, ReadHolders.Found> readersSeen() {
        return readersBySync;
    }

    private WaitFor future(Thread t, FutureTask<?> f, Primitive p, boolean holders) {
        if (!holders || !internals.canReadFutures()) {
            return WaitFor.unknown(p, null);
        }
        Thread runner = internals.futureRunner(f);
        if (runner != null) {
            return new WaitFor(p, Release.ALL, List.of(runner.getId()), null,
                    runner == t ? "the task waits for its own result" : null);
        }
        if (internals.futureState(f) != 0) {
            return WaitFor.unknown(p, "completing");
        }
        for (PoolDirectory.Pool pool : pools.get()) {
            if (pool.isQueued(f)) {
                String detail = "not started: queued in executor " + pool.name() + " (" + pool.queueSize()
                        + " queued, " + pool.poolSize() + " of at most " + pool.maximumPoolSize() + " workers)";
                if (pool.canAddWorker()) {
                    return new WaitFor(p, Release.UNKNOWN, List.of(), pool.name(),
                            detail + "; the pool may still start a worker");
                }
                List<Long> workers = new ArrayList<>();
                for (Thread w : pool.workers()) {
                    workers.add(w.getId());
                }
                return new WaitFor(p, Release.ANY, workers, pool.name(), detail);
            }
        }
        return WaitFor.unknown(p, "not started, and not queued in any pool with live workers");
    }

    private Thread threadWithIdentity(String identity) {
        if (threadsByIdentity == null) {
            threadsByIdentity = new HashMap<>();
            for (Thread th : threads) {
                threadsByIdentity.put(identity(th), th);
            }
        }
        return threadsByIdentity.get(identity);
    }

    private static Primitive retype(Primitive p, String type) {
        return p.type().equals(type) ? p : new Primitive(type, p.identity(), p.site());
    }
}
