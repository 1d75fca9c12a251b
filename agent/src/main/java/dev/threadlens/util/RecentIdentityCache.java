package dev.threadlens.util;

import java.lang.ref.WeakReference;

/**
 * A small direct-mapped cache in front of a {@link WeakIdentityMap}, for lookups on an
 * application thread's path: a hit is an identity hash, an array read and a reference compare,
 * with no allocation, hashing into a map or lock. A queue's condition, signalled on every
 * {@code offer}, is found here rather than in the map.
 *
 * <p>Racy on purpose: each slot holds an immutable entry, so a reader sees a whole entry or an
 * older one, and a miss only costs the map lookup it replaces. Keys are held weakly. Only for
 * values that never change for a key once stored (entries are overwritten, never invalidated).
 */
public final class RecentIdentityCache<V> {

    private final Entry<V>[] slots;
    private final int mask;

    /** {@code size}: a power of two. */
    @SuppressWarnings("unchecked")
    public RecentIdentityCache(int size) {
        if (Integer.bitCount(size) != 1) {
            throw new IllegalArgumentException("size must be a power of two: " + size);
        }
        this.slots = (Entry<V>[]) new Entry<?>[size];
        this.mask = size - 1;
    }

    /** The value cached for {@code key}, or null. */
    public V get(Object key) {
        Entry<V> e = slots[System.identityHashCode(key) & mask];
        return e != null && e.get() == key ? e.value : null;
    }

    /** Caches {@code value} for {@code key}, replacing whatever shared its slot. */
    public void put(Object key, V value) {
        slots[System.identityHashCode(key) & mask] = new Entry<>(key, value);
    }

    private static final class Entry<V> extends WeakReference<Object> {
        final V value;

        Entry(Object key, V value) {
            super(key);
            this.value = value;
        }
    }
}
