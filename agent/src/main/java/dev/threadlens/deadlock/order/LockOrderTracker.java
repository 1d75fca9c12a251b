package dev.threadlens.deadlock.order;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import dev.threadlens.bootstrap.AgentThreads;
import dev.threadlens.bootstrap.LockOrderProbes;
import dev.threadlens.bootstrap.ProbeGuard;
import dev.threadlens.deadlock.Inversion;
import dev.threadlens.deadlock.PrimitiveDirectory;
import dev.threadlens.log.Log;
import dev.threadlens.util.CallSites;
import dev.threadlens.util.WeakIdentityMap;

/**
 * Lock-order validation in the style of the Linux kernel's lockdep. Every lock belongs to the
 * class of its creation site. When a thread takes a lock while holding others, each
 * (held class, new class) pair is an order; the first time an order is seen (and only then: known
 * orders are a map lookup) its stack is recorded and the graph of orders is searched for the
 * reverse path. Finding one means two code paths take the same locks in opposite orders: an
 * inversion, reported once with both stacks, whether or not the threads ever collided.
 * Nested locks of the same site are not judged (hand-over-hand locking would be a false alarm);
 * an untimed {@code tryLock()} adds no order of its own, since it never waits.
 *
 * <p>Cost: an acquisition while holding nothing is a thread-local lookup and an array store, a
 * release the same; a nested one also looks up the classes involved (weak identity map) and the
 * known orders. Only a new order takes a stack and a lock.
 */
public final class LockOrderTracker implements LockOrderProbes.Sink {

    /** Frames kept for each order's first acquisition stack. */
    private static final int STACK_FRAMES = 32;
    /** Bounds on what the graph keeps, so a program with endless lock sites cannot grow it without end. */
    private static final int MAX_ORDERS = 100_000;
    private static final int MAX_INVERSIONS = 100;
    private static final int MAX_SITES = 10_000;

    private final WeakIdentityMap<Object, LockClass> classes = new WeakIdentityMap<>();
    /** One class per creation site (and kind of lock): every lock created there shares it. */
    private final Map<String, LockClass> bySite = new ConcurrentHashMap<>();
    /** Classes by id (index 0 unused); replaced, never changed, when it grows. */
    private volatile LockClass[] byId = new LockClass[64];
    private int nextId = 1;
    private final ThreadLocal<Object[]> held = new ThreadLocal<>();
    private final List<Inversion> inversions = new CopyOnWriteArrayList<>();
    private final Consumer<Inversion> onInversion;
    private final Object graphLock = new Object();
    private int orders;

    public LockOrderTracker(Consumer<Inversion> onInversion) {
        this.onInversion = onInversion;
    }

    @Override
    public void created(Object lock, Object sync, Object readLock, Object writeLock) {
        if (classes.get(lock) != null) {
            return;
        }
        boolean rw = readLock != null;
        String site = CallSites.firstApplicationFrame();
        String type = rw ? "read_write_lock" : "reentrant_lock";
        LockClass c = bySite.size() < MAX_SITES ? bySite.computeIfAbsent(type + " " + site, k -> newClass(site, type))
                : newClass(site, type); // past the bound, classes are per lock
        classes.put(lock, c);
        if (sync != null) {
            classes.put(sync, c);
        }
        if (rw) {
            classes.put(readLock, c);
            classes.put(writeLock, c);
        }
    }

    @Override
    public void acquired(Object lock, boolean blocking) {
        if (AgentThreads.isAgentThread(Thread.currentThread())) {
            return;
        }
        Object[] mine = held.get();
        if (mine == null) {
            mine = HeldLocks.create();
            held.set(mine);
        }
        if (HeldLocks.reenter(mine, lock)) {
            return;
        }
        int size = HeldLocks.size(mine);
        if (!blocking || size == 0) {
            HeldLocks.push(mine, lock, 0); // its class is looked up if a lock is ever taken under it
            return;
        }
        LockClass c = classOf(lock);
        for (int i = 0; i < size; i++) {
            int h = HeldLocks.classAt(mine, i);
            if (h == 0) {
                h = classOf(HeldLocks.lockAt(mine, i)).id;
                HeldLocks.setClass(mine, i, h);
            }
            LockClass outer = byId[h];
            if (outer != c && !outer.after.containsKey(c) && ProbeGuard.enter()) {
                try {
                    newOrder(outer, c);
                } finally {
                    ProbeGuard.exit();
                }
            }
        }
        HeldLocks.push(mine, lock, c.id);
    }

