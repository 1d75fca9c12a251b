package dev.threadlens.deadlock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds deadlocks in a {@link WaitSnapshot}. A thread is blocked for ever when what it waits for
 * can only come from threads that are themselves blocked for ever: for an owned lock, the readers
 * of a write lock or a running future ({@link Release#ALL}), when <em>some</em> holder is; for a
 * task queued in a pool that cannot grow ({@link Release#ANY}), when <em>every</em> worker is.
 * The largest such set is found by removing, until nothing changes, every thread that could still
 * go on. Waits with a timeout, and waits nobody can be named for ({@link Release#UNKNOWN}), can
 * always go on as far as the graph knows: they are hangs or stuck threads, not deadlocks. Each
 * strongly connected component of what is left is one deadlock; the other threads left wait
 * behind one.
 */
public final class WaitGraphAnalyzer {

    private WaitGraphAnalyzer() {
    }

    public static List<Deadlock> deadlocks(WaitSnapshot snapshot) {
        Set<Long> stuck = blockedForever(snapshot);
        if (stuck.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Long>> edges = new LinkedHashMap<>();
        for (long t : stuck) {
            List<Long> next = new ArrayList<>();
            for (long h : snapshot.thread(t).waitsFor() == null ? List.<Long>of() : snapshot.thread(t).waitsFor().holders()) {
                if (stuck.contains(h) && !next.contains(h)) {
                    next.add(h);
                }
            }
            edges.put(t, next);
        }
        List<Set<Long>> cycles = new ArrayList<>();
        for (Set<Long> component : stronglyConnected(stuck, edges)) {
            long only = component.iterator().next();
            if (component.size() > 1 || edges.get(only).contains(only)) {
                cycles.add(component);
            }
        }
        Map<Set<Long>, List<ThreadView>> behind = new HashMap<>();
        for (Set<Long> c : cycles) {
            behind.put(c, new ArrayList<>());
        }
        for (long t : stuck) {
            if (cycles.stream().noneMatch(c -> c.contains(t))) {
                Set<Long> reached = firstCycleReached(t, edges, cycles);
                if (reached != null) {
                    behind.get(reached).add(snapshot.thread(t));
                }
            }
        }
        List<Deadlock> found = new ArrayList<>();
        for (Set<Long> c : cycles) {
            found.add(describe(snapshot, c, edges, behind.get(c)));
        }
        return found;
    }

    /** The greatest set of threads whose waits only threads of the same set could end. */
    static Set<Long> blockedForever(WaitSnapshot snapshot) {
        Set<Long> stuck = new LinkedHashSet<>();
        for (ThreadView t : snapshot.threads()) {
            WaitFor w = t.waitsFor();
            if (w != null && !t.timed() && w.release() != Release.UNKNOWN && !w.holders().isEmpty()) {
                stuck.add(t.key());
            }
        }
        for (long jvm : snapshot.jvmDeadlocked()) {
            if (snapshot.thread(jvm) != null && snapshot.thread(jvm).waitsFor() != null) {
                stuck.add(jvm);
            }
        }
        boolean changed = true;
        while (changed) {
            changed = false;
            for (Iterator<Long> it = stuck.iterator(); it.hasNext();) {
                long t = it.next();
                if (snapshot.jvmDeadlocked().contains(t)) {
                    continue; // the JVM checked it at a safepoint
                }
                if (couldGoOn(snapshot.thread(t).waitsFor(), stuck)) {
                    it.remove();
                    changed = true;
                }
            }
        }
        return stuck;
    }

    private static boolean couldGoOn(WaitFor w, Set<Long> stuck) {
        if (w.release() == Release.ALL) {
            for (long h : w.holders()) {
                if (stuck.contains(h)) {
                    return false;
                }
            }
            return true;
        }
        for (long h : w.holders()) {
            if (!stuck.contains(h)) {
                return true;
            }
        }
        return false;
    }

    /** Tarjan's algorithm, iterative so that a long chain of waiting threads cannot overflow the stack. */
    static List<Set<Long>> stronglyConnected(Set<Long> nodes, Map<Long, List<Long>> edges) {
        Map<Long, Integer> index = new HashMap<>();
        Map<Long, Integer> low = new HashMap<>();
        Deque<Long> stack = new ArrayDeque<>();
        Set<Long> onStack = new HashSet<>();
        List<Set<Long>> result = new ArrayList<>();
        int[] counter = {0};
        for (long root : nodes) {
            if (index.containsKey(root)) {
                continue;
            }
            Deque<long[]> work = new ArrayDeque<>(); // {node, next edge position}
            work.push(new long[] {root, 0});
            index.put(root, counter[0]);
            low.put(root, counter[0]++);
            stack.push(root);
            onStack.add(root);
            while (!work.isEmpty()) {
                long[] frame = work.peek();
                long v = frame[0];
                List<Long> out = edges.getOrDefault(v, List.of());
                if (frame[1] < out.size()) {
                    long w = out.get((int) frame[1]++);
                    if (!index.containsKey(w)) {
                        index.put(w, counter[0]);
                        low.put(w, counter[0]++);
                        stack.push(w);
                        onStack.add(w);
                        work.push(new long[] {w, 0});
                    } else if (onStack.contains(w)) {
                        low.put(v, Math.min(low.get(v), index.get(w)));
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    long parent = work.peek()[0];
                    low.put(parent, Math.min(low.get(parent), low.get(v)));
                }
                if (low.get(v).equals(index.get(v))) {
                    Set<Long> component = new LinkedHashSet<>();
                    long w;
                    do {
                        w = stack.pop();
                        onStack.remove(w);
                        component.add(w);
                    } while (w != v);
                    result.add(component);
                }
            }
        }
        return result;
    }

    private static Set<Long> firstCycleReached(long from, Map<Long, List<Long>> edges, List<Set<Long>> cycles) {
        Deque<Long> queue = new ArrayDeque<>(List.of(from));
        Set<Long> seen = new HashSet<>(queue);
        while (!queue.isEmpty()) {
            long t = queue.poll();
            for (Set<Long> c : cycles) {
                if (c.contains(t)) {
                    return c;
                }
            }
            for (long n : edges.getOrDefault(t, List.of())) {
                if (seen.add(n)) {
                    queue.add(n);
                }
            }
        }
        return null;
    }

    private static Deadlock describe(WaitSnapshot snapshot, Set<Long> component, Map<Long, List<Long>> edges,
            List<ThreadView> blocked) {
        List<Long> loop = shortestCycle(snapshot, component, edges);
        List<Long> order = new ArrayList<>(loop);
        for (long m : sortedByName(snapshot, component)) {
            if (!order.contains(m)) {
                order.add(m); // waits on the same cycle through a second path (more readers, more workers)
            }
        }
        List<Deadlock.Step> steps = new ArrayList<>();
        List<WaitFor> waits = new ArrayList<>();
        for (int i = 0; i < order.size(); i++) {
            ThreadView t = snapshot.thread(order.get(i));
            long nextKey = i < loop.size() ? loop.get((i + 1) % loop.size())
                    : edges.get(t.key()).stream().filter(component::contains).findFirst().orElse(loop.get(0));
            List<String> holders = new ArrayList<>();
            for (long h : t.waitsFor().holders()) {
                holders.add(snapshot.name(h));
            }
            steps.add(new Deadlock.Step(t, snapshot.thread(nextKey), holders));
            waits.add(t.waitsFor());
        }
        Set<String> signature = new TreeSet<>();
        for (long k : component) {
            signature.add(k + ">" + snapshot.thread(k).waitsFor().primitive().identity());
        }
        blocked.sort(Comparator.comparing(ThreadView::name));
        return new Deadlock(Kinds.ofCycle(waits), steps, blocked, String.join(",", signature), 0L, null);
    }

    private static List<Long> sortedByName(WaitSnapshot snapshot, Set<Long> component) {
        List<Long> members = new ArrayList<>(component);
        members.sort(Comparator.comparing(snapshot::name).thenComparing(k -> k));
        return members;
    }

    /** A shortest cycle through the component's first thread by name, in wait order. */
    private static List<Long> shortestCycle(WaitSnapshot snapshot, Set<Long> component, Map<Long, List<Long>> edges) {
        long start = sortedByName(snapshot, component).get(0);
        if (edges.get(start).contains(start)) {
            return List.of(start);
        }
        Map<Long, Long> parent = new HashMap<>();
        Deque<Long> queue = new ArrayDeque<>(List.of(start));
        while (!queue.isEmpty()) {
            long t = queue.poll();
            for (long n : edges.get(t)) {
                if (n == start) {
                    List<Long> path = new ArrayList<>();
                    for (long p = t; p != start; p = parent.get(p)) {
                        path.add(p);
                    }
                    path.add(start);
                    Collections.reverse(path);
                    return path;
                }
                if (component.contains(n) && !parent.containsKey(n)) {
                    parent.put(n, t);
                    queue.add(n);
                }
            }
        }
        return List.of(start); // unreachable for a strongly connected component
    }
}
