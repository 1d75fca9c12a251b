package dev.threadlens.demo.it;

import static dev.threadlens.demo.it.Samples.started;
import static dev.threadlens.demo.it.Samples.terminated;
import static dev.threadlens.demo.it.Samples.threadCount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.demo.scenarios.LifecycleScenario;
import dev.threadlens.demo.scenarios.MediaPlayerScenario;
import dev.threadlens.demo.scenarios.ThreadLocalScenario;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;
import dev.threadlens.testkit.Paths;

/** The thread scenarios: threads-basics, lifecycle, daemon, thread-local, media-player. */
class ThreadsIT {

    private static final RunCache RUNS = new RunCache();

    @AfterAll
    static void forget() {
        RUNS.clear();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void threadsBasicsCountsEveryThreadItStartsAndJoins(Jdk jdk) throws Exception {
        DemoRun run = RUNS.get(jdk, "threads-basics", "--duration", "3s");
        long n = run.number("started (\\d+) threads in all");
        Metrics end = run.end();
        assertTrue(n >= 6, run.output()); // echo, 4 packers, countdown, and the batches
        assertEquals(n, started(end, false, false), Samples.show(end, "jvm_thread_"));
        assertEquals(n, terminated(end, false, false), "every thread it started has ended");
        assertEquals(n, end.value("jvm_thread_lifetime_seconds_count", "jvm_thread_daemon", "false"));
        assertTrue(run.hasLine("isAlive\\(\\) = false \\(NEW"), run.output());
        assertTrue(run.hasLine("started it, isAlive\\(\\) = true"));
        assertTrue(run.hasLine("joined it .*isAlive\\(\\) = false"));
        assertTrue(run.hasLine("countdown \\(a Thread subclass\\): 1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void lifecycleShowsEachLiveStateInTheStateGauge(Jdk jdk) throws Exception {
        DemoRun run = lifecycle(jdk);
        List<DemoRun.Scrape> newStage = run.scrapesBetween("state: NEW", "state: RUNNABLE");
        assertFalse(newStage.isEmpty(), "a scrape while the traveller was NEW\n" + run.output());
        String[] stages = {"RUNNABLE", "BLOCKED", "WAITING", "TIMED_WAITING", "TERMINATED"};
        for (int i = 0; i < stages.length - 1; i++) {
            String state = stages[i].toLowerCase(Locale.ROOT);
            double before = newStage.stream().mapToDouble(s -> threadCount(s.metrics, state, false)).min().orElseThrow();
            List<DemoRun.Scrape> during = run.scrapesBetween("state: " + stages[i] + " ", "state: " + stages[i + 1] + " ");
            assertFalse(during.isEmpty(), "a scrape while the traveller was " + stages[i] + "\n" + run.output());
            double most = during.stream().mapToDouble(s -> threadCount(s.metrics, state, false)).max().orElseThrow();
            assertTrue(most >= before + 1, "jvm_thread_count{jvm_thread_state=\"" + state
                    + "\",jvm_thread_daemon=\"false\"} went from " + before + " to " + most
                    + Samples.show(during.get(0).metrics, "jvm_thread_count"));
        }
        // NEW and TERMINATED are not live states: the counters show them instead.
        assertEquals(1, started(run.end(), false, false), Samples.show(run.end(), "jvm_thread_"));
        assertEquals(1, terminated(run.end(), false, false));
    }

    @Tag(Features.JFR)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void lifecycleWaitsAreRecordedFromJfr(Jdk jdk) throws Exception {
        Metrics end = lifecycle(jdk).end();
        Class<?> s = LifecycleScenario.class;
        assertTrue(Samples.sumAt(end, "jvm_lock_wait_seconds_count", Samples.LOCK_SITE, s, "jvm_lock_type", "monitor") >= 1,
                "BLOCKED on the gate monitor" + Samples.show(end, "jvm_lock_wait_seconds_count"));
        assertTrue(Samples.sumAt(end, "jvm_sync_wait_seconds_count", Samples.SYNC_SITE, s, "jvm_sync_type", "object_wait") >= 1,
                "WAITING in bell.wait()" + Samples.show(end, "jvm_sync_wait_seconds_count"));
        assertTrue(Samples.sumAt(end, "jvm_sync_wait_seconds_count", Samples.SYNC_SITE, s, "jvm_sync_type", "sleep") >= 1,
                "TIMED_WAITING in Thread.sleep" + Samples.show(end, "jvm_sync_wait_seconds_count"));
    }

    private static DemoRun lifecycle(Jdk jdk) throws Exception {
        return RUNS.get(jdk, "lifecycle", "--duration", "12s");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void daemonHeartbeatOutlivesTheNonDaemonWorker(Jdk jdk) throws Exception {
        DemoRun run = RUNS.get(jdk, "daemon", "--duration", "3s");
        Metrics end = run.end();
        assertEquals(1, started(end, false, false), "the worker" + Samples.show(end, "jvm_thread_"));
        assertEquals(1, terminated(end, false, false), "the worker ended when interrupted");
        assertTrue(started(end, true, false) - terminated(end, true, false) >= 1,
                "the daemon heartbeat is still alive" + Samples.show(end, "jvm_thread_"));
        assertTrue(run.hasLine("worker: interrupted in step \\d+; saving progress and stopping cleanly"), run.output());
        assertTrue(run.hasLine("heartbeat: 2"), run.output());
        assertTrue(run.hasLine("heartbeat still alive = true"), run.output());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void daemonShutdownHookStopsTheWorkerOnSigterm(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent().jar(Paths.demoJar(), "daemon", "--duration", "5m").start()) {
            app.awaitStdout("worker: step 2");
            ProcessHandle.of(app.pid()).orElseThrow().destroy(); // SIGTERM, as Ctrl+C would send SIGINT
            int exit = app.waitFor(Duration.ofSeconds(60));
            assertEquals(128 + 15, exit, "killed by SIGTERM after the hooks ran\n" + app.output());
            String out = app.stdout();
            assertTrue(out.contains("shutdown hook: the JVM is stopping; interrupting the worker"), app.output());
            assertTrue(out.contains("saving progress and stopping cleanly"), app.output());
            assertTrue(out.contains("shutdown hook: worker alive = false"), app.output());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void threadLocalGivesEveryThreadItsOwnCount(Jdk jdk) throws Exception {
        DemoRun run = RUNS.get(jdk, "thread-local", "--duration", "3s");
        assertTrue(run.hasLine("every thread saw only its own count: true"), run.output());
        for (int i = 1; i <= 4; i++) {
            assertTrue(run.hasLine("request-" + i + ": for user-" + i + ", counted " + i * 1000 + " "), run.output());
        }
        assertTrue(run.hasLine("finds user 'alice' left by an earlier one"), run.output());
        assertTrue(run.hasLine("with remove\\(\\) in finally, the next task finds user 'null'"), run.output());
        long n = run.number("started (\\d+) threads");
        Metrics end = run.end();
        assertEquals(n, started(end, false, false), Samples.show(end, "jvm_thread_started"));
        // The pool's own locks (its queue, its bookkeeping) were created where the pool was, which is
        // also its jvm_executor_name: those may contend; no other lock exists here.
        Set<String> poolSites = end.samples("jvm_executor_task_submitted_total").stream()
                .map(x -> x.label("jvm_executor_name")).collect(Collectors.toSet());
        assertEquals(0, Samples.of(end, "jvm_lock_wait_seconds_count", Samples.LOCK_SITE, ThreadLocalScenario.class)
                .stream().filter(x -> !poolSites.contains(x.label(Samples.LOCK_SITE))).mapToDouble(x -> x.value).sum(),
                "thread-local state needs no lock" + Samples.show(end, "jvm_lock_wait_seconds_count"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void mediaPlayerRunsThreeThreadsAndAnswersEveryClick(Jdk jdk) throws Exception {
        DemoRun run = mediaPlayer(jdk);
        long[] clicks = run.numbers("answered (\\d+) of (\\d+) clicks");
        assertTrue(clicks[1] >= 3, run.output());
        assertEquals(clicks[1], clicks[0], "every click answered");
        assertTrue(run.number("preloaded (\\d+)") >= 2, run.output());
        assertTrue(run.hasLine("player: now playing 'Cable Car' \\(it was preloaded"), run.output());
        Metrics end = run.end();
        assertEquals(3, started(end, false, false), "player, preloader, ui" + Samples.show(end, "jvm_thread_"));
        assertEquals(3, terminated(end, false, false));
    }

    @Tag(Features.LOCKS)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void mediaPlayerWaitsOnConditions(Jdk jdk) throws Exception {
        Metrics end = mediaPlayer(jdk).end();
        assertTrue(Samples.sumAt(end, "jvm_sync_wait_seconds_count", Samples.SYNC_SITE, MediaPlayerScenario.class,
                "jvm_sync_type", "condition") >= 1, "paused player, handovers" + Samples.show(end, "jvm_sync_wait"));
    }

    @Tag(Features.JFR)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void mediaPlayerTicksAreSleeps(Jdk jdk) throws Exception {
        Metrics end = mediaPlayer(jdk).end();
        assertTrue(Samples.sumAt(end, "jvm_sync_wait_seconds_count", Samples.SYNC_SITE, MediaPlayerScenario.class,
                "jvm_sync_type", "sleep") >= 1, Samples.show(end, "jvm_sync_wait"));
    }

    private static DemoRun mediaPlayer(Jdk jdk) throws Exception {
        return RUNS.get(jdk, "media-player", "--duration", "5s");
    }
}
