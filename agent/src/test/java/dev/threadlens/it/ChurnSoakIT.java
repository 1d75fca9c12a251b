package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.jfr.time.PoolLabels;
import dev.threadlens.testapps.ChurnApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.GeneratedSites;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/**
 * Churn without leaks: each workload of {@link ChurnApp} runs in a child JVM with a small heap
 * ({@value #XMX}) and the agent on, once small (so classes, sites and series exist), then at
 * size. After each, once the JVM is at rest: the used heap after GC is back within
 * {@value #HEAP_MARGIN_MB} MB of where it was before the run, every series family stays within
 * its cap ({@code maxSites}, the pool labels' cap), the agent's internal tables
 * ({@code threadlens_agent_tracked}) hold only what is still alive, no agent thread was added or
 * lost, and the agent counted no error.
 *
 * <p>The default sizes are reduced for CI. The full sizes of issue 11 (200,000 threads,
 * 1,000,000 locks across 10,000 sites, 5,000 executors, 100,000 virtual threads):
 * <pre>
 * mvn -B -pl agent verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ChurnSoakIT -Dthreadlens.soak.scale=full
 * </pre>
 * Each test prints its figures (sizes, duration, heap before and after, tracked tables) to stdout.
 */
class ChurnSoakIT {

    static final boolean FULL = "full".equals(System.getProperty("threadlens.soak.scale"));

    private static final int PLATFORM = FULL ? 200_000 : 40_000;
    private static final int LOCKS = FULL ? 1_000_000 : 100_000;
    private static final int SITES = 10_000;
    private static final int EXECUTORS = FULL ? 5_000 : 1_500;
    private static final int VIRTUAL = FULL ? 100_000 : 20_000;

    private static final String XMX = "-Xmx64m";
    /** Small, so that the 10,000 sites overflow it and the cap is what bounds the series. */
    private static final int MAX_SITES = 200;
    /**
     * Room for the noise of a heap at rest (JFR's buffers and the threads of its current chunk,
     * the last scrape, G1's accounting). The leaks these tests found were well above it even at
     * the CI sizes: JFR's consumer kept ~250 bytes per thread ever started (10 MB after 40,000
     * threads), and freed task slots kept the state of dead pools, ~5 KB each (7 MB after 1,500
     * executors).
     */
    private static final long HEAP_MARGIN_MB = 4;
    /** More than the agent's sweep period of free task slots (5 s). */
    private static final Duration TASK_SLOT_SWEEP = Duration.ofSeconds(6);
    /**
     * Primitives the registry may hold at rest: those still alive (the JDK's and this JVM's own
     * queues and pools, a few hundred) and, at most, one of each of the last collected batch not
     * expunged yet. Far below the numbers churned.
     */
    private static final int PRIMITIVES_AT_REST = 2_000;
    /** Executors at rest: the JDK's (the common pool), a few. */
    private static final int POOLS_AT_REST = 20;
    private static final Duration SETTLE = Duration.ofSeconds(90);
    private static final Duration RUN = Duration.ofMinutes(15);
    private static final Pattern SITE_LABEL = Pattern.compile("jvm_(lock|sync)_site");

    private static GeneratedSites lockSites;

    @BeforeAll
    static void generateLockMaker() {
        lockSites = GeneratedSites.compile("GeneratedLocks", SITES, "java.util.concurrent.locks.ReentrantLock",
                "new ReentrantLock()");
    }

    @AfterAll
    static void deleteLockMaker() {
        lockSites.close();
    }

