package dev.threadlens.deadlock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Hangs among the stuck threads: waits no known thread can end, kept up without a single wake-up
 * for longer than {@code stuckThreshold}. A semaphore or latch nobody releases or counts down, a
 * stamped lock nobody unlocks, a condition or {@code Object.wait} whose waiter holds a lock other
 * threads are blocked on (the signal likely has to come from one of them), and a pool whose every
 * worker is stuck while tasks wait in its queue. Reported with the evidence; no cycle is claimed.
 */
public final class HangFinder {

    /** How the waits were seen: live, without a wake-up (the agent), or unchanged in two thread dumps (the CLI). */
    private final String observed;

    private HangFinder(String observed) {
        this.observed = observed;
    }

    /** For the agent: the threads were seen not to wake up once. */
    static HangFinder live() {
        return new HangFinder(null);
    }

    /** For thread dumps: the threads were in the same wait in two dumps {@code seconds} apart. */
    public static HangFinder sampled(double seconds) {
        return new HangFinder(String.format(Locale.ROOT, "in both thread dumps, %.1f s apart", seconds));
    }

    public List<Hang> find(List<StuckThread> stuck, WaitSnapshot snapshot, Set<Long> inDeadlock,
            Supplier<List<PoolDirectory.Pool>> pools) {
        List<Hang> hangs = new ArrayList<>();
        Map<String, List<StuckThread>> byPrimitive = new LinkedHashMap<>();
        Map<Long, StuckThread> stuckById = new HashMap<>();
        for (StuckThread s : stuck) {
            ThreadView t = s.thread();
            stuckById.put(t.key(), s);
            WaitFor w = t.waitsFor();
            if (inDeadlock.contains(t.key()) || w == null || t.timed()) {
                continue;
            }
            switch (w.primitive().type()) {
                case "semaphore":
                case "latch":
                case "stamped_lock":
                    byPrimitive.computeIfAbsent(w.primitive().identity(), k -> new ArrayList<>()).add(s);
                    break;
                case "read_lock":
                case "write_lock":
                    if (w.release() == Release.UNKNOWN) { // read holders not visible (a thread dump)
                        byPrimitive.computeIfAbsent(w.primitive().identity(), k -> new ArrayList<>()).add(s);
                    }
                    break;
                case "condition":
                case "object_wait":
                    Hang h = signalHang(s, snapshot);
                    if (h != null) {
                        hangs.add(h);
                    }
                    break;
                default:
                    break;
            }
        }
        for (List<StuckThread> group : byPrimitive.values()) {
            hangs.add(primitiveHang(group));
        }
        if (stuck.size() > 0) {
            hangs.addAll(starvedPools(stuckById, inDeadlock, pools.get()));
        }
        return hangs;
    }

    private Hang primitiveHang(List<StuckThread> group) {
        Primitive p = group.get(0).thread().waitsFor().primitive();
        String detail = group.get(0).thread().waitsFor().detail();
        double seconds = 0;
        List<ThreadView> threads = new ArrayList<>();
        for (StuckThread s : group) {
            threads.add(s.thread());
            seconds = Math.max(seconds, s.seconds());
        }
        String who = threads.size() == 1 ? "1 thread" : threads.size() + " threads";
        String seen = observed != null ? who + " waited " + observed
                : String.format(Locale.ROOT, "%s waited %.0f s or more and none woke up once", who, seconds);
        String evidence;
        String kind = p.type();
        switch (p.type()) {
            case "semaphore":
                evidence = seen + ": no permit was released to them (" + detail + "). Look for an acquire() whose"
                        + " release() is skipped (an exception, an early return) or a thread that ended holding permits.";
                break;
            case "latch":
                evidence = seen + ": the latch never reached zero (" + detail + "). Look for the countDown() that is"
                        + " not called (a task that failed, a path that returns early).";
                break;
            case "read_lock":
            case "write_lock":
                kind = Kinds.READ_WRITE_LOCK;
                evidence = seen + " for the " + (p.type().equals("read_lock") ? "read" : "write") + " lock ("
                        + detail + "). If the read holders are among the waiting threads, this is a deadlock"
                        + " the JVM's own detector cannot see.";
                break;
            default:
                evidence = seen + " (" + detail + "). Look for a stamp that is never unlocked.";
        }
        return new Hang(kind, p, threads, seconds, evidence);
    }

    /** A signal wait whose waiter holds what other threads are blocked on. */
    private Hang signalHang(StuckThread s, WaitSnapshot snapshot) {
        if (snapshot == null) {
            return null;
        }
        ThreadView waiter = s.thread();
        List<ThreadView> blockedOnIt = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (ThreadView other : snapshot.threads()) {
            if (other.key() != waiter.key() && other.waitsFor() != null
                    && waiter.holds(other.waitsFor().primitive().identity())) {
                blockedOnIt.add(other);
                names.add("\"" + other.name() + "\" (on " + other.waitsFor().primitive().describe() + ")");
            }
        }
        if (blockedOnIt.isEmpty()) {
            return null;
        }
        boolean condition = waiter.waitsFor().primitive().type().equals("condition");
        String waited = observed != null ? "waited " + observed
                : String.format(Locale.ROOT, "has waited %.0f s without waking", s.seconds());
        String evidence = String.format(Locale.ROOT, "\"%s\" %s for a %s, while holding what %s %s blocked on. If the"
                + " %s must come from one of them, nothing will ever send it.", waiter.name(), waited,
                condition ? "signal()" : "notify()", String.join(", ", names), blockedOnIt.size() == 1 ? "is" : "are",
                condition ? "signal" : "notify");
        List<ThreadView> threads = new ArrayList<>();
        threads.add(waiter);
        threads.addAll(blockedOnIt);
        return new Hang(condition ? Kinds.CONDITION : Kinds.OBJECT_WAIT, waiter.waitsFor().primitive(), threads,
                s.seconds(), evidence);
    }

    /** Every worker stuck, tasks queued, and no worker can be added: the queued tasks will not run. */
    private List<Hang> starvedPools(Map<Long, StuckThread> stuck, Set<Long> inDeadlock,
            List<PoolDirectory.Pool> pools) {
        List<Hang> hangs = new ArrayList<>();
        for (PoolDirectory.Pool pool : pools) {
            if (pool.workers().isEmpty() || pool.canAddWorker()) {
                continue;
            }
            List<ThreadView> workers = new ArrayList<>();
            double seconds = Double.MAX_VALUE;
            boolean all = true;
            for (Thread w : pool.workers()) {
                StuckThread s = stuck.get(w.getId());
                if (s == null || inDeadlock.contains(w.getId())) {
                    all = false;
                    break;
                }
                workers.add(s.thread());
                seconds = Math.min(seconds, s.seconds());
            }
            int queued = all ? pool.queueSize() : 0;
            if (!all || queued == 0) {
                continue;
            }
            String evidence = String.format(Locale.ROOT, "All %d workers of executor %s have been waiting %.0f s or"
                    + " more while %d tasks wait in its queue, and the pool cannot start another worker. If the"
                    + " workers wait for those tasks (or for what they would do), nothing will ever run them.",
                    workers.size(), pool.name(), seconds, queued);
            hangs.add(new Hang(Kinds.EXECUTOR_STARVATION, new Primitive("executor", pool.name(), null), workers,
                    seconds, evidence));
        }
        return hangs;
    }
}
