package dev.threadlens.deadlock.dump;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.threadlens.deadlock.ClassNamePrimitives;
import dev.threadlens.deadlock.Held;
import dev.threadlens.deadlock.Primitive;
import dev.threadlens.deadlock.Release;
import dev.threadlens.deadlock.ThreadView;
import dev.threadlens.deadlock.WaitFor;
import dev.threadlens.deadlock.WaitSnapshot;

/**
 * The wait-for graph a thread dump allows: monitor owners (the {@code - locked} lines, minus a
 * monitor the thread itself waits on in {@code Object.wait()}), owners of ownable synchronizers
 * (ReentrantLock, write locks), and for a read-lock waiter the writers queued on the same lock.
 * A thread dump does not name read-lock holders, semaphore or latch holders, or the thread
 * running a future, so those waits are {@link Release#UNKNOWN}: hangs at most, never cycles.
 */
final class DumpGraph {

    private static final String RW_PREFIX = "java.util.concurrent.locks.ReentrantReadWriteLock$";
    private static final String POOL_WORKER_LOCK = "java.util.concurrent.ThreadPoolExecutor$Worker";

    private DumpGraph() {
    }

    static WaitSnapshot snapshot(ThreadDump dump) {
        Map<String, Long> monitorOwners = new HashMap<>();
        Map<String, Long> syncOwners = new HashMap<>();
        for (DumpThread t : dump.threads()) {
            for (DumpThread.Locked l : t.locked) {
                if (t.waitingOn == null || !t.waitingOn.address.equals(l.ref.address)) {
                    monitorOwners.put(l.ref.address, t.id);
                }
            }
            for (DumpThread.Ref s : t.ownableSynchronizers) {
                syncOwners.put(s.address, t.id);
            }
        }
        List<ThreadView> views = new ArrayList<>();
        for (DumpThread t : dump.threads()) {
            views.add(new ThreadView(t.id, t.name, t.state, t.stack, held(t),
                    waitFor(t, dump, monitorOwners, syncOwners)));
        }
        Set<Long> jvm = new HashSet<>();
        for (DumpThread t : dump.threads()) {
            if (dump.jvmDeadlocked().contains(t.name)) {
                jvm.add(t.id);
            }
        }
        return new WaitSnapshot(views, jvm);
    }

    private static WaitFor waitFor(DumpThread t, ThreadDump dump, Map<String, Long> monitorOwners,
            Map<String, Long> syncOwners) {
        if (t.waitingToLock != null) {
            Long owner = monitorOwners.get(t.waitingToLock.address);
            return WaitFor.owned(new Primitive("monitor", t.waitingToLock.identity(), null),
                    owner == null || owner == t.id ? -1 : owner);
        }
        if (t.parkedOn != null) {
            return parked(t, dump, syncOwners);
        }
        if (t.waitingOn != null) {
            boolean join = t.waitingOn.className.equals("java.lang.Thread")
                    || t.stack.stream().anyMatch(f -> f.startsWith("java.lang.Thread.join("));
            return WaitFor.unknown(new Primitive(join ? "join" : "object_wait", t.waitingOn.identity(), null),
                    join ? "Thread.join(): a thread dump does not say which thread" : "Object.wait(): needs a notify()");
        }
        return null;
    }

    private static WaitFor parked(DumpThread t, ThreadDump dump, Map<String, Long> syncOwners) {
        DumpThread.Ref b = t.parkedOn;
        String type = ClassNamePrimitives.type(b.className);
        Long owner = syncOwners.get(b.address);
        if (b.className.startsWith(RW_PREFIX)) {
            boolean reading = readMode(t);
            Primitive p = new Primitive(reading ? "read_lock" : "write_lock", b.identity(), null);
            if (owner != null && owner != t.id) {
                return new WaitFor(p, Release.ALL, List.of(owner), null, "write-locked");
            }
            if (reading) {
                List<Long> writers = new ArrayList<>();
                for (DumpThread other : dump.threads()) {
                    if (other != t && other.parkedOn != null && other.parkedOn.address.equals(b.address)
                            && !readMode(other)) {
                        writers.add(other.id);
                    }
                }
                if (!writers.isEmpty()) {
                    return new WaitFor(p, Release.ALL, writers, null, "queued behind a waiting writer");
                }
            }
            return WaitFor.unknown(p, "no thread holds it for writing, so it is read-locked; a thread dump does not"
                    + " name read-lock holders (the agent does: threadlens attach)");
        }
        if (owner != null && owner != t.id) {
            return WaitFor.owned(new Primitive(type.equals("other") ? "lock" : type, b.identity(), null), owner);
        }
        String detail;
        switch (type) {
            case "semaphore":
                detail = "a semaphore does not know who holds its permits";
                break;
            case "latch":
                detail = "a latch does not know who will count it down";
                break;
            case "future":
                detail = "a thread dump does not say which thread runs the task, or whether it started";
                break;
            case "condition":
                detail = "needs a signal";
                break;
            case "stamped_lock":
                detail = "a StampedLock does not know its holders";
                break;
            default:
                detail = null;
        }
        return WaitFor.unknown(new Primitive(type, b.identity(), null), detail);
    }

    /** Parked in {@code ReentrantReadWriteLock$ReadLock.lock...} rather than the write lock. */
    private static boolean readMode(DumpThread t) {
        for (String f : t.stack) {
            if (f.startsWith(RW_PREFIX + "ReadLock.")) {
                return true;
            }
            if (f.startsWith(RW_PREFIX + "WriteLock.")) {
                return false;
            }
        }
        return false;
    }

    private static List<Held> held(DumpThread t) {
        Map<String, Held> monitors = new java.util.LinkedHashMap<>();
        for (DumpThread.Locked l : t.locked) {
            if (t.waitingOn == null || !t.waitingOn.address.equals(l.ref.address)) {
                // A monitor entered again further up the stack is listed twice; the deepest frame entered it first.
                monitors.put(l.ref.address, new Held(new Primitive("monitor", l.ref.identity(), null), l.frame));
            }
        }
        List<Held> held = new ArrayList<>(monitors.values());
        for (DumpThread.Ref s : t.ownableSynchronizers) {
            if (s.className.equals(POOL_WORKER_LOCK)) {
                continue;
            }
            String type = ClassNamePrimitives.type(s.className);
            type = type.equals("read_write_lock") ? "write_lock" : type.equals("other") ? "lock" : type;
            held.add(new Held(new Primitive(type, s.identity(), null), null));
        }
        return held;
    }
}
