package dev.threadlens.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.demo.scenarios.ExecutorScenario;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/** The executor scenario: a named pool (kitchen), a pool named by its creation site (the truck). */
class ExecutorIT {

    private static final RunCache RUNS = new RunCache();
    private static final String NAME = "jvm_executor_name";

    @AfterAll
    static void forget() {
        RUNS.clear();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void executorShowsFuturesChainsFailureAndRejection(Jdk jdk) throws Exception {
        DemoRun run = executor(jdk);
        assertTrue(run.hasLine("waiter: ordered soup; isDone\\(\\) = false"), run.output());
        assertTrue(run.hasLine("waiter: get\\(\\) waits for it: soup; isDone\\(\\) = true"), run.output());
        assertTrue(run.hasLine("nobody blocked on the way: pasta with sauce and lemonade"), run.output());
        assertTrue(run.hasLine("rethrows the task's failure: java.lang.IllegalStateException: burnt the toast"));
        assertTrue(run.hasLine("food truck: 8 customers at once, 4 served or queued, 4 turned away"), run.output());
        long[] totals = totals(run);
        assertTrue(totals[4] >= 4, "rejections\n" + run.output());
    }

    @Tag(Features.EXECUTORS)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void executorTaskCountsMatchWhatTheAppDid(Jdk jdk) throws Exception {
        DemoRun run = executor(jdk);
        long[] totals = totals(run); // submitted, completed, failed, truck accepted, truck rejected
        Metrics end = run.end();
        String kitchen = executorName(end, "jvm_executor_task_submitted_total", n -> n.contains("kitchen"));
        String truck = executorName(end, "jvm_executor_task_rejected_total",
                n -> n.contains(ExecutorScenario.class.getName()));
        assertEquals(totals[0], end.value("jvm_executor_task_submitted_total", NAME, kitchen),
                "every submit, execute and async stage on the kitchen" + Samples.show(end, "jvm_executor_task"));
        assertEquals(totals[2], end.value("jvm_executor_task_failed_total", NAME, kitchen), "the burnt toast");
        double completed = end.value("jvm_executor_task_completed_total", NAME, kitchen);
        assertTrue(completed == totals[1] || completed == totals[0],
                "completed counts the successful tasks (or all finished ones): " + completed);
        assertEquals(0, end.valueOrZero("jvm_executor_task_rejected_total", NAME, kitchen));
        assertEquals(totals[4], end.value("jvm_executor_task_rejected_total", NAME, truck),
                "every customer turned away" + Samples.show(end, "jvm_executor_task_rejected"));
        assertTrue(end.value("jvm_executor_task_queue_wait_seconds_count", NAME, kitchen) >= 1);
        assertTrue(end.value("jvm_executor_task_duration_seconds_count", NAME, kitchen) >= 1);
    }

    @Tag(Features.EXECUTORS)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void executorSaturationGaugesWhileRunning(Jdk jdk) throws Exception {
        DemoRun run = executor(jdk);
        int truckSeen = 0;
        boolean kitchenSeen = false;
        for (DemoRun.Scrape s : run.scrapes()) {
            Metrics m = s.metrics;
            for (Metrics.Sample limit : m.samples("jvm_executor_thread_limit")) {
                String name = limit.label(NAME);
                if (name.contains(ExecutorScenario.class.getName())) {
                    truckSeen++;
                    assertEquals(2, limit.value, "the truck has 2 cooks");
                    assertEquals(2, m.value("jvm_executor_queue_capacity", NAME, name), "and 2 places in its queue");
                    double queued = m.value("jvm_executor_queue_size", NAME, name);
                    assertTrue(queued >= 0 && queued <= 2, "queue size " + queued);
                }
            }
            kitchenSeen |= m.samples("jvm_executor_thread_count").stream().anyMatch(t -> t.label(NAME).contains("kitchen"));
        }
        assertTrue(truckSeen >= 3, "the truck's gauges over several scrapes" + Samples.show(run.end(), "jvm_executor_"));
        assertTrue(kitchenSeen, "the kitchen's thread gauge" + Samples.show(run.end(), "jvm_executor_thread"));
    }

    private static String executorName(Metrics m, String metric, java.util.function.Predicate<String> which) {
        List<String> names = m.samples(metric).stream().map(s -> s.label(NAME)).filter(which).distinct()
                .collect(Collectors.toList());
        assertFalse(names.isEmpty(), "no such executor in " + Samples.show(m, metric));
        assertEquals(1, names.size(), "one executor: " + names);
        return names.get(0);
    }

    private static long[] totals(DemoRun run) {
        return run.numbers("kitchen: (\\d+) tasks submitted, (\\d+) completed, (\\d+) failed; food truck: (\\d+) "
                + "accepted, (\\d+) rejected");
    }

    private static DemoRun executor(Jdk jdk) throws Exception {
        return RUNS.get(jdk, "executor", "--duration", "4s");
    }
}
