package dev.threadlens.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {

    /** Equal by value, so an identity map must still tell them apart. */
    private static final class Key {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    @Test
    void keysAreComparedByIdentity() {
        WeakIdentityMap<Key, String> map = new WeakIdentityMap<>();
        Key a = new Key();
        Key b = new Key();
        map.put(a, "a");
        map.put(b, "b");
        assertEquals("a", map.get(a));
        assertEquals("b", map.get(b));
        assertSame(map.computeIfAbsent(a, k -> "other"), map.get(a));
        assertEquals("a", map.remove(a));
        assertNull(map.get(a));
    }

    @Test
    void collectedKeysLeaveNothingBehind() throws Exception {
        WeakIdentityMap<Object, String> map = new WeakIdentityMap<>();
        List<Object> kept = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Object key = new Object();
            map.put(key, "v" + i);
            if (i % 100 == 0) {
                kept.add(key);
            }
        }
        long deadline = System.currentTimeMillis() + 10_000;
        while (map.size() > kept.size() && System.currentTimeMillis() < deadline) {
            System.gc();
            Thread.sleep(20);
            map.expunge();
        }
        assertEquals(kept.size(), map.size(), "only reachable keys remain");
        assertEquals(kept.size(), map.values().size());
        for (Object k : kept) {
            assertTrue(map.get(k).startsWith("v"));
        }
    }
}