    @Override
    public void released(Object lock) {
        Object[] mine = held.get();
        if (mine != null) {
            HeldLocks.release(mine, lock);
        }
    }

    /** What the tracker knows for the deadlock report: the creation site of a lock's sync. */
    public PrimitiveDirectory sites() {
        return s -> {
            LockClass c = classes.get(s);
            return c == null ? null : new PrimitiveDirectory.Description(c.type, c.site);
        };
    }

    /** The inversions found so far, oldest first. */
    public List<Inversion> inversions() {
        return List.copyOf(inversions);
    }

    private synchronized LockClass newClass(String site, String type) {
        LockClass c = new LockClass(nextId++, site, type);
        LockClass[] table = byId;
        if (c.id >= table.length) {
            table = Arrays.copyOf(table, table.length * 2);
        } else {
            table = table.clone();
        }
        table[c.id] = c;
        byId = table;
        return c;
    }

    /** A lock created before the tracker started has no site: its class is the lock itself. */
    private LockClass classOf(Object lock) {
        LockClass c = classes.get(lock);
        if (c == null) {
            String name = lock.getClass().getName();
            c = classes.computeIfAbsent(lock, l -> newClass(name.substring(name.lastIndexOf('.') + 1) + "@"
                    + Integer.toHexString(System.identityHashCode(l)) + " (created before threadlens started)",
                    name.contains("ReadWriteLock") ? "read_write_lock" : "reentrant_lock"));
        }
        return c;
    }

    /** First time {@code held} was held while {@code taken} was taken: record it and look for the reverse. */
    private void newOrder(LockClass held, LockClass taken) {
        List<String> stack = CallSites.stack(STACK_FRAMES);
        Inversion found = null;
        synchronized (graphLock) {
            if (held.after.containsKey(taken)) {
                return;
            }
            if (orders >= MAX_ORDERS) {
                Log.once(Log.Level.WARN, "lock-order-full", "lock-order graph is full (" + MAX_ORDERS
                        + " orders); new lock orders are no longer checked");
                return;
            }
            LockClass.Edge edge = new LockClass.Edge(held, taken, Thread.currentThread().getName(), stack);
            List<LockClass.Edge> reverse = path(taken, held);
            held.after.put(taken, edge);
            orders++;
            if (reverse != null && inversions.size() < MAX_INVERSIONS) {
                List<String> sites = new ArrayList<>();
                sites.add(taken.site);
                for (LockClass.Edge e : reverse) {
                    sites.add(e.to.site);
                }
                LockClass.Edge other = reverse.get(reverse.size() - 1); // the one that took `held`
                found = new Inversion(held.site, taken.site, edge.thread, edge.stack, other.thread, other.stack, sites,
                        System.currentTimeMillis());
                inversions.add(found);
            }
        }
        if (found != null) {
            onInversion.accept(found);
        }
    }

    /** The orders leading from {@code from} to {@code to} (breadth first: the shortest), or null. */
    private static List<LockClass.Edge> path(LockClass from, LockClass to) {
        Map<LockClass, LockClass.Edge> via = new HashMap<>();
        Deque<LockClass> queue = new ArrayDeque<>(List.of(from));
        via.put(from, null);
        while (!queue.isEmpty()) {
            LockClass c = queue.poll();
            for (LockClass.Edge e : c.after.values()) {
                if (via.containsKey(e.to)) {
                    continue;
                }
                via.put(e.to, e);
                if (e.to == to) {
                    List<LockClass.Edge> path = new ArrayList<>();
                    for (LockClass.Edge p = e; p != null; p = via.get(p.from)) {
                        path.add(0, p);
                    }
                    return path;
                }
                queue.add(e.to);
            }
        }
        return null;
    }
}
