package dev.threadlens.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;

import org.junit.jupiter.api.Test;

class ExecutorNamesTest {

    @Test
    void threadNamePrefixDropsTheCounter() {
        assertEquals("orders-worker", ExecutorNames.threadNamePrefix("orders-worker-3"));
        assertEquals("http-nio-8080-exec", ExecutorNames.threadNamePrefix("http-nio-8080-exec-10"));
        assertEquals("scheduler", ExecutorNames.threadNamePrefix("scheduler"));
        assertEquals("worker", ExecutorNames.threadNamePrefix("worker#12"));
        assertEquals("CompletableFutureDelayScheduler", ExecutorNames.threadNamePrefix("CompletableFutureDelayScheduler"));
        assertEquals("my-pool", ExecutorNames.threadNamePrefix("my-pool-"));
    }

    @Test
    void jdkDefaultNamesAndEmptyNamesSayNothing() {
        assertNull(ExecutorNames.threadNamePrefix("pool-7-thread-2"));
        assertNull(ExecutorNames.threadNamePrefix("Thread-12"));
        assertNull(ExecutorNames.threadNamePrefix("ForkJoinPool-3-worker-1"));
        assertNull(ExecutorNames.threadNamePrefix("ForkJoinPool.commonPool-worker-2"));
        assertNull(ExecutorNames.threadNamePrefix(""), "unnamed virtual threads");
        assertNull(ExecutorNames.threadNamePrefix("42"));
    }

    @Test
    void longPrefixesAreCut() {
        String longName = "x".repeat(500) + "-1";
        assertEquals(ExecutorNames.MAX_LENGTH, ExecutorNames.threadNamePrefix(longName).length());
    }

    @Test
    void poolNameFromPrefixThenSite() {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        PoolState s = PoolState.measured(pool, PoolKind.THREAD_POOL, "com.example.App.main(App.java:20)");
        assertNull(ExecutorNames.of(s, pool), "no worker seen yet: the name may still come from it");
        s.threadName = "pool-3-thread-1";
        assertEquals("com.example.App.main(App.java:20)", ExecutorNames.of(s, pool));
        s.threadName = "billing-2";
        assertEquals("billing", ExecutorNames.of(s, pool));
        pool.shutdown();
    }

    @Test
    void commonPoolHasAFixedName() {
        PoolState s = PoolState.measured(ForkJoinPool.commonPool(), PoolKind.FORK_JOIN, "anywhere");
        assertEquals(ExecutorNames.COMMON_POOL, ExecutorNames.of(s, ForkJoinPool.commonPool()));
    }
}
