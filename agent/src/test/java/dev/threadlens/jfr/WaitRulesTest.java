package dev.threadlens.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class WaitRulesTest {

    @Test
    void theProbesOwnTheJdkLocksConditionsLatchesAndFutures() {
        for (String probed : new String[] {"java.util.concurrent.locks.ReentrantLock$NonfairSync",
            "java.util.concurrent.locks.ReentrantLock$FairSync", "java.util.concurrent.locks.ReentrantReadWriteLock$NonfairSync",
            "java.util.concurrent.locks.StampedLock", "java.util.concurrent.Semaphore$NonfairSync",
            "java.util.concurrent.CountDownLatch$Sync", "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject",
            "java.util.concurrent.FutureTask", "java.util.concurrent.CompletableFuture$Signaller"}) {
            assertTrue(WaitRules.isProbedBlocker(probed), probed);
        }
        for (String jfrOnly : new String[] {"java.util.concurrent.SynchronousQueue$TransferStack",
            "java.util.concurrent.SynchronousQueue$Transferer", "java.util.concurrent.LinkedTransferQueue",
            "java.util.concurrent.ForkJoinPool", "com.example.Gate"}) {
            assertFalse(WaitRules.isProbedBlocker(jfrOnly), jfrOnly);
        }
        assertFalse(WaitRules.isProbedBlocker(null), "a park without a blocker is JFR's");
    }

    @Test
    void locksAreMutualExclusionEverythingElseIsASignal() {
        assertTrue(WaitRules.isLockBlocker("java.util.concurrent.Semaphore$FairSync"));
        assertTrue(WaitRules.isLockBlocker("java.util.concurrent.locks.StampedLock"));
        assertFalse(WaitRules.isLockBlocker("java.util.concurrent.CountDownLatch$Sync"));
        assertFalse(WaitRules.isLockBlocker(null));
    }

    @Test
    void waitTypesUseTheMetricVocabulary() {
        assertEquals("reentrant_lock", WaitRules.waitType("java.util.concurrent.locks.ReentrantLock$NonfairSync"));
        assertEquals("read_write_lock", WaitRules.waitType("java.util.concurrent.locks.ReentrantReadWriteLock$FairSync"));
        assertEquals("semaphore", WaitRules.waitType("java.util.concurrent.Semaphore$NonfairSync"));
        assertEquals("condition", WaitRules.waitType("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject"));
        assertEquals("latch", WaitRules.waitType("java.util.concurrent.CountDownLatch$Sync"));
        assertEquals("future", WaitRules.waitType("java.util.concurrent.CompletableFuture$Signaller"));
        assertEquals("queue", WaitRules.waitType("java.util.concurrent.SynchronousQueue$TransferStack"));
        assertEquals("park", WaitRules.waitType("com.example.Gate"));
        assertEquals("park", WaitRules.waitType(null));
    }

    @Test
    void ioIsANativeSocketFileOrSelectorCall() {
        assertTrue(WaitRules.isIoFrame("sun.nio.ch.SocketDispatcher", "read0", true));
        assertTrue(WaitRules.isIoFrame("sun.nio.ch.EPoll", "wait", true));
        assertTrue(WaitRules.isIoFrame("java.io.FileInputStream", "readBytes", true));
        assertFalse(WaitRules.isIoFrame("sun.nio.ch.SocketDispatcher", "read", false), "Java code is running");
        assertFalse(WaitRules.isIoFrame("java.lang.Thread", "yield0", true));
    }
}
