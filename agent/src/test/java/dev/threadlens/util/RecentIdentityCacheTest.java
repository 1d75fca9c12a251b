package dev.threadlens.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RecentIdentityCacheTest {

    @Test
    void findsByIdentityNotEquality() {
        RecentIdentityCache<String> cache = new RecentIdentityCache<>(64);
        String key = new String("lock");
        cache.put(key, "a lock");
        assertEquals("a lock", cache.get(key));
        assertNull(cache.get(new String("lock")), "an equal but different object is another key");
    }

    @Test
    void aSlotHoldsTheLatestKeyOnly() {
        RecentIdentityCache<Integer> cache = new RecentIdentityCache<>(1);
        Object first = new Object();
        Object second = new Object();
        cache.put(first, 1);
        cache.put(second, 2);
        assertNull(cache.get(first), "replaced: the caller falls back to its map");
        assertEquals(2, cache.get(second));
    }

    @Test
    void sizeMustBeAPowerOfTwo() {
        assertThrows(IllegalArgumentException.class, () -> new RecentIdentityCache<>(100));
    }
}
