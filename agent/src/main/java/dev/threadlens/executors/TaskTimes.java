package dev.threadlens.executors;

/**
 * When each queued task was submitted, keyed by the task's identity, without wrapping it: a
 * fixed table of preallocated {@link TimedSlots}, open addressing within a short window of slots
 * from the task's identity hash. For the tasks no {@link SubmitRing} keeps (pools whose tasks
 * start in no particular order, an application's own fork/join tasks, threads per task, a ring
 * that is full): each costs a fresh cache line and, for a new object, a VM call for its hash.
 *
 * <p>{@link #put} claims a free slot with one CAS; when the window is full it gives up and the
 * task simply goes untimed (the caller counts the drop): timing degrades, the application never
 * waits. {@link #find} then {@link #release} take the entry back when the task starts; entries
 * whose tasks left the queue unseen are cleared by {@link #sweep} on an agent thread.
 */
final class TaskTimes extends TimedSlots {

    /** Slots looked at from a key's home slot (16 compressed references: one cache line). */
    static final int WINDOW = 16;

    private final Object[] owners;

    /** {@code slots} is rounded up to a power of two, at least {@link #WINDOW}. */
    TaskTimes(int slots) {
        super(Integer.highestOneBit(Math.max(WINDOW, slots) - 1) << 1);
        owners = new Object[capacity()];
    }

    /** Records {@code key} submitted at {@code time} for {@code owner}; false when no slot was free. */
    boolean put(Object key, long time, Object owner) {
        int home = System.identityHashCode(key);
        for (int i = 0; i < WINDOW; i++) {
            int slot = (home + i) & mask;
            if (claim(slot)) {
                owners[slot] = owner;
                publish(slot, key, time);
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

    @Override
    Object owner(int slot) {
        return owners[slot];
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

    /**
     * Also scrubs the free slots: {@link #release} frees a slot by its key alone, so its owner (a
     * pool's state, a few KB of counters) stayed reachable until the slot was reused, keeping up
     * to a table's worth of collected pools alive. A free slot with an owner is claimed for a
     * moment, as {@link #put} claims one, so no put writes it meanwhile.
     */
    @Override
    void sweep(Sweeper sweeper) {
        for (int slot = 0; slot <= mask; slot++) {
            if (owners[slot] != null && claim(slot)) {
                owners[slot] = null;
                keys.set(slot, null);
            }
        }
        super.sweep(sweeper);
    }
}
