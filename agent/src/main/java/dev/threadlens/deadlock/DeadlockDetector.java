package dev.threadlens.deadlock;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Supplier;

/**
 * One detection pass, run periodically on the agent's scheduler thread, and the state kept
 * between passes (stuck-thread observations, deadlocks already reported).
 *
 * <p>A pass costs one {@code ThreadMXBean.getThreadInfo(ids, 0)} (no stacks, no safepoint) when no
 * thread waits on a lock-like primitive (a monitor, a lock, a read/write lock, a semaphore, a
 * latch, a stamped lock, a future); only then is the wait-for graph built, and stacks are taken
 * only of the threads in it.
 *
 * <p>The graph is read piece by piece while threads run, so a cycle in it is only a candidate.
 * It is reported when the JVM's own detector (at a safepoint) confirms it, or when it is provably
 * closed: every thread in it was in the same wait, without waking once (same state, blocker, and
 * blocked and waited counts), from its first info until a re-read after the graph was built, and
 * the owner of what it waits for was the same when read again after every thread's first info.
 * A parked or blocked thread cannot release anything, so at that moment each thread of the cycle
 * held what the previous one waited for: a deadlock, not a thread blocked briefly. (Ownership
 * read in the first sweep alone is not enough: a lock can change hands while a waiter behind
 * others stays parked.) A candidate that cannot be proven is looked at again on the next pass.
 */
public final class DeadlockDetector implements Runnable {

    /** Told once about each new deadlock and hang (on the scheduler thread). */
    public interface Listener {
        void deadlock(Deadlock deadlock);

        void hang(Hang hang);
    }

    private static final Listener SILENT = new Listener() {
        @Override
        public void deadlock(Deadlock deadlock) {
        }

        @Override
        public void hang(Hang hang) {
        }
    };

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final JdkInternals internals;
    private final PrimitiveDirectory primitives;
    private final PoolDirectory pools;
    private final long stuckThresholdNanos;
    private final Listener listener;
    private final Supplier<List<Inversion>> inversions;
    private final StuckTracker tracker = new StuckTracker();
    /** Reported deadlocks still present: signature to (first detection, how confirmed). */
    private Map<String, Deadlock> reported = new HashMap<>();
    private Set<String> reportedHangs = Set.of();
    private volatile DeadlockReport latest = DeadlockReport.empty("agent");

    public DeadlockDetector(JdkInternals internals, PrimitiveDirectory primitives, PoolDirectory pools,
            Duration stuckThreshold, Listener listener, Supplier<List<Inversion>> inversions) {
        this.internals = internals;
        this.primitives = primitives;
        this.pools = pools;
        this.stuckThresholdNanos = stuckThreshold.toNanos();
        this.listener = listener;
        this.inversions = inversions;
    }

    /**
     * A detector with the fallback directories and no agent around it, for measuring a pass (the
     * JVM needs {@code --add-opens} for java.lang, java.util.concurrent and its locks package).
     */
    public static DeadlockDetector standalone() {
        JdkInternals internals = JdkInternals.open(null);
        return new DeadlockDetector(internals, new ClassNamePrimitives(), new ReflectivePools(internals, pool -> null),
                Duration.ofSeconds(30), SILENT, List::of);
    }

    /** The report of the last pass (empty before the first). */
    public DeadlockReport latest() {
        return latest;
    }

    @Override
    public void run() {
        latest = pass();
    }

