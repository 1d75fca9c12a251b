package dev.threadlens.jfr.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ThreadDumpDeadlocksTest {

    /** The end of a JDK 17 {@code Thread.print} with one monitor and one ReentrantLock deadlock. */
    private static final String DUMP = String.join("\n",
            "\"main\" #1 prio=5 os_prio=0 cpu=80.20ms elapsed=4.30s tid=0x00007f nid=0x4ecd waiting on condition",
            "   java.lang.Thread.State: TIMED_WAITING (sleeping)",
            "",
            "JNI global refs: 23, weak refs: 3",
            "",
            "",
            "Found one Java-level deadlock:",
            "=============================",
            "\"alpha\":",
            "  waiting to lock monitor 0x00007f6028001620 (object 0x000000069ed27fe0, a java.lang.Object),",
            "  which is held by \"beta\"",
            "",
            "\"beta\":",
            "  waiting to lock monitor 0x00007f6024001ac0 (object 0x000000069ed27fd0, a com.example.Account),",
            "  which is held by \"alpha\"",
            "",
            "Java stack information for the threads listed above:",
            "===================================================",
            "\"alpha\":",
            "\tat Dead.lambda$main$0(Dead.java:5)",
            "\t- waiting to lock <0x000000069ed27fe0> (a java.lang.Object)",
            "\t- locked <0x000000069ed27fd0> (a com.example.Account)",
            "\tat java.lang.Thread.run(java.base@17.0.15/Thread.java:840)",
            "\"beta\":",
            "\tat Dead.lambda$main$1(Dead.java:6)",
            "\tat java.lang.Thread.run(java.base@17.0.15/Thread.java:840)",
            "",
            "Found one Java-level deadlock:",
            "=============================",
            "\"gamma worker\":",
            "  waiting for ownable synchronizer 0x000000069ed2c6e8, (a java.util.concurrent.locks.ReentrantLock$NonfairSync),",
            "  which is held by \"delta\"",
            "",
            "\"delta\":",
            "  waiting for ownable synchronizer 0x000000069ed2c6b8, (a java.util.concurrent.locks.ReentrantLock$NonfairSync),",
            "  which is held by \"gamma worker\"",
            "",
            "Java stack information for the threads listed above:",
            "===================================================",
            "\"gamma worker\":",
            "\tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)",
            "\t- parking to wait for  <0x000000069ed2c6e8> (a java.util.concurrent.locks.ReentrantLock$NonfairSync)",
            "\"delta\":",
            "\tat jdk.internal.misc.Unsafe.park(java.base@17.0.15/Native Method)",
            "",
            "Found 2 deadlocks.",
            "");

    @Test
    void readsEveryCycleWithWhoWaitsForWhat() {
        List<ThreadDumpDeadlocks.Cycle> cycles = ThreadDumpDeadlocks.parse(DUMP);
        assertEquals(2, cycles.size());

        ThreadDumpDeadlocks.Cycle monitors = cycles.get(0);
        assertEquals("monitor", monitors.kind());
        assertEquals("alpha|beta", monitors.key());
        ThreadDumpDeadlocks.Member alpha = monitors.members().get(0);
        assertEquals("alpha", alpha.thread());
        assertEquals("java.lang.Object", alpha.waitsFor());
        assertEquals("beta", alpha.heldBy());
        assertEquals(List.of("at Dead.lambda$main$0(Dead.java:5)", "- waiting to lock <0x000000069ed27fe0> (a java.lang.Object)",
                "- locked <0x000000069ed27fd0> (a com.example.Account)",
                "at java.lang.Thread.run(java.base@17.0.15/Thread.java:840)"), alpha.stack());
        assertEquals("com.example.Account", monitors.members().get(1).waitsFor());

        ThreadDumpDeadlocks.Cycle locks = cycles.get(1);
        assertEquals("lock", locks.kind());
        assertEquals("gamma worker", locks.members().get(0).thread());
        assertEquals("java.util.concurrent.locks.ReentrantLock$NonfairSync", locks.members().get(0).waitsFor());
        assertEquals("gamma worker", locks.members().get(1).heldBy());
        assertEquals(2, locks.members().get(0).stack().size());
    }

    @Test
    void aDumpWithoutADeadlockHasNone() {
        assertTrue(ThreadDumpDeadlocks.parse("\"main\" #1 prio=5\n   java.lang.Thread.State: RUNNABLE\n").isEmpty());
        assertTrue(ThreadDumpDeadlocks.parse(null).isEmpty());
    }
}
