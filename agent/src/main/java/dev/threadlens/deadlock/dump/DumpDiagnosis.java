package dev.threadlens.deadlock.dump;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.threadlens.deadlock.Deadlock;
import dev.threadlens.deadlock.DeadlockReport;
import dev.threadlens.deadlock.DesignedWaits;
import dev.threadlens.deadlock.Frames;
import dev.threadlens.deadlock.Hang;
import dev.threadlens.deadlock.HangFinder;
import dev.threadlens.deadlock.Kinds;
import dev.threadlens.deadlock.Primitive;
import dev.threadlens.deadlock.ReflectivePools;
import dev.threadlens.deadlock.StuckThread;
import dev.threadlens.deadlock.ThreadView;
import dev.threadlens.deadlock.WaitGraphAnalyzer;
import dev.threadlens.deadlock.WaitSnapshot;

/**
 * A diagnosis from two thread dumps of a JVM without the agent, taken a short time apart. The
 * later dump gives the wait-for graph; a cycle counts when the JVM's own check in the dump names
 * it or when every thread in it is in the same wait in both dumps. Waits nobody can be named for
 * that did not change between the dumps are stuck threads, and hangs where the kind of wait says
 * so (a semaphore, a latch, a read/write lock whose readers a dump cannot name, a condition whose
 * waiter holds a lock others need, every worker of a pool waiting inside its tasks).
 */
public final class DumpDiagnosis {

    private static final String RUN_WORKER = "java.util.concurrent.ThreadPoolExecutor.runWorker(";

    private DumpDiagnosis() {
    }

    public static DeadlockReport diagnose(ThreadDump first, ThreadDump second, double secondsApart, String source) {
        long now = System.currentTimeMillis();
        WaitSnapshot snapshot = DumpGraph.snapshot(second);
        List<Deadlock> deadlocks = new ArrayList<>();
        Set<Long> inDeadlock = new HashSet<>();
        for (Deadlock d : WaitGraphAnalyzer.deadlocks(snapshot)) {
            String how = confirmation(d, first, second, snapshot, secondsApart);
            if (how != null) {
                deadlocks.add(d.confirmed(now, how));
                inDeadlock.addAll(d.keys());
            }
        }
        List<StuckThread> stuck = new ArrayList<>();
        for (ThreadView t : snapshot.threads()) {
            DumpThread before = first.thread(t.key());
            DumpThread after = second.thread(t.key());
            if (after.blocker() != null && before != null && before.sameWaitAs(after)
                    && !DesignedWaits.matches(t.stack())) {
                stuck.add(new StuckThread(t, secondsApart));
            }
        }
        List<Hang> hangs = new ArrayList<>(HangFinder.sampled(secondsApart).find(stuck, snapshot, inDeadlock, List::of));
        hangs.addAll(starvedPools(stuck, inDeadlock, second, secondsApart));
        List<String> notes = List.of("from thread dumps (no agent in the target): read-lock holders, semaphore and"
                + " latch holders, future runners and pool queues are not visible; hangs are judged by the waits"
                + " being unchanged between two dumps " + String.format(Locale.ROOT, "%.1f", secondsApart)
                + " s apart. For the full graph, run the target with the agent (or attach it).");
        return new DeadlockReport(now, source, deadlocks, hangs, stuck, List.of(), notes);
    }

    private static String confirmation(Deadlock d, ThreadDump first, ThreadDump second, WaitSnapshot snapshot,
            double secondsApart) {
        boolean allJvm = true;
        boolean unchanged = true;
        for (Deadlock.Step s : d.cycle()) {
            long k = s.thread().key();
            allJvm &= snapshot.jvmDeadlocked().contains(k);
            DumpThread before = first.thread(k);
            unchanged &= before != null && before.sameWaitAs(second.thread(k));
        }
        if (allJvm) {
            return "confirmed by the JVM's deadlock detector in the thread dump";
        }
        return unchanged ? String.format(Locale.ROOT, "confirmed: unchanged in two thread dumps %.1f s apart",
                secondsApart) : null;
    }

    /**
     * Pool workers (by thread-name prefix) that all wait, unchanged, inside a task, none idle: the
     * dump does not show the pool's queue, so this is reported as a suspected starvation.
     */
    private static List<Hang> starvedPools(List<StuckThread> stuck, Set<Long> inDeadlock, ThreadDump dump,
            double secondsApart) {
        Map<String, List<DumpThread>> pools = new LinkedHashMap<>();
        for (DumpThread t : dump.threads()) {
            if (t.stack.stream().anyMatch(f -> f.startsWith(RUN_WORKER))) {
                pools.computeIfAbsent(ReflectivePools.namePrefix(t.name), k -> new ArrayList<>()).add(t);
            }
        }
        Map<Long, StuckThread> stuckById = new LinkedHashMap<>();
        for (StuckThread s : stuck) {
            stuckById.put(s.thread().key(), s);
        }
        List<Hang> hangs = new ArrayList<>();
        for (Map.Entry<String, List<DumpThread>> pool : pools.entrySet()) {
            List<ThreadView> workers = new ArrayList<>();
            boolean waitsForFuture = false;
            for (DumpThread w : pool.getValue()) {
                StuckThread s = stuckById.get(w.id);
                if (s == null || s.thread().timed() || inDeadlock.contains(w.id) || s.thread().waitsFor() == null) {
                    workers = null;
                    break;
                }
                workers.add(s.thread());
                waitsForFuture |= s.thread().waitsFor().primitive().type().equals("future");
            }
            if (workers == null || !waitsForFuture) {
                continue;
            }
            String evidence = String.format(Locale.ROOT, "All %d threads of the pool %s (%s) waited inside a task in"
                    + " both thread dumps, %.1f s apart, at least one for a future, and none was free to run"
                    + " queued tasks. A thread dump does not show the pool's queue or size: if they wait for tasks"
                    + " queued in the same pool, nothing will ever run them. Entry points: %s", workers.size(),
                    pool.getKey(), pool.getValue().get(0).name, secondsApart,
                    Frames.firstApplication(workers.get(0).stack()));
            hangs.add(new Hang(Kinds.EXECUTOR_STARVATION, new Primitive("executor", pool.getKey(), null), workers,
                    secondsApart, evidence));
        }
        return hangs;
    }
}
