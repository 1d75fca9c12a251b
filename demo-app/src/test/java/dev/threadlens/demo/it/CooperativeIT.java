package dev.threadlens.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.demo.scenarios.CooperativeScenario;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/** Cooperative multitasking: one thread for many tasks, and virtual threads on JDK 21+. */
class CooperativeIT {

    private static final RunCache RUNS = new RunCache();

    @AfterAll
    static void forget() {
        RUNS.clear();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void tasksInterleaveOnOneThread(Jdk jdk) throws Exception {
        DemoRun run = cooperative(jdk);
        assertTrue(run.hasLine("\\[typist\\] typed so far: 'hello, threadlens'"), run.output());
        assertTrue(run.hasLine("\\[crunch\\] 100% done"), run.output());
        assertTrue(run.lineIndex("\\[typist\\] typed so far") < run.lineIndex("\\[crunch\\] 100% done"),
                "the typist was served while the computation was still going\n" + run.output());
        assertTrue(run.hasLine("every step of both tasks ran on \\[event-loop\\]$"), run.output());
        long virtual = run.number("started (\\d+) virtual threads");
        Metrics end = run.end();
        assertEquals(virtual, Samples.started(end, true, true), Samples.show(end, "jvm_thread_started"));
        if (jdk.hasVirtualThreads()) {
            assertTrue(virtual >= 1_002, "a round of 1000 and the two pinned ones\n" + run.output());
            assertTrue(run.hasLine("virtual threads: \\d+ rounds of 1000, each sleeping 3 times, ran on \\d+ carrier"));
        } else {
            assertEquals(0, virtual);
            assertTrue(run.hasLine("virtual threads need JDK 21 or newer; this is JDK 17: skipped"), run.output());
        }
    }

    @Tag(Features.JFR)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#withVirtualThreads")
    void pinnedVirtualThreadsAreReported(Jdk jdk) throws Exception {
        Metrics end = cooperative(jdk).end();
        assertTrue(Samples.sumAt(end, "jvm_thread_virtual_pinned_seconds_count", Samples.SYNC_SITE,
                CooperativeScenario.class) >= 1, "the class initializer that sleeps pins on every JDK 21+"
                        + Samples.show(end, "jvm_thread_virtual_pinned"));
    }

    private static DemoRun cooperative(Jdk jdk) throws Exception {
        return RUNS.get(jdk, "cooperative", "--duration", "4s");
    }
}