    DeadlockReport pass() {
        long now = System.nanoTime();
        long wall = System.currentTimeMillis();
        Map<Long, Thread> threads = LiveThreads.application();
        Map<Long, ThreadInfo> first = infos(mx.getThreadInfo(keys(threads.keySet()), 0));
        threads.keySet().retainAll(first.keySet());
        tracker.observe(first, now);
        Supplier<List<PoolDirectory.Pool>> poolsNow = once(() -> pools.pools(threads.values()));
        BlockerInspector inspector = new BlockerInspector(internals, primitives, threads.values(), poolsNow);

        List<Long> waiting = lockWaiters(first, threads);
        WaitSnapshot snapshot = null;
        List<Deadlock> deadlocks = new ArrayList<>();
        Map<String, Deadlock> stillReported = new HashMap<>();
        if (!waiting.isEmpty()) {
            Set<Long> jvm = jvmDeadlocked(first, threads);
            SnapshotBuilder builder = new SnapshotBuilder(mx, inspector, threads, first);
            snapshot = builder.build(waiting, jvm);
            List<Deadlock> found = WaitGraphAnalyzer.deadlocks(snapshot);
            Map<Long, ThreadInfo> after = found.isEmpty() ? Map.of() : infos(mx.getThreadInfo(keysOf(found), 0));
            for (Deadlock d : found) {
                Deadlock earlier = reported.get(d.signature());
                String how = earlier != null ? earlier.confirmation()
                        : confirmation(d, jvm, first, builder.fullInfos(), after);
                if (how == null) {
                    continue; // not proven yet: the next pass decides
                }
                Deadlock confirmed = d.confirmed(earlier != null ? earlier.detectedAt() : wall, how);
                deadlocks.add(confirmed);
                stillReported.put(d.signature(), confirmed);
                if (earlier == null) {
                    listener.deadlock(confirmed);
                }
            }
        }
        reported = stillReported;

        List<StuckThread> stuck = stuckThreads(now, threads, first, snapshot, inspector);
        Set<Long> inDeadlock = new HashSet<>();
        for (Deadlock d : deadlocks) {
            inDeadlock.addAll(d.keys());
        }
        List<Hang> hangs = HangFinder.live().find(stuck, snapshot, inDeadlock, poolsNow);
        Set<String> hangSignatures = new HashSet<>();
        for (Hang h : hangs) {
            hangSignatures.add(h.signature());
            if (!reportedHangs.contains(h.signature())) {
                listener.hang(h);
            }
        }
        reportedHangs = hangSignatures;
        List<String> notes = internals.missing().isEmpty() ? List.of()
                : List.of("this JDK does not let the agent read " + internals.missing()
                        + ": read-lock holders, pool workers or future runners may be missing from the graph");
        return new DeadlockReport(wall, "agent", deadlocks, hangs, stuck, inversions.get(), notes);
    }

    /** Threads blocked on a monitor, or parked on a lock-like primitive (not a condition, queue or idle pool). */
    private static List<Long> lockWaiters(Map<Long, ThreadInfo> infos, Map<Long, Thread> threads) {
        List<Long> waiting = new ArrayList<>();
        for (Map.Entry<Long, ThreadInfo> e : infos.entrySet()) {
            ThreadInfo info = e.getValue();
            Thread.State s = info.getThreadState();
            if (info.getLockName() == null) {
                continue;
            }
            if (s == Thread.State.BLOCKED) {
                waiting.add(e.getKey());
            } else if (s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING) {
                Object blocker = LockSupport.getBlocker(threads.get(e.getKey()));
                if (blocker instanceof AbstractQueuedSynchronizer || blocker instanceof AbstractQueuedLongSynchronizer
                        || blocker instanceof StampedLock || blocker instanceof java.util.concurrent.FutureTask) {
                    waiting.add(e.getKey());
                }
            }
        }
        return waiting;
    }

    /**
     * Asks the JVM's own detector (a safepoint operation) only when some thread waits for an owner
     * that is itself waiting: the precondition of any monitor or owned-lock cycle.
     */
    private Set<Long> jvmDeadlocked(Map<Long, ThreadInfo> infos, Map<Long, Thread> threads) {
        boolean candidate = false;
        for (ThreadInfo info : infos.values()) {
            ThreadInfo owner = info.getLockOwnerId() >= 0 ? infos.get(info.getLockOwnerId()) : null;
            if (owner != null && owner.getThreadState() != Thread.State.RUNNABLE) {
                candidate = true;
                break;
            }
        }
        long[] ids = candidate ? mx.findDeadlockedThreads() : null;
        Set<Long> found = new HashSet<>();
        if (ids != null) {
            for (long id : ids) {
                if (threads.containsKey(id)) {
                    found.add(id);
                }
            }
        }
        return found;
    }

