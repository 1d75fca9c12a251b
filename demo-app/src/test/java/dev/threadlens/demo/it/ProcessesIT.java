package dev.threadlens.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/** The processes scenario: child JVMs through pipes versus threads sharing memory. */
class ProcessesIT {

    private static final RunCache RUNS = new RunCache();

    @AfterAll
    static void forget() {
        RUNS.clear();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void childProcessesHaveTheirOwnMemoryAndAgreeWithThreads(Jdk jdk) throws Exception {
        DemoRun run = processes(jdk);
        long[] pids = run.numbers("2 child JVMs up and answering after \\d+ ms \\(pids \\[(\\d+), (\\d+)\\]\\)");
        assertNotEquals(pids[0], pids[1]);
        assertNotEquals(run.pid(), pids[0], "a child is another process");
        assertTrue(run.hasLine("child 1 counted its visits: 'visits 3'; this JVM's own counter is still 0"), run.output());
        assertTrue(run.hasLine("3 threads each visited once: this JVM's counter is 3"), run.output());
        assertTrue(run.hasLine("processes and threads agree every round: true \\(78498 primes below 1000000\\)"),
                run.output());
        long threads = run.number("started (\\d+) threads in this JVM");
        Metrics end = run.end();
        assertEquals(threads, Samples.started(end, false, false),
                "only this JVM's threads; the children's are in other JVMs" + Samples.show(end, "jvm_thread_started"));
    }

    @Tag(Features.JFR)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void readingThePipesIsIoTime(Jdk jdk) throws Exception {
        Metrics end = processes(jdk).end();
        assertTrue(end.sum("jvm_thread_time_seconds_total", "cause", "io") > 0,
                "main blocked reading the children's answers" + Samples.show(end, "jvm_thread_time_seconds_total"));
    }

    private static DemoRun processes(Jdk jdk) throws Exception {
        return RUNS.get(jdk, "processes", "--duration", "3s");
    }
}
