package dev.threadlens.deadlock;

import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@link WaitSnapshot} of one pass: starting from the threads waiting on lock-like
 * primitives, follows what each waits for to the threads that must move (owners, readers,
 * runners, workers), then takes stacks and held monitors of exactly those threads in one
 * {@code ThreadMXBean} call. Threads outside that set are never stack-walked. Held ownable
 * synchronizers are not asked of the JVM (HotSpot finds them by walking the whole heap at a
 * safepoint); the locks a thread holds that matter here are the ones others wait for, known
 * from the owners the graph already has, plus the read holds found for write waiters.
 */
final class SnapshotBuilder {

    /** Frames kept per stack: enough to see the application code under any JDK frames. */
    static final int MAX_DEPTH = 64;
    /** A bound on the threads one snapshot follows, so a pathological pass stays cheap. */
    private static final int MAX_THREADS = 2_000;

    private final ThreadMXBean mx;
    private final BlockerInspector inspector;
    private final Map<Long, Thread> threads;
    private final Map<Long, ThreadInfo> infos;
    private final Map<Long, ThreadInfo> full = new HashMap<>();

    /**
     * @param threads live platform threads by id (the agent's own excluded)
     * @param infos their {@code ThreadInfo} without stacks, taken at the start of the pass
     */
    SnapshotBuilder(ThreadMXBean mx, BlockerInspector inspector, Map<Long, Thread> threads,
            Map<Long, ThreadInfo> infos) {
        this.mx = mx;
        this.inspector = inspector;
        this.threads = threads;
        this.infos = infos;
    }

    WaitSnapshot build(List<Long> waiting, Set<Long> jvmDeadlocked) {
        Map<Long, WaitFor> waits = new LinkedHashMap<>();
        Set<Long> focus = new LinkedHashSet<>(waiting);
        for (long id : jvmDeadlocked) {
            if (threads.containsKey(id)) {
                focus.add(id);
            }
        }
        Deque<Long> queue = new ArrayDeque<>(focus);
        while (!queue.isEmpty() && focus.size() < MAX_THREADS) {
            long id = queue.poll();
            Thread t = threads.get(id);
            ThreadInfo info = infos.get(id);
            if (t == null || info == null) {
                continue;
            }
            WaitFor w = inspector.resolve(t, info, true);
            waits.put(id, w);
            if (w != null) {
                for (long h : w.holders()) {
                    if (threads.containsKey(h) && focus.add(h)) {
                        queue.add(h);
                    }
                }
            }
        }
        Map<String, Primitive> known = new HashMap<>();
        for (WaitFor w : waits.values()) {
            if (w != null) {
                known.put(w.primitive().identity(), w.primitive());
            }
        }
        Map<Long, List<Held>> owned = ownedByGraph(waits);
        Map<Long, List<Held>> readLocks = readLocksHeld(known);
        long[] ids = focus.stream().mapToLong(Long::longValue).toArray();
        List<ThreadView> views = new ArrayList<>();
        for (ThreadInfo full : mx.getThreadInfo(ids, true, false, MAX_DEPTH)) {
            if (full == null) {
                continue; // ended meanwhile
            }
            long id = full.getThreadId();
            this.full.put(id, full);
            ThreadInfo first = infos.get(id);
            List<Held> held = monitors(full);
            held.addAll(owned.getOrDefault(id, List.of()));
            held.addAll(readLocks.getOrDefault(id, List.of()));
            views.add(new ThreadView(id, full.getThreadName(), state(first != null ? first : full),
                    stack(full.getStackTrace()), held, waits.get(id)));
        }
        return new WaitSnapshot(views, jvmDeadlocked);
    }

    /**
     * The infos with stacks taken by {@link #build}, after every thread's first info: a lock owner
     * read here was read while every thread in a cycle was already waiting (see the detector).
     */
    Map<Long, ThreadInfo> fullInfos() {
        return full;
    }

    /** Read holds found while resolving write waits, as held locks of the readers. */
    private Map<Long, List<Held>> readLocksHeld(Map<String, Primitive> known) {
        Map<Long, List<Held>> byThread = new HashMap<>();
        inspector.readersSeen().forEach((sync, found) -> {
            Primitive seen = known.get(BlockerInspector.identity(sync));
            Primitive p = new Primitive("read_lock", BlockerInspector.identity(sync), seen == null ? null : seen.site());
            for (Thread r : found.readers) {
                byThread.computeIfAbsent(r.getId(), k -> new ArrayList<>()).add(new Held(p, null));
            }
        });
        return byThread;
    }

    /** Monitors the JVM says the thread holds, with the frame that entered each. */
    private static List<Held> monitors(ThreadInfo full) {
        List<Held> held = new ArrayList<>();
        for (MonitorInfo m : full.getLockedMonitors()) {
            StackTraceElement frame = m.getLockedStackFrame();
            held.add(new Held(new Primitive("monitor", m.toString(), null), frame == null ? null : Frames.format(frame)));
        }
        return held;
    }

    /** Owned locks (not monitors) others wait for, as held locks of their owners. */
    private static Map<Long, List<Held>> ownedByGraph(Map<Long, WaitFor> waits) {
        Map<Long, List<Held>> byOwner = new HashMap<>();
        Set<String> seen = new java.util.HashSet<>();
        for (WaitFor w : waits.values()) {
            if (w == null || w.release() != Release.ALL || w.primitive().type().equals("monitor")) {
                continue;
            }
            String type = w.primitive().type();
            boolean owner = type.equals("reentrant_lock") || type.equals("lock")
                    || (type.startsWith("read") || type.startsWith("write")) && "write-locked".equals(w.detail());
            if (owner && w.holders().size() == 1 && seen.add(w.primitive().identity())) {
                Primitive p = type.equals("read_lock") || type.equals("write_lock")
                        ? new Primitive("write_lock", w.primitive().identity(), w.primitive().site()) : w.primitive();
                byOwner.computeIfAbsent(w.holders().get(0), k -> new ArrayList<>()).add(new Held(p, null));
            }
        }
        return byOwner;
    }

    static String state(ThreadInfo info) {
        return info.getThreadState().name().toLowerCase(Locale.ROOT);
    }

    static List<String> stack(StackTraceElement[] trace) {
        List<String> frames = new ArrayList<>(trace.length);
        for (StackTraceElement e : trace) {
            frames.add(Frames.format(e));
        }
        return frames;
    }
}