    /** How the candidate is proven, or null (see the class comment). */
    private static String confirmation(Deadlock d, Set<Long> jvm, Map<Long, ThreadInfo> before,
            Map<Long, ThreadInfo> reread, Map<Long, ThreadInfo> after) {
        boolean allJvm = true;
        boolean closed = true;
        for (Deadlock.Step s : d.cycle()) {
            long k = s.thread().key();
            allJvm &= jvm.contains(k);
            closed &= sameWait(before.get(k), after.get(k)) && sameOwner(before.get(k), reread.get(k));
        }
        if (allJvm) {
            return "confirmed by the JVM's deadlock detector";
        }
        return closed ? "confirmed: every thread stayed in its wait, without waking once, while the graph was read"
                : null;
    }

    private static boolean sameWait(ThreadInfo a, ThreadInfo b) {
        return a != null && b != null && a.getThreadState() == b.getThreadState()
                && Objects.equals(a.getLockName(), b.getLockName()) && a.getBlockedCount() == b.getBlockedCount()
                && a.getWaitedCount() == b.getWaitedCount();
    }

    private static boolean sameOwner(ThreadInfo a, ThreadInfo b) {
        return a != null && b != null && Objects.equals(a.getLockName(), b.getLockName())
                && a.getLockOwnerId() == b.getLockOwnerId();
    }

    /**
     * Threads in the same wait longer than the threshold, except those waiting by design. Their
     * stacks are taken once, when they first cross the threshold.
     */
    private List<StuckThread> stuckThreads(long now, Map<Long, Thread> threads, Map<Long, ThreadInfo> first,
            WaitSnapshot snapshot, BlockerInspector inspector) {
        List<Long> old = tracker.olderThan(now, stuckThresholdNanos);
        List<Long> unclassified = new ArrayList<>();
        for (long id : old) {
            if (tracker.get(id).designed == null) {
                unclassified.add(id);
            }
        }
        if (!unclassified.isEmpty()) {
            for (ThreadInfo info : mx.getThreadInfo(keys(unclassified), SnapshotBuilder.MAX_DEPTH)) {
                StuckTracker.Observation o = info == null ? null : tracker.get(info.getThreadId());
                if (o != null) {
                    o.stack = SnapshotBuilder.stack(info.getStackTrace());
                    o.designed = DesignedWaits.matches(o.stack);
                }
            }
        }
        List<StuckThread> stuck = new ArrayList<>();
        for (long id : old) {
            StuckTracker.Observation o = tracker.get(id);
            if (o.designed == null || o.designed) {
                continue;
            }
            ThreadView view = snapshot == null ? null : snapshot.thread(id);
            if (view == null) {
                ThreadInfo info = first.get(id);
                view = new ThreadView(id, threads.get(id).getName(), SnapshotBuilder.state(info), o.stack, List.of(),
                        inspector.resolve(threads.get(id), info, false));
            }
            stuck.add(new StuckThread(view, o.seconds(now)));
        }
        stuck.sort((a, b) -> Double.compare(b.seconds(), a.seconds()));
        return stuck;
    }

    private static Map<Long, ThreadInfo> infos(ThreadInfo[] array) {
        Map<Long, ThreadInfo> byId = new HashMap<>(array.length * 2);
        for (ThreadInfo i : array) {
            if (i != null) {
                byId.put(i.getThreadId(), i);
            }
        }
        return byId;
    }

    private static long[] keys(java.util.Collection<Long> ids) {
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long[] keysOf(List<Deadlock> found) {
        Set<Long> ids = new HashSet<>();
        for (Deadlock d : found) {
            ids.addAll(d.keys());
        }
        return keys(ids);
    }

    private static <T> Supplier<T> once(Supplier<T> supplier) {
        return new Supplier<T>() {
            private T value;

            @Override
            public T get() {
                if (value == null) {
                    value = supplier.get();
                }
                return value;
            }
        };
    }
}
