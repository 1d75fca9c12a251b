package dev.threadlens.executors;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Slots of (task, submit time) that application threads fill and take back without a lock or an
 * allocation: the storage {@link TaskTimes} and {@link SubmitRing} share; they differ in which
 * slot a task goes to.
 *
 * <p>A slot is published in three steps: {@link #claim} (CAS from free to a private marker),
 * then {@link #publish} writes the time and stores the key with release semantics
 * ({@code lazySet}: ordered after the time, without the full fence of a volatile write, which
 * the submitting thread would pay per task). Whoever reads the key (a volatile read) therefore
 * sees that slot's time. {@link #release} frees a slot only for the key that is still there.
 */
abstract class TimedSlots {

    static final Object CLAIMED = new Object();

    final AtomicReferenceArray<Object> keys;
    final long[] times;
    final int mask;

    /** {@code slots}: a power of two. */
    TimedSlots(int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two: " + slots);
        }
        keys = new AtomicReferenceArray<>(slots);
        times = new long[slots];
        mask = slots - 1;
    }

    final int capacity() {
        return mask + 1;
    }

    /** Takes a free slot for a {@link #publish} to come; false if it is not free. */
    final boolean claim(int slot) {
        return keys.get(slot) == null && keys.compareAndSet(slot, null, CLAIMED);
    }

    /** Fills a claimed slot. */
    final void publish(int slot, Object key, long time) {
        times[slot] = time;
        keys.lazySet(slot, key);
    }

    /** Frees {@code slot} if it still holds {@code key}; false if someone else took it first. */
    final boolean release(int slot, Object key) {
        return keys.compareAndSet(slot, key, null);
    }

    /** The owner of the entry in {@code slot}, handed to the {@link Sweeper}. */
    abstract Object owner(int slot);

    /** Decides, on an agent thread, which entries to clear. */
    interface Sweeper {
        /** Why to release the entry of {@code key} (submitted at {@code time} for {@code owner}), or null to keep it. */
        Object verdict(Object key, long time, Object owner);

        /** The entry was released for {@code verdict}. */
        void released(Object owner, Object verdict);
    }

    /** Visits every published entry once (agent thread), releasing those {@code sweeper} condemns. */
    void sweep(Sweeper sweeper) {
        for (int slot = 0; slot <= mask; slot++) {
            Object key = keys.get(slot);
            if (key == null || key == CLAIMED) {
                continue;
            }
            Object owner = owner(slot);
            Object verdict = sweeper.verdict(key, times[slot], owner);
            if (verdict != null && release(slot, key)) {
                sweeper.released(owner, verdict);
            }
        }
    }

    /** Entries in use (a scan: tests and diagnostics only). */
    final int size() {
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
