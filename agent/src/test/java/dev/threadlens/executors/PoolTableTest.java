package dev.threadlens.executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

class PoolTableTest {

    @Test
    void findsPoolsByIdentityAndKeepsTheFirstStateAdded() {
        PoolTable table = new PoolTable();
        List<ExecutorService> pools = new ArrayList<>();
        for (int i = 0; i < 100; i++) { // forces several rebuilds
            ExecutorService p = Executors.newFixedThreadPool(1);
            pools.add(p);
            PoolState s = PoolState.measured(p, PoolKind.of(p), "site" + i);
            assertSame(s, table.add(s));
            assertSame(s, table.add(PoolState.measured(p, PoolKind.of(p), "other")), "the first state wins");
        }
        for (int i = 0; i < pools.size(); i++) {
            assertEquals("site" + i, table.get(pools.get(i)).site);
        }
        assertNull(table.get(new Object()));
        assertEquals(100, table.live().size());
        pools.forEach(ExecutorService::shutdown);
    }

    @Test
    void collectedPoolsAreReportedOnceThenForgotten() throws Exception {
        PoolTable table = new PoolTable();
        Object kept = new Object();
        table.add(PoolState.measured(kept, PoolKind.THREAD_PER_TASK, "kept"));
        for (int i = 0; i < 10; i++) {
            table.add(PoolState.measured(new Object(), PoolKind.THREAD_PER_TASK, "dropped"));
        }
        List<PoolState> dead = new ArrayList<>();
        for (int attempt = 0; attempt < 50 && dead.size() < 10; attempt++) {
            System.gc();
            Thread.sleep(20);
            table.expunge(dead::add);
        }
        assertEquals(10, dead.size(), "every collected pool is handed over, with its totals");
        assertTrue(dead.stream().allMatch(s -> s.site.equals("dropped")));
        table.expunge(s -> dead.add(null));
        assertEquals(10, dead.size(), "and only once");
        assertEquals(1, table.live().size());
        assertSame(kept, table.live().get(0).get());
    }

    @Test
    void kindsOfPools() {
        ExecutorService fixed = Executors.newFixedThreadPool(1);
        ExecutorService scheduled = Executors.newScheduledThreadPool(1);
        ExecutorService forkJoin = new java.util.concurrent.ForkJoinPool(1);
        assertEquals(PoolKind.THREAD_POOL, PoolKind.of(fixed));
        assertEquals(PoolKind.SCHEDULED, PoolKind.of(scheduled));
        assertEquals(PoolKind.FORK_JOIN, PoolKind.of(forkJoin));
        fixed.shutdown();
        scheduled.shutdown();
        forkJoin.shutdown();
    }
}
