package dev.threadlens.jfr.time;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PoolLabelsTest {

    @Test
    void stripsTheTrailingNumberAndSeparators() {
        assertEquals("http-nio-8080-exec", PoolLabels.strip("http-nio-8080-exec-12"));
        assertEquals("pool-2-thread", PoolLabels.strip("pool-2-thread-7"));
        assertEquals("ForkJoinPool.commonPool-worker", PoolLabels.strip("ForkJoinPool.commonPool-worker-3"));
        assertEquals("main", PoolLabels.strip("main"));
        assertEquals("Thread", PoolLabels.strip("Thread-0"));
        assertEquals("grpc-default-executor", PoolLabels.strip("grpc-default-executor-0"));
        assertEquals("worker", PoolLabels.strip("worker #3"));
        assertEquals("42", PoolLabels.strip("42"), "only a number: a thread of its own");
        assertEquals("unnamed", PoolLabels.strip(""));
        assertEquals("unnamed", PoolLabels.strip(null));
    }

    @Test
    void theNumberOfPoolsIsCapped() {
        PoolLabels pools = new PoolLabels();
        for (int i = 0; i < PoolLabels.MAX_POOLS; i++) {
            assertEquals("pool" + (char) ('a' + i % 26) + i / 26 + "x", pools.of("pool" + (char) ('a' + i % 26) + i / 26 + "x-1"));
        }
        assertEquals(PoolLabels.OTHER, pools.of("one-too-many-1"));
        assertEquals("poola0x", pools.of("poola0x-99"), "admitted pools stay");
    }
}
