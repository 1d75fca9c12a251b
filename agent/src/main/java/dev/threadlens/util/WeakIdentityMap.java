package dev.threadlens.util;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A concurrent map from application objects (by identity) to what the agent knows about them,
 * that never keeps a key alive: a lock, pool or task that is garbage leaves nothing behind.
 * Entries of collected keys are removed as the map is used and by {@link #expunge()}.
 */
public final class WeakIdentityMap<K, V> {

    private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
    private final ReferenceQueue<K> collected = new ReferenceQueue<>();

    public V get(K key) {
        return map.get(new Lookup(key));
    }

    public void put(K key, V value) {
        expunge();
        map.put(new WeakKey<>(key, collected), value);
    }

    /** The value for {@code key}, computed and stored once if absent. */
    public V computeIfAbsent(K key, Function<? super K, ? extends V> compute) {
        V v = get(key);
        if (v != null) {
            return v;
        }
        expunge();
        return map.computeIfAbsent(new WeakKey<>(key, collected), k -> compute.apply(key));
    }

    public V remove(K key) {
        return map.remove(new Lookup(key));
    }

    /** Live entries (keys still reachable), in no particular order. */
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<? super K, ? super V> action) {
        for (Map.Entry<Object, V> e : map.entrySet()) {
            K key = ((WeakKey<K>) e.getKey()).get();
            if (key != null) {
                action.accept(key, e.getValue());
            }
        }
    }

    /** The values of live entries. */
    public List<V> values() {
        List<V> values = new ArrayList<>();
        forEach((k, v) -> values.add(v));
        return values;
    }

    /** Drops the entries whose keys were collected; returns how many. */
    public int expunge() {
        int n = 0;
        Object ref;
        while ((ref = collected.poll()) != null) {
            map.remove(ref);
            n++;
        }
        return n;
    }

    /** Entries, including ones whose keys were collected but not yet expunged. */
    public int size() {
        return map.size();
    }

    /** Stored key: weak, equal to any key (weak or lookup) referring to the same object. */
    private static final class WeakKey<K> extends WeakReference<K> {
        private final int hash;

        WeakKey(K referent, ReferenceQueue<K> queue) {
            super(referent, queue);
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            Object mine = get();
            if (mine == null) {
                return false; // collected: equal only to itself, so expunge can remove it
            }
            if (o instanceof WeakKey) {
                return mine == ((WeakKey<?>) o).get();
            }
            return o instanceof Lookup && mine == ((Lookup) o).referent;
        }
    }

    /** Short-lived key for lookups: holds the object strongly, for the length of a call. */
    private static final class Lookup {
        private final Object referent;
        private final int hash;

        Lookup(Object referent) {
            this.referent = referent;
            this.hash = System.identityHashCode(referent);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (o instanceof WeakKey) {
                return ((WeakKey<?>) o).get() == referent;
            }
            return o instanceof Lookup && ((Lookup) o).referent == referent;
        }
    }
}
