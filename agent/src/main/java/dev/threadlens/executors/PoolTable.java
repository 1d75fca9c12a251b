package dev.threadlens.executors;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Pools by identity, read on every task without a lock or an allocation: an immutable
 * open-addressing array of {@link PoolState}s (weak references to their pools), replaced as a
 * whole when a pool is added or collected pools are dropped. Pools are few and created rarely,
 * so the copy is cheap; lookups are a hash, a few array reads and a reference comparison.
 * (The shared {@code WeakIdentityMap} allocates a lookup key per call, too much for a per-task path.)
 */
final class PoolTable {

    private static final int MIN_CAPACITY = 16;

    private final AtomicReference<PoolState[]> table = new AtomicReference<>(new PoolState[MIN_CAPACITY]);

    /** The state of {@code pool}, or null when it was never added. */
    PoolState get(Object pool) {
        PoolState[] t = table.get();
        int mask = t.length - 1;
        for (int i = System.identityHashCode(pool) & mask;; i = (i + 1) & mask) {
            PoolState s = t[i];
            if (s == null) {
                return null;
            }
            if (s.get() == pool) {
                return s;
            }
        }
    }

    /** Adds {@code state} unless its pool is already present; returns the state now in the table. */
    PoolState add(PoolState state) {
        Object pool = state.get();
        if (pool == null) {
            return state;
        }
        while (true) {
            PoolState[] t = table.get();
            PoolState existing = get(pool);
            if (existing != null) {
                return existing;
            }
            // Collected pools stay until expunge() reports them, so their totals are never lost.
            List<PoolState> all = new ArrayList<>();
            for (PoolState s : t) {
                if (s != null) {
                    all.add(s);
                }
            }
            all.add(state);
            if (table.compareAndSet(t, build(all))) {
                return state;
            }
        }
    }

    /** Drops the states whose pools were collected and hands each to {@code dead}. */
    void expunge(Consumer<PoolState> dead) {
        while (true) {
            PoolState[] t = table.get();
            List<PoolState> gone = new ArrayList<>();
            List<PoolState> kept = new ArrayList<>();
            for (PoolState s : t) {
                if (s != null) {
                    (s.get() == null ? gone : kept).add(s);
                }
            }
            if (gone.isEmpty()) {
                return;
            }
            if (table.compareAndSet(t, build(kept))) {
                gone.forEach(dead);
                return;
            }
        }
    }

    /**
     * The table as it is: an array with nulls, to read and never to write. For the rare
     * per-task path that must look at every pool without allocating.
     */
    PoolState[] snapshot() {
        return table.get();
    }

    /** States in the table: live pools, and collected ones not yet expunged (a diagnostic; no allocation). */
    int size() {
        int n = 0;
        for (PoolState s : table.get()) {
            if (s != null) {
                n++;
            }
        }
        return n;
    }

    /** States whose pools are still reachable (at the time of the call). */
    List<PoolState> live() {
        return live(table.get());
    }

    private static List<PoolState> live(PoolState[] t) {
        List<PoolState> live = new ArrayList<>();
        for (PoolState s : t) {
            if (s != null && s.get() != null) {
                live.add(s);
            }
        }
        return live;
    }

    /** A table at most half full, so probe sequences stay short and always end at a null. */
    private static PoolState[] build(List<PoolState> states) {
        int capacity = MIN_CAPACITY;
        while (capacity < states.size() * 2 + 2) {
            capacity <<= 1;
        }
        PoolState[] t = new PoolState[capacity];
        int mask = capacity - 1;
        for (PoolState s : states) {
            int i = s.hash & mask;
            while (t[i] != null) {
                i = (i + 1) & mask;
            }
            t[i] = s;
        }
        return t;
    }
}
