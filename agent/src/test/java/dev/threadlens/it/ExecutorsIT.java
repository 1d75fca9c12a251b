package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.ExecutorApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Json;
import dev.threadlens.testkit.Metrics;

/**
 * Executors measured without wrapping (premain), on every JDK: queue wait, run time, thread
 * gauges and saturation of a fixed pool; rejections under several policies; failures however a
 * task fails; lateness of scheduled tasks; the common pool behind CompletableFuture; the
 * virtual-thread-per-task executor; names; pools that are gone; future waits; the idle context.
 *
 * <p>No assertion depends on how fast the machine is: times are only compared with lower bounds
 * that sleeping and FIFO order guarantee, and counts that settle after a task ends are awaited.
 */
class ExecutorsIT {

    private static final String SUBMITTED = "jvm_executor_task_submitted_total";
    private static final String COMPLETED = "jvm_executor_task_completed_total";
    private static final String FAILED = "jvm_executor_task_failed_total";
    private static final String REJECTED = "jvm_executor_task_rejected_total";
    private static final String QUEUE_WAIT = "jvm_executor_task_queue_wait_seconds";
    private static final String DURATION = "jvm_executor_task_duration_seconds";
    private static final String LATENESS = "jvm_executor_task_lateness_seconds";
    private static final String FIXED_SITE = ExecutorApp.class.getName() + ".newFixedPool(";
    private static final String FORK_JOIN_SITE = ExecutorApp.class.getName() + ".newForkJoinPool(";
    private static final String VIRTUAL_SITE = ExecutorApp.class.getName() + ".newVirtualPerTask(";
    private static final Duration SETTLE = Duration.ofSeconds(60);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void fixedPoolOfTwoQueuesEightOfTenTasks(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            app.command("fixed f 2");
            app.command("gate");
            app.command("submit f 10 200 gated");
            app.command("started f 2");

            // Busy: both threads hold a task at the gate, eight wait in the queue.
            Metrics busy = app.scrape();
            String name = nameStartingWith(busy, FIXED_SITE);
            String[] pool = {"jvm_executor_name", name, "jvm_executor_type", "thread_pool"};
            assertEquals(2, busy.value("jvm_executor_thread_count", with(pool, "jvm_executor_thread_state", "active")),
                    busy.grep("jvm_executor_thread_count"));
            assertEquals(0, busy.value("jvm_executor_thread_count", with(pool, "jvm_executor_thread_state", "idle")));
            assertEquals(8, busy.value("jvm_executor_queue_size", pool));
            assertEquals(2, busy.value("jvm_executor_thread_limit", pool));
            assertEquals(Integer.MAX_VALUE, busy.value("jvm_executor_queue_capacity", pool));
            assertEquals(10, busy.value(SUBMITTED, pool));
            assertEquals("gauge", busy.type("jvm_executor_thread_count"));
            Map<String, Object> json = executor(app, name);
            assertEquals(Boolean.TRUE, json.get("saturated"), json.toString());
            assertEquals(8, Json.number(json, "queueSize"));
            assertEquals(2, Json.number(json, "active"));
            assertEquals(2, Json.number(json, "core"));
            assertEquals(2, Json.number(json, "max"));

            app.command("open");
            app.command("await f");
            Metrics done = settle(app, "10 completed", m -> m.valueOrZero(COMPLETED, pool) == 10);
            assertEquals(10, done.value(QUEUE_WAIT + "_count", pool), done.grep(QUEUE_WAIT));
            assertEquals(10, done.value(DURATION + "_count", pool));
            assertEquals(0, done.value(DURATION + "_bucket", with(pool, "le", "0.1")), "every task ran 200 ms or more");
            assertTrue(done.value(DURATION + "_sum", pool) >= 2.0, done.grep(DURATION));
            // FIFO behind two threads busy for 200 ms at least per round: the k-th queued task
            // waited at least ceil(k/2) x 200 ms. Later tasks waited longer, bucket by bucket.
            assertTrue(done.value(QUEUE_WAIT + "_bucket", with(pool, "le", "0.1")) <= 2, done.grep(QUEUE_WAIT));
            assertTrue(done.value(QUEUE_WAIT + "_bucket", with(pool, "le", "0.25")) <= 4, done.grep(QUEUE_WAIT));
            assertTrue(done.value(QUEUE_WAIT + "_bucket", with(pool, "le", "0.5")) <= 6, done.grep(QUEUE_WAIT));
            assertTrue(done.value(QUEUE_WAIT + "_sum", pool) >= 2 * (0.2 + 0.4 + 0.6 + 0.8), done.grep(QUEUE_WAIT));
            assertEquals(0, done.value(FAILED, pool));
            assertEquals(0, done.value(REJECTED, pool));
            assertEquals(0, done.value("threadlens_executor_queue_wait_dropped_total"));

            Map<String, Object> after = executor(app, name);
            Map<String, Object> queueWait = Json.object(after.get("queueWait"));
            assertEquals(10, Json.number(queueWait, "count"));
            assertTrue(Json.number(queueWait, "max") >= 0.8, queueWait.toString());
            assertTrue(Json.number(queueWait, "p99") >= Json.number(queueWait, "p50"), queueWait.toString());
            assertEquals(10, Json.number(Json.object(after.get("runTime")), "count"));
            assertEquals(Boolean.FALSE, after.get("saturated"));
            assertEquals(0, Json.number(after, "active"));
            assertNoAgentErrors(done);
        }
    }

    /**
     * Submit times are kept per pool in a ring in submission order, found near where the last
     * task was. These pools start tasks far from that order or queue more than the ring holds:
     * every task must still be timed once, none lost and none left behind.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void everyTaskIsTimedWhateverOrderItStartsIn(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            app.command("gate");
            // Three times deeper than the ring, on one thread.
            app.command("named deep 1 deep-worker");
            app.command("submit deep 1 0 gated");
            app.command("started deep 1");
            app.command("submit deep 3000 0");
            // Newest first.
            app.command("lifo lifo lifo-worker");
            app.command("submit lifo 1 0 gated");
            app.command("started lifo 1");
            app.command("submit lifo 300 0");
            // Four threads feeding a fork/join pool at once: its workers drain one submission
            // queue at a time, so tasks start in runs far apart in submission order.
            app.command("forkjoin fj 2");
            app.command("submit fj 2 0 gated");
            app.command("started fj 2");
            app.command("submit-parallel fj 4 400");
            app.command("open");
            for (String id : List.of("deep", "lifo", "fj")) {
                app.command("await " + id);
            }
            Metrics first = app.scrape();
            String[] deep = {"jvm_executor_name", "deep-worker", "jvm_executor_type", "thread_pool"};
            String[] lifo = {"jvm_executor_name", "lifo-worker", "jvm_executor_type", "thread_pool"};
            String[] fj = {"jvm_executor_name", nameStartingWith(first, FORK_JOIN_SITE), "jvm_executor_type", "fork_join"};
            Metrics m = settle(app, "every task ended", s -> s.valueOrZero(COMPLETED, deep) == 3001
                    && s.valueOrZero(COMPLETED, lifo) == 301 && s.valueOrZero(COMPLETED, fj) == 1602);
            assertEquals(3001, m.value(QUEUE_WAIT + "_count", deep), m.grep(QUEUE_WAIT));
            assertEquals(301, m.value(QUEUE_WAIT + "_count", lifo), m.grep(QUEUE_WAIT));
            assertEquals(1602, m.value(QUEUE_WAIT + "_count", fj), m.grep(QUEUE_WAIT));
            assertEquals(1602, m.value(SUBMITTED, fj));
            assertEquals(0, m.value("threadlens_executor_queue_wait_dropped_total"));
            // The deep pool's tasks queued behind the gate until the test opened it, after at
            // least three commands' round trips: the last ones waited for all the others.
            assertTrue(m.value(QUEUE_WAIT + "_sum", deep) > 0, m.grep(QUEUE_WAIT));
            assertNoAgentErrors(m);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void rejectionsCountWhateverThePolicy(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            for (String policy : List.of("abort", "callerruns", "discard", "discardoldest")) {
                app.command("bounded " + policy + " " + policy);
                app.command("gate");
                app.command("submit " + policy + " 1 0 gated"); // holds the only thread
                app.command("started " + policy + " 1");
                assertEquals("rejected 0", app.ask("overflow " + policy + " 1", "rejected "), "fills the queue of one");
                String reply = app.ask("overflow " + policy + " 3", "rejected ");
                assertEquals(policy.equals("abort") ? "rejected 3" : "rejected 0", reply, "exceptions the caller saw");
                app.command("open");
                app.command("await " + policy);
            }
            Metrics m = app.scrape();
            for (String policy : List.of("abort", "callerruns", "discard", "discardoldest")) {
                String[] pool = {"jvm_executor_name", "bounded-" + policy, "jvm_executor_type", "thread_pool"};
                assertEquals(3, m.value(REJECTED, pool), policy + ": " + m.grep(REJECTED));
            }
            // Each pool ran two tasks: the one at the gate and the one left in the queue (for
            // discard-oldest, the last one offered). Tasks run by the caller are rejections.
            Metrics settled = settle(app, "every pool idle", s -> List.of("abort", "callerruns", "discard", "discardoldest")
                    .stream().allMatch(p -> s.valueOrZero(COMPLETED, "jvm_executor_name", "bounded-" + p) == 2));
            String[] abort = {"jvm_executor_name", "bounded-abort", "jvm_executor_type", "thread_pool"};
            assertEquals(5, settled.value(SUBMITTED, abort), "rejected submissions are submissions too");
            assertEquals(2, settled.value(QUEUE_WAIT + "_count", abort));
            assertEquals(0, settled.value("threadlens_executor_queue_wait_dropped_total"),
                    "discarded and rejected tasks leave no timing entry behind");
            assertNoAgentErrors(settled);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void failedTasksCountAsFailedHoweverTheyFail(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            app.command("named fl 1 failing");
            app.command("execute-fail fl"); // kills its worker
            app.command("submit-fail fl"); // the FutureTask keeps the exception
            app.command("cf-fail fl"); // supplyAsync on the pool: the CompletableFuture keeps it
            app.command("submit fl 2 0");
            app.command("await fl");
            String[] pool = {"jvm_executor_name", "failing", "jvm_executor_type", "thread_pool"};
            Metrics m = settle(app, "6 tasks ended", s -> s.valueOrZero(FAILED, pool) + s.valueOrZero(COMPLETED, pool) == 6);
            assertEquals(3, m.value(FAILED, pool), m.grep("jvm_executor_task_"));
            assertEquals(3, m.value(COMPLETED, pool), "the no-op after execute-fail and two plain tasks");
            assertEquals(6, m.value(SUBMITTED, pool));
            assertEquals(6, m.value(DURATION + "_count", pool));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void namedThreadFactoryNamesThePool(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            app.command("named orders 2 orders-worker");
            app.command("submit orders 3 0");
            app.command("await orders");
            String[] pool = {"jvm_executor_name", "orders-worker", "jvm_executor_type", "thread_pool"};
            Metrics m = settle(app, "3 completed", s -> s.valueOrZero(COMPLETED, pool) == 3);
            assertEquals(3, m.value(SUBMITTED, pool), m.grep("orders"));
            assertFalse(m.text().contains("jvm_executor_name=\"pool-"), "never a pool-N name");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void scheduledTaskLatenessIsRecorded(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            app.command("scheduled s 1 ticker");
            app.command("gate");
            app.command("submit s 1 0 gated"); // the only thread is busy...
            app.command("started s 1");
            app.command("schedule s 600000 nowait"); // queued, but not due: no backlog
            assertEquals(Boolean.FALSE, executor(app, "ticker").get("saturated"), "a task not due yet is not waiting");
            app.command("schedule s 50"); // ...when this one falls due
            app.command("sleep 400");
            assertEquals(Boolean.TRUE, executor(app, "ticker").get("saturated"), "the only thread is busy, a task is overdue");
            app.command("open");
            app.command("await s");
            String[] pool = {"jvm_executor_name", "ticker", "jvm_executor_type", "scheduled"};
            Metrics m = settle(app, "2 completed", s -> s.valueOrZero(COMPLETED, pool) == 2);
            assertEquals(2, m.value(LATENESS + "_count", pool), m.grep(LATENESS));
            assertTrue(m.value(LATENESS + "_sum", pool) >= 0.35, "due at 50 ms, started after 400: " + m.grep(LATENESS));
            assertEquals(3, m.value(SUBMITTED, pool));
            assertEquals(1, m.value("jvm_executor_queue_size", pool), "the far-future task still waits");
            assertEquals(1, m.value("jvm_executor_thread_limit", pool), "a scheduled pool runs its core threads");
            assertFalse(m.has(QUEUE_WAIT + "_count", pool), "scheduled pools report lateness instead");
            Map<String, Object> json = executor(app, "ticker");
            assertEquals(2, Json.number(Json.object(json.get("lateness")), "count"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void completableFutureWorkShowsUnderTheCommonPool(Jdk jdk) throws Exception {
        // With fewer than 2 parallelism CompletableFuture starts a thread per task instead.
        try (ChildJvm app = ChildJvm.builder(jdk).agent()
                .jvmArg("-Djava.util.concurrent.ForkJoinPool.common.parallelism=3")
                .main(ExecutorApp.class).start()) {
            app.awaitStdout("^ready");
            String[] pool = {"jvm_executor_name", "ForkJoinPool.commonPool", "jvm_executor_type", "fork_join"};
            app.command("supply 1 0");
            Metrics before = settle(app, "first task", s -> s.valueOrZero(COMPLETED, pool) >= 1);
            app.command("supply 20 100");
            app.command("supply-fail");
            Metrics after = settle(app, "21 more ended", s -> s.valueOrZero(COMPLETED, pool) + s.valueOrZero(FAILED, pool)
                    - before.value(COMPLETED, pool) - before.valueOrZero(FAILED, pool) == 21);
            assertEquals(20, after.value(COMPLETED, pool) - before.value(COMPLETED, pool), after.grep("commonPool"));
            assertEquals(1, after.value(FAILED, pool) - before.valueOrZero(FAILED, pool));
            assertEquals(21, after.value(SUBMITTED, pool) - before.value(SUBMITTED, pool));
            assertEquals(21, after.value(QUEUE_WAIT + "_count", pool) - before.value(QUEUE_WAIT + "_count", pool));
            assertTrue(after.value(DURATION + "_sum", pool) >= 20 * 0.1, after.grep(DURATION));
            assertEquals(3, after.value("jvm_executor_parallelism", pool));
            assertTrue(after.has("jvm_executor_steals_total", pool), after.grep("steals"));
            // main blocked in join() on tasks that sleep: signalling waits on futures.
            assertTrue(after.samples("jvm_sync_wait_seconds_count", "jvm_sync_type", "future").stream()
                    .anyMatch(w -> w.label("jvm_sync_site").startsWith(ExecutorApp.class.getName() + ".supply(")
                            && w.value >= 1), after.grep("jvm_sync_wait_seconds_count"));
            Map<String, Object> json = executor(app, "ForkJoinPool.commonPool");
            assertEquals(3, Json.number(json, "parallelism"));
            assertNoAgentErrors(after);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#withVirtualThreads")
    void virtualThreadPerTaskExecutorIsMeasured(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            app.command("virtual v");
            app.command("submit v 20 10");
            app.command("submit-fail v");
            app.command("await v");
            Metrics m = settle(app, "21 ended", s -> {
                String n = nameStartingWithOrNull(s, VIRTUAL_SITE);
                String[] p = {"jvm_executor_name", String.valueOf(n), "jvm_executor_type", "thread_per_task"};
                return n != null && s.valueOrZero(COMPLETED, p) + s.valueOrZero(FAILED, p) == 21;
            });
            String[] pool = {"jvm_executor_name", nameStartingWith(m, VIRTUAL_SITE), "jvm_executor_type", "thread_per_task"};
            assertEquals(20, m.value(COMPLETED, pool), m.grep("thread_per_task"));
            assertEquals(1, m.value(FAILED, pool));
            assertEquals(21, m.value(SUBMITTED, pool));
            assertEquals(21, m.value(QUEUE_WAIT + "_count", pool), "from submission to its thread running it");
            assertTrue(m.value(DURATION + "_sum", pool) >= 20 * 0.01, m.grep(DURATION));
            assertFalse(m.has("jvm_executor_queue_size", pool), "a thread per task has no queue");
            assertNoAgentErrors(m);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void poolShutDownAndCollectedDisappears(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            app.command("named gone 2 gone-worker");
            app.command("named stays 1 stays-worker");
            app.command("submit gone 2 0");
            app.command("submit stays 1 0");
            app.command("await gone");
            app.command("await stays");
            Metrics before = settle(app, "gone-worker exported",
                    s -> s.valueOrZero(COMPLETED, "jvm_executor_name", "gone-worker") == 2);
            assertTrue(before.has("jvm_executor_thread_count", "jvm_executor_name", "gone-worker"));
            app.command("shutdown gone");
            app.command("gc");
            // Only the executor metrics: thread time by pool (jvm_thread_time_seconds_total) is a
            // counter that keeps what the pool's threads did.
            Metrics after = settle(app, "gone-worker gone", s -> s.all().stream().noneMatch(
                    x -> x.name.startsWith("jvm_executor_") && "gone-worker".equals(x.label("jvm_executor_name"))));
            assertTrue(after.has("jvm_executor_thread_count", "jvm_executor_name", "stays-worker"), "the other pool stays");
            Map<String, Object> api = Json.object(Json.parse(app.get("/api/executors").body()));
            assertFalse(api.toString().contains("gone-worker"), api.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void futureGetIsASignallingWaitAtTheWaitingSite(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            app.command("named w 1 waiter-pool");
            app.command("future-wait w");
            Metrics m = app.scrape();
            List<Metrics.Sample> waits = m.samples("jvm_sync_wait_seconds_count", "jvm_sync_type", "future").stream()
                    .filter(s -> s.label("jvm_sync_site").startsWith(ExecutorApp.class.getName() + ".waitForFuture("))
                    .collect(Collectors.toList());
            assertEquals(1, waits.size(), m.grep("jvm_sync_wait_seconds_count"));
            assertEquals(1, waits.get(0).value, "exactly one blocking get()");
            assertFalse(m.has("jvm_lock_wait_seconds_count", "jvm_lock_type", "future"), "never contention");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void idleWorkerIsMarkedWhileWaitingForWorkOnly(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            String reply = app.ask("idle-check", "idle-check ");
            assertTrue(reply.matches("idle-check take=true/\\d+ task=false"), reply);
            assertFalse(reply.contains("/0 "), "take() or poll() was reached: " + reply);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void everyAdvisedMethodExists(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            assertEquals("signatures ok", app.ask("signatures", "signatures "));
            app.command("fixed f 1");
            app.command("submit f 1 0");
            app.command("await f");
            app.command("supply 2 0");
            Metrics m = app.scrape();
            assertNoAgentErrors(m);
        }
    }

    // ---- helpers ----

    static ChildJvm start(Jdk jdk) throws Exception {
        ChildJvm app = ChildJvm.builder(jdk).agent().main(ExecutorApp.class).start();
        app.awaitStdout("^ready");
        return app;
    }

    /** Scrapes until {@code done} holds: counts settle once the workers have finished their bookkeeping. */
    static Metrics settle(ChildJvm app, String what, Predicate<Metrics> done) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        Metrics m = app.scrape();
        while (!done.test(m)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never settled: " + what + "\n" + m.grep("jvm_executor_"));
            }
            Thread.sleep(50);
            m = app.scrape();
        }
        return m;
    }

    static String nameStartingWith(Metrics m, String prefix) {
        String name = nameStartingWithOrNull(m, prefix);
        if (name == null) {
            throw new AssertionError("no executor named " + prefix + "...\n" + m.grep("jvm_executor_task_submitted"));
        }
        return name;
    }

    static String nameStartingWithOrNull(Metrics m, String prefix) {
        return m.samples(SUBMITTED).stream().map(s -> s.label("jvm_executor_name"))
                .filter(n -> n.startsWith(prefix)).findFirst().orElse(null);
    }

    /** The {@code /api/executors} entry named {@code name}. */
    static Map<String, Object> executor(ChildJvm app, String name) {
        Map<String, Object> doc = Json.object(Json.parse(app.get("/api/executors").body()));
        assertTrue(doc.get("timestamp") instanceof Number, doc.toString());
        for (Object e : Json.array(doc.get("executors"))) {
            Map<String, Object> executor = Json.object(e);
            if (name.equals(executor.get("name"))) {
                return executor;
            }
        }
        throw new AssertionError("no executor " + name + " in " + doc);
    }

    static String[] with(String[] labels, String... more) {
        String[] all = new String[labels.length + more.length];
        System.arraycopy(labels, 0, all, 0, labels.length);
        System.arraycopy(more, 0, all, labels.length, more.length);
        return all;
    }

    static void assertNoAgentErrors(Metrics m) {
        double errors = m.sum("threadlens_agent_errors_total");
        assertEquals(0, errors, m.grep("threadlens_agent_errors_total"));
    }
}
