package dev.threadlens.demo.it;

import static dev.threadlens.demo.it.Samples.SYNC_SITE;
import static dev.threadlens.demo.it.Samples.sumAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.demo.scenarios.ConditionScenario;
import dev.threadlens.demo.scenarios.EventScenario;
import dev.threadlens.demo.scenarios.QueueScenario;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/** Signalling between threads: event, condition, queue. */
class SignalsIT {

    private static final RunCache RUNS = new RunCache();
    private static final String WAITS = "jvm_sync_wait_seconds_count";

    @AfterAll
    static void forget() {
        RUNS.clear();
    }

    // --- event

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void eventReleasesEveryWaiterOnOneSignal(Jdk jdk) throws Exception {
        DemoRun run = event(jdk);
        for (int i = 1; i <= 3; i++) {
            assertTrue(run.hasLine("runner-" + i + ": off, \\d+ ms after the gun"), run.output());
        }
        assertTrue(run.lineIndex("starter: bang") < run.lineIndex("runner-\\d: off"), "nobody starts before the gun");
        long[] crossings = run.numbers("the cars crossed \\[(\\d+), (\\d+)\\] times");
        assertTrue(crossings[0] > 0 && crossings[1] > 0, "the light turned green for both cars\n" + run.output());
    }

    @Tag(Features.LOCKS)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void eventLatchWaitsAndTheSignal(Jdk jdk) throws Exception {
        Metrics end = event(jdk).end();
        assertTrue(sumAt(end, WAITS, SYNC_SITE, EventScenario.class, "jvm_sync_type", "latch") >= 3,
                "the three runners" + Samples.show(end, WAITS));
        assertTrue(sumAt(end, "jvm_sync_signals_total", SYNC_SITE, EventScenario.class, "jvm_sync_type", "latch",
                "kind", "count_down") >= 1, Samples.show(end, "jvm_sync_signals_total"));
    }

    @Tag(Features.JFR)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void eventResettableWaitsAreObjectWaits(Jdk jdk) throws Exception {
        Metrics end = event(jdk).end();
        assertTrue(sumAt(end, WAITS, SYNC_SITE, EventScenario.class, "jvm_sync_type", "object_wait") >= 1,
                "cars waiting for green" + Samples.show(end, WAITS));
    }

    private static DemoRun event(Jdk jdk) throws Exception {
        return RUNS.get(jdk, "event", "--duration", "4s");
    }

    // --- condition

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void conditionPacksEveryLoafOnce(Jdk jdk) throws Exception {
        DemoRun run = condition(jdk);
        long[] counts = run.numbers("baked (\\d+) loaves, packed (\\d+) \\(every loaf exactly once: true\\)");
        assertTrue(counts[0] > 0, run.output());
        assertEquals(counts[0], counts[1]);
    }

    @Tag(Features.LOCKS)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void conditionAwaitsAndSignals(Jdk jdk) throws Exception {
        Metrics end = condition(jdk).end();
        assertTrue(sumAt(end, WAITS, SYNC_SITE, ConditionScenario.class, "jvm_sync_type", "condition") >= 2,
                "the baker on 'not full', the packers on 'not empty'" + Samples.show(end, WAITS));
        assertTrue(sumAt(end, "jvm_sync_signals_total", SYNC_SITE, ConditionScenario.class, "jvm_sync_type",
                "condition", "kind", "signal") >= 1, Samples.show(end, "jvm_sync_signals_total"));
    }

    private static DemoRun condition(Jdk jdk) throws Exception {
        return RUNS.get(jdk, "condition", "--duration", "4s");
    }

    // --- queue

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void queueCooksEveryOrderOnce(Jdk jdk) throws Exception {
        DemoRun run = queue(jdk);
        long[] counts = run.numbers("took (\\d+) orders, cooked (\\d+) \\(every order exactly once: true\\)");
        assertTrue(counts[0] >= 20, run.output());
        assertEquals(counts[0], counts[1]);
    }

    @Tag(Features.LOCKS)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void queueWaitsAreInsideTheQueue(Jdk jdk) throws Exception {
        Metrics end = queue(jdk).end();
        assertTrue(sumAt(end, WAITS, SYNC_SITE, QueueScenario.class, "jvm_sync_type", "queue") >= 1,
                "take() on an empty queue, put() on a full one" + Samples.show(end, WAITS));
    }

    private static DemoRun queue(Jdk jdk) throws Exception {
        return RUNS.get(jdk, "queue", "--duration", "4s");
    }
}