    /**
     * The three platform workloads one after the other in one JVM (a child JVM with the agent
     * takes a while to start on a busy machine), each checked on its own.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void threadsLocksAndExecutorsChurnWithoutLeaks(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            shortLivedThreadsLeaveNothingBehind(jdk, app);
            locksAtManySitesLeaveNothingBehind(jdk, app);
            executorsCreatedUsedAndShutDownLeaveNothingBehind(jdk, app);
        }
    }

    private static void shortLivedThreadsLeaveNothingBehind(Jdk jdk, ChildJvm app) throws Exception {
        app.command("platform " + PLATFORM / 10);
        AtRest before = settle(app);
        Metrics m0 = app.scrape();

        long took = run(app, "platform " + PLATFORM);
        AtRest after = settle(app);
        Metrics m = app.scrape();

        double started = started(m, "false") - started(m0, "false");
        double ended = terminated(m, "false") - terminated(m0, "false");
        assertTrue(started >= PLATFORM && started <= PLATFORM + 10,
                "every thread start counted (and hardly any other thread started): " + started);
        assertEquals(started, ended, "every thread that started also ended, and was counted");
        assertBounded(jdk, "platform " + PLATFORM, took, before, after, m);
    }

    private static void locksAtManySitesLeaveNothingBehind(Jdk jdk, ChildJvm app) throws Exception {
        // The warm-up makes a lock at each of the 10,000 sites: per-site state exists before the baseline.
        app.command("locks " + lockSites.dir() + " " + SITES);
        AtRest before = settle(app);

        long took = run(app, "locks " + lockSites.dir() + " " + LOCKS);
        AtRest after = settle(app);
        Metrics m = app.scrape();

        double timeouts = 0;
        Set<String> sites = new HashSet<>();
        for (Metrics.Sample s : m.samples("jvm_lock_timeouts_total", "jvm_lock_type", "reentrant_lock")) {
            String site = s.label("jvm_lock_site");
            if (site.startsWith("GeneratedLocks.") || site.equals("other")) {
                timeouts += s.value;
                sites.add(site);
            }
        }
        assertEquals((SITES + LOCKS) / 10, timeouts, "every contended tryLock was counted, at its site or in other");
        assertTrue(sites.contains("other"), "10,000 sites overflow maxSites=" + MAX_SITES);
        assertBounded(jdk, "locks " + LOCKS, took, before, after, m);
    }

    private static void executorsCreatedUsedAndShutDownLeaveNothingBehind(Jdk jdk, ChildJvm app) throws Exception {
        app.command("executors " + EXECUTORS / 10);
        AtRest before = settle(app);

        long took = run(app, "executors " + EXECUTORS);
        assertEquals("executors made " + EXECUTORS + " tasks " + EXECUTORS * 4,
                app.awaitStdout("^executors made " + EXECUTORS + " "));
        // Freed submit-time slots let go of their dead pools at the agent's next 5 s sweep:
        // measure after one has surely run, or the heap still holds pools that are on their way out.
        Thread.sleep(TASK_SLOT_SWEEP.toMillis());
        AtRest after = settle(app);
        Metrics m = app.scrape();
        assertTrue(distinct(m, Pattern.compile("jvm_executor_name")).size() <= MAX_SITES + 1,
                m.grep("jvm_executor_task_submitted_total"));
        assertBounded(jdk, "executors " + EXECUTORS, took, before, after, m);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#withVirtualThreads")
    void contendingVirtualThreadsLeaveNothingBehind(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            app.command("virtual " + VIRTUAL / 10);
            AtRest before = settle(app);
            Metrics m0 = app.scrape();

            long took = run(app, "virtual " + VIRTUAL);
            AtRest after = settle(app);
            Metrics m = app.scrape();

            double started = started(m, "true") - started(m0, "true");
            assertTrue(started >= VIRTUAL && started <= VIRTUAL + 10, "virtual thread starts counted: " + started);
            assertEquals(started, terminated(m, "true") - terminated(m0, "true"), "and their ends");
            double contended = 0;
            for (Metrics.Sample s : m.samples("jvm_lock_wait_seconds_count", "jvm_lock_type", "reentrant_lock")) {
                if (s.label("jvm_lock_site").startsWith("dev.threadlens.testapps.ChurnApp.virtual(")) {
                    contended += s.value;
                }
            }
            assertTrue(contended > 0, "the virtual threads did contend: " + m.grep("ChurnApp.virtual"));
            assertBounded(jdk, "virtual " + VIRTUAL, took, before, after, m);
        }
    }

    // ---- the checks every workload shares -----------------------------------------------------

    /** The JVM at rest: used heap after GC, the agent's table sizes, its threads, live platform threads. */
    record AtRest(long heap, Map<String, Double> tracked, List<String> agentThreads, double liveThreads) {
    }

