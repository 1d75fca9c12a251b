package dev.threadlens.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

class JfrStacksTest {

    private static StackInfo stack(String method) {
        return new StackInfo.Builder(true).frame("com.example.App", method, 1, false).build();
    }

    @Test
    void keepsTheMostRecentDistinctStacksPerKey() {
        JfrStacks stacks = new JfrStacks(10);
        for (int i = 0; i < JfrStacks.PER_KEY + 2; i++) {
            stacks.add("monitor site", stack("m" + i), 0.1, 1000 + i);
        }
        stacks.add("monitor site", stack("m5"), 0.3, 2000); // seen again: counted, not duplicated
        List<JfrStacks.JfrStack> recent = stacks.recent("monitor site", 10);
        assertEquals(JfrStacks.PER_KEY, recent.size());
        assertEquals("com.example.App.m5(App.java:1)", recent.get(0).frames().get(0), "newest first");
        assertEquals(2, recent.get(0).count());
        assertEquals(0.4, recent.get(0).totalSeconds(), 1e-9);
        assertEquals(1, stacks.recent("monitor site", 1).size());
    }

    @Test
    void theNumberOfKeysIsCapped() {
        JfrStacks stacks = new JfrStacks(3);
        for (int i = 0; i < 10; i++) {
            stacks.add("key" + i, stack("m"), 0.1, 1);
        }
        assertEquals(3, stacks.keys().size());
        assertEquals(List.of(), stacks.recent("key9", 5));
    }
}
