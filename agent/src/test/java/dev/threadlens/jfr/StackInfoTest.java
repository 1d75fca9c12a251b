package dev.threadlens.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class StackInfoTest {

    private static StackInfo stack(String... frames) {
        StackInfo.Builder b = new StackInfo.Builder(true);
        for (String f : frames) {
            int dot = f.lastIndexOf('.');
            b.frame(f.substring(0, dot), f.substring(dot + 1), 10, false);
        }
        return b.build();
    }

    @Test
    void formatsFramesLikeStackTraceElementsWithTheFileFromTheClass() {
        assertEquals("com.example.Bank$Account.post(Bank.java:42)",
                StackInfo.format("com.example.Bank$Account", "post", 42, false));
        assertEquals("Top.run(Top.java)", StackInfo.format("Top", "run", -1, false));
        assertEquals("jdk.internal.misc.Unsafe.park(Native Method)",
                StackInfo.format("jdk.internal.misc.Unsafe", "park", -1, true));
    }

    @Test
    void theSiteIsTheFirstApplicationFrameSkippingLambdaClasses() {
        StackInfo s = stack("jdk.internal.misc.Unsafe.park", "java.util.concurrent.locks.LockSupport.park",
                "com.example.Shop$$Lambda$14/0x0000000800c0b000.run", "com.example.Shop.checkout", "java.lang.Thread.run");
        assertEquals("com.example.Shop.checkout(Shop.java:10)", s.applicationFrame());
        assertEquals(s.applicationFrame(), s.site());
        assertEquals(4, s.frames().size(), "hidden frames are left out: " + s.frames());
        assertEquals("jdk.internal.misc.Unsafe.park(Unsafe.java:10)", s.frames().get(0));
    }

    @Test
    void withoutAnApplicationFrameTheSiteIsTheTopFrame() {
        StackInfo s = stack("java.lang.Object.wait", "java.lang.ref.ReferenceQueue.remove");
        assertNull(s.applicationFrame());
        assertEquals("java.lang.Object.wait(Object.java:10)", s.site());
        assertEquals("unknown", StackInfo.EMPTY.site());
    }

    @Test
    void recognisesIdleWorkersOnEveryJdk() {
        assertTrue(stack("java.util.concurrent.locks.LockSupport.parkNanos",
                "java.util.concurrent.LinkedTransferQueue$DualNode.await",
                "java.util.concurrent.SynchronousQueue$Transferer.xferLifo", "java.util.concurrent.SynchronousQueue.poll",
                "java.util.concurrent.ThreadPoolExecutor.getTask", "java.util.concurrent.ThreadPoolExecutor.runWorker")
                .executorIdle());
        assertTrue(stack("java.util.concurrent.locks.LockSupport.parkUntil", "java.util.concurrent.ForkJoinPool.awaitWork",
                "java.util.concurrent.ForkJoinPool.runWorker").executorIdle());
        assertTrue(stack("java.lang.Object.wait0", "java.lang.Object.wait", "java.util.TimerThread.mainLoop",
                "java.util.TimerThread.run").executorIdle(), "a Timer waiting for its next task");
        assertFalse(stack("java.lang.Thread.sleep", "com.example.Task.run", "java.util.TimerThread.mainLoop")
                .executorIdle(), "a TimerTask that sleeps is not idle");
        assertFalse(stack("java.util.concurrent.locks.LockSupport.park", "com.example.Task.call",
                "java.util.concurrent.ThreadPoolExecutor.runWorker").executorIdle(), "a task running in a pool");
    }

    @Test
    void recognisesSleepJoinAndAqs() {
        assertTrue(stack("java.lang.Thread.sleep").sleep());
        assertTrue(stack("java.lang.Thread.sleepNanos0", "java.lang.Thread.sleepNanos", "java.lang.Thread.sleep").sleep());
        assertTrue(stack("java.lang.Object.wait", "java.lang.Thread.join", "com.example.Main.main").join());
        assertTrue(stack("java.util.concurrent.locks.LockSupport.park",
                "java.util.concurrent.locks.AbstractQueuedLongSynchronizer.acquire").aqs(), "read-write locks on JDK 25");
        assertFalse(stack("java.util.concurrent.locks.LockSupport.park", "com.example.Main.main").aqs());
    }

    @Test
    void factsOnlyKeepsNoText() {
        StackInfo.Builder b = StackInfo.Builder.factsOnly();
        b.frame("java.lang.Thread", "sleep", -1, true).frame("com.example.Main", "main", 3, false);
        StackInfo s = b.build();
        assertTrue(s.sleep());
        assertNull(s.applicationFrame());
        assertEquals(List.of(), s.frames());
    }
}