    private static void assertBounded(Jdk jdk, String workload, long tookMillis, AtRest before, AtRest after,
            Metrics m) {
        System.out.printf("soak %s %s: %d ms; heap after GC %.1f MB -> %.1f MB; tracked %s -> %s; "
                + "lock/sync sites %d, series %d%n", jdk, workload, tookMillis, before.heap / 1e6, after.heap / 1e6,
                before.tracked, after.tracked, distinct(m, SITE_LABEL).size(), m.all().size());
        long growth = after.heap - before.heap;
        assertTrue(growth < HEAP_MARGIN_MB << 20, workload + ": the heap after GC is back within " + HEAP_MARGIN_MB
                + " MB of where it was; it grew by " + growth + " bytes");
        assertTrue(distinct(m, SITE_LABEL).size() <= MAX_SITES + 1,
                "at most maxSites site labels, plus other: " + distinct(m, SITE_LABEL).size());
        Set<String> pools = distinct(m, Pattern.compile("jvm_thread_pool"));
        assertTrue(pools.size() <= PoolLabels.MAX_POOLS + 1, "pool labels are capped: " + pools.size());
        assertTrue(atRest(after), "the agent's tables hold only what is alive: " + after.tracked
                + " with " + after.liveThreads + " live platform threads");
        assertEquals(withoutHttp(before.agentThreads), withoutHttp(after.agentThreads),
                "no agent thread added or lost");
        assertTrue(after.agentThreads.size() - withoutHttp(after.agentThreads).size() <= 2,
                "the endpoint has at most its two threads: " + after.agentThreads);
        LocksIT.assertNoAgentErrors(m);
    }

    /**
     * What the tables may hold once the JVM is at rest: thread entries only for live threads
     * (the start times of threads that have not ended, the wait records of threads still alive),
     * primitives and pools only those still reachable, give or take the last ones collected.
     */
    private static boolean atRest(AtRest r) {
        return r.tracked.size() == 4
                && r.tracked.get("thread_starts") <= r.liveThreads
                && r.tracked.get("lock_waiting_threads") <= r.liveThreads
                && r.tracked.get("lock_primitives") <= PRIMITIVES_AT_REST
                && r.tracked.get("executor_pools") <= POOLS_AT_REST;
    }

    /**
     * Waits until the JVM is at rest: full GCs, then scrapes (which expunge the executor table)
     * until the agent's periodic expunge has dropped the collected primitives and threads, then
     * the used heap after GC.
     */
    private static AtRest settle(ChildJvm app) throws InterruptedException {
        heap(app);
        long deadline = System.nanoTime() + SETTLE.toNanos();
        AtRest r;
        do {
            Thread.sleep(1_000);
            app.scrape(); // expunges the executor table; the lock tables are expunged every 10 s
            Metrics m = app.scrape();
            r = new AtRest(0, tracked(m), List.of(), m.sum("jvm_thread_count"));
        } while (!atRest(r) && System.nanoTime() < deadline);
        long heap = heap(app);
        String threads = app.ask("agentthreads", "agentthreads ").substring("agentthreads ".length()).trim();
        Metrics m = app.scrape();
        return new AtRest(heap, tracked(m), Arrays.asList(threads.split(",")), m.sum("jvm_thread_count"));
    }

    private static long run(ChildJvm app, String command) {
        long start = System.nanoTime();
        app.send(command);
        app.awaitStdout("^ok " + Pattern.quote(command) + "$", RUN);
        return (System.nanoTime() - start) / 1_000_000;
    }

    private static ChildJvm start(Jdk jdk) throws Exception {
        ChildJvm app = ChildJvm.builder(jdk).agent("maxSites=" + MAX_SITES).jvmArg(XMX).main(ChurnApp.class).start();
        app.awaitStdout("^ready");
        return app;
    }

    private static long heap(ChildJvm app) {
        return Long.parseLong(app.ask("heap", "heap ").substring("heap ".length()).trim());
    }

    private static Map<String, Double> tracked(Metrics m) {
        Map<String, Double> sizes = new HashMap<>();
        for (Metrics.Sample s : m.samples("threadlens_agent_tracked")) {
            sizes.put(s.label("registry"), s.value);
        }
        return sizes;
    }

    private static double started(Metrics m, String virtual) {
        return m.sum("jvm_thread_started_total", "jvm_thread_virtual", virtual);
    }

    private static double terminated(Metrics m, String virtual) {
        return m.sum("jvm_thread_terminated_total", "jvm_thread_virtual", virtual);
    }

    /** Distinct values of the labels whose names match, over every series. */
    private static Set<String> distinct(Metrics m, Pattern labelName) {
        Set<String> values = new TreeSet<>();
        for (Metrics.Sample s : m.all()) {
            s.labels.forEach((k, v) -> {
                if (labelName.matcher(k).matches()) {
                    values.add(v);
                }
            });
        }
        return values;
    }

    private static Set<String> withoutHttp(List<String> names) {
        return names.stream().filter(n -> !n.matches("threadlens-http-\\d+")).collect(Collectors.toCollection(TreeSet::new));
    }
}
