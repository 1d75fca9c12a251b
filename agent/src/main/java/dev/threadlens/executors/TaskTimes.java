package dev.threadlens.executors;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * When each queued task was submitted, keyed by the task's identity, without wrapping it and
 * without allocating or locking: a fixed table of preallocated slots, open addressing within a
 * short window of slots from the task's identity hash.
 *
 * <p>{@link #put} claims a free slot with one CAS; when the window is full it gives up and the
 * task simply goes untimed (the caller counts the drop): timing degrades, the application never
 * waits. {@link #find} then {@link #release} take the entry back when the task starts; entries
 * whose tasks left the queue unseen are cleared by {@link #sweep} on an agent thread.
 *
 * <p>A slot is published in three steps: claim (CAS to a private marker), write time and owner,
 * then store the key with release semantics ({@code lazySet}: ordered after the time and owner,
 * without the full fence of a volatile write, which the submitting thread would pay per task).
 * Whoever reads the key (a volatile read) therefore sees that slot's time and owner. A slot can be reused as soon as it is released; {@link #release} succeeds only for the
 * key that is still there.
 */
final class TaskTimes {

    /** Slots looked at from a key's home slot (16 compressed references: one cache line). */
    static final int WINDOW = 16;

    private static final Object CLAIMED = new Object();

    private final AtomicReferenceArray<Object> keys;
    private final long[] times;
    private final Object[] owners;
    private final int mask;

    /** {@code slots} is rounded up to a power of two, at least {@link #WINDOW}. */
    TaskTimes(int slots) {
        int n = Integer.highestOneBit(Math.max(WINDOW, slots) - 1) << 1;
        keys = new AtomicReferenceArray<>(n);
        times = new long[n];
        owners = new Object[n];
        mask = n - 1;
    }

    int capacity() {
        return mask + 1;
    }

    /** Records {@code key} submitted at {@code time} for {@code owner}; false when no slot was free. */
    boolean put(Object key, long time, Object owner) {
        int home = System.identityHashCode(key);
        for (int i = 0; i < WINDOW; i++) {
            int slot = (home + i) & mask;
            if (keys.get(slot) == null && keys.compareAndSet(slot, null, CLAIMED)) {
                times[slot] = time;
                owners[slot] = owner;
                keys.lazySet(slot, key);
                return true;
            }
        }
        return false;
    }

    /** The slot holding {@code key}, or -1. Read its time and owner, then {@link #release} it. */
    int find(Object key) {
        int home = System.identityHashCode(key);
        for (int i = 0; i < WINDOW; i++) {
            int slot = (home + i) & mask;
            if (keys.get(slot) == key) {
                return slot;
            }
        }
        return -1;
    }

    long time(int slot) {
        return times[slot];
    }

    Object owner(int slot) {
        return owners[slot];
    }

    /** Frees {@code slot} if it still holds {@code key}; false if someone else took it first. */
    boolean release(int slot, Object key) {
        return keys.compareAndSet(slot, key, null);
    }

    /** Releases {@code key}'s entry if there is one; returns its owner, or null. */
    Object remove(Object key) {
        int slot = find(key);
        if (slot < 0) {
            return null;
        }
        Object owner = owners[slot];
        return release(slot, key) ? owner : null;
    }

    /** Decides, on an agent thread, which entries to clear. */
    interface Sweeper {
        /** Why to release the entry of {@code key} (submitted at {@code time} for {@code owner}), or null to keep it. */
        Object verdict(Object key, long time, Object owner);

        /** The entry was released for {@code verdict}. */
        void released(Object owner, Object verdict);
    }

    /**
     * Visits every published entry once, and scrubs the free slots: {@link #release} frees a slot
     * by its key alone, so its owner (a pool's state, a few KB of counters) stayed reachable until
     * the slot was reused, keeping up to a table's worth of collected pools alive. A free slot with
     * an owner is claimed for a moment, as {@link #put} claims one, so no put writes it meanwhile.
     */
    void sweep(Sweeper sweeper) {
        for (int slot = 0; slot <= mask; slot++) {
            Object key = keys.get(slot);
            if (key == null && owners[slot] != null && keys.compareAndSet(slot, null, CLAIMED)) {
                owners[slot] = null;
                keys.set(slot, null);
                continue;
            }
            if (key == null || key == CLAIMED) {
                continue;
            }
            Object owner = owners[slot];
            Object verdict = sweeper.verdict(key, times[slot], owner);
            if (verdict != null && release(slot, key)) {
                sweeper.released(owner, verdict);
            }
        }
    }

    /** Entries in use (a scan: tests and diagnostics only). */
    int size() {
        int n = 0;
        for (int slot = 0; slot <= mask; slot++) {
            Object key = keys.get(slot);
            if (key != null && key != CLAIMED) {
                n++;
            }
        }
        return n;
    }
}
