package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.LocksApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/**
 * Locks and signalling primitives under the agent (premain): exact counts by type and creation
 * site, waits told apart by cause, nothing on the uncontended paths, the live view's JSON.
 */
class LocksIT {

    static final String LOCK_WAIT = "jvm_lock_wait_seconds_count";
    static final String SYNC_WAIT = "jvm_sync_wait_seconds_count";
    static final String TIMEOUTS = "jvm_lock_timeouts_total";
    static final String SIGNALS = "jvm_sync_signals_total";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void lockContentionIsCountedByTypeAndCreationSite(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, "")) {
            app.command("lock 5");
            String lock = lastSite(app, "lock");
            app.command("rw 3 2");
            String rw = lastSite(app, "rw");
            app.command("stamped");
            String stamped = lastSite(app, "stamped");
            app.command("trylock");
            String tryLock = lastSite(app, "trylock");
            Metrics m = app.scrape();

            assertTrue(lock.startsWith("dev.threadlens.testapps.LocksApp.lock(LocksApp.java:"), lock);
            assertEquals(5, lockWaits(m, "reentrant_lock", lock), m.grep("jvm_lock_"));
            assertEquals(3, lockWaits(m, "read_lock", rw), m.grep("jvm_lock_"));
            assertEquals(2, lockWaits(m, "write_lock", rw));
            assertEquals(0, lockWaits(m, "reentrant_lock", rw), "a read/write lock is never a reentrant_lock");
            assertEquals(2, lockWaits(m, "stamped_lock", stamped), m.grep("stamped"));
            assertEquals(1, lockWaits(m, "reentrant_lock", tryLock), "the attempt that gave up waited too");
            assertEquals(1, m.valueOrZero(TIMEOUTS, "jvm_lock_type", "reentrant_lock", "jvm_lock_site", tryLock),
                    m.grep(TIMEOUTS));
            assertEquals(0, m.valueOrZero(TIMEOUTS, "jvm_lock_type", "reentrant_lock", "jvm_lock_site", lock));
            assertEquals("histogram", m.type("jvm_lock_wait_seconds"));
            assertTrue(m.value("jvm_lock_wait_seconds_sum", "jvm_lock_type", "reentrant_lock", "jvm_lock_site",
                    tryLock) >= 0.04, "the timed-out tryLock(50 ms) waited about 50 ms");
            assertFalse(m.text().contains("jvm_lock_hold_seconds"), "hold time is off by default");
            assertNoAgentErrors(m);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void semaphoreWaitsAndPermitsGauge(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, "")) {
            app.command("semaphore start");
            String site = lastSite(app, "semaphore");
            Metrics held = app.scrape();
            assertEquals(0, held.value("jvm_semaphore_permits_available", "jvm_lock_site", site),
                    held.grep("semaphore"));
            assertEquals(0, lockWaits(held, "semaphore", site), "the two queued threads are still waiting");

            app.command("semaphore release");
            Metrics done = app.scrape();
            assertEquals(2, lockWaits(done, "semaphore", site), done.grep("semaphore"));
            assertEquals(3, done.value("jvm_semaphore_permits_available", "jvm_lock_site", site));
            assertEquals("gauge", done.type("jvm_semaphore_permits_available"));
            assertNoAgentErrors(done);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void conditionWaitsAndSignalsWithoutContentionFromTheReacquire(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, "")) {
            app.command("condition 4");
            String lock = lastSite(app, "condition-lock");
            String notEmpty = lastSite(app, "condition-notEmpty");
            String notFull = lastSite(app, "condition-notFull");
            Metrics m = app.scrape();

            assertEquals(5, syncWaits(m, "condition", notEmpty), m.grep("jvm_sync_"));
            assertEquals(4, signals(m, "condition", notEmpty, "signal"), m.grep(SIGNALS));
            assertEquals(1, signals(m, "condition", notEmpty, "signal_all"));
            assertEquals(0, signals(m, "condition", notEmpty, "lost"));
            assertEquals(1, signals(m, "condition", notFull, "lost"), "signal() with nobody waiting on notFull");
            assertEquals(0, syncWaits(m, "condition", notFull));
            assertEquals(0, m.sum(LOCK_WAIT, "jvm_lock_site", lock),
                    "every re-acquire after a signal waited for main's unlock, and none is lock contention: "
                            + m.grep("jvm_lock_"));
            assertNoAgentErrors(m);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void latchBarrierPhaserAndExchangerWaits(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, "")) {
            app.command("latch 3");
            String latch = lastSite(app, "latch");
            app.command("barrier 4");
            String barrier = lastSite(app, "barrier");
            app.command("phaser 3");
            String phaser = lastSite(app, "phaser");
            app.command("exchanger");
            String exchanger = lastSite(app, "exchanger");
            Metrics m = app.scrape();

            assertEquals(3, syncWaits(m, "latch", latch), m.grep("jvm_sync_"));
            assertEquals(1, signals(m, "latch", latch, "count_down"), "only the countDown that opened it");
            assertEquals(3, syncWaits(m, "barrier", barrier), "4 parties: the last one to arrive does not wait");
            assertEquals(0, m.sum(LOCK_WAIT, "jvm_lock_site", barrier), "the barrier's own lock is part of its wait");
            assertEquals(0, m.sum(SYNC_WAIT, "jvm_sync_type", "condition", "jvm_sync_site", barrier),
                    "the barrier's own condition is part of its wait");
            assertEquals(2, syncWaits(m, "phaser", phaser), m.grep("phaser"));
            assertEquals(2, syncWaits(m, "exchanger", exchanger), "both sides of one exchange");
            assertNoAgentErrors(m);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void joinAndSleepAreWaitsAtTheirCallSite(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, "")) {
            app.command("join");
            String join = lastSite(app, "join");
            if (jdk.feature() < 19) {
                // Only JFR sees JDK 17's native sleep(long), and only once its stream runs: it
                // starts after the probes, beside main(), so a sleep before then is not recorded.
                JfrSupport.awaitStreamRunning(app);
            }
            app.command("sleep");
            String millis = lastSite(app, "sleep-millis");
            String nanos = lastSite(app, "sleep-nanos");
            // JDK 17's Thread.sleep(long) is native: no bytecode to weave, so JFR's jdk.ThreadSleep
            // counts it, once its stream delivers the event; later JDKs' probe counts it at once.
            Metrics m = jdk.feature() >= 19 ? app.scrape()
                    : JfrSupport.awaitMetrics(app, x -> syncWaits(x, "sleep", millis) > 0, "JFR's count of sleep(long)");

            assertEquals(1, syncWaits(m, "join", join), m.grep("jvm_sync_"));
            assertEquals(1, syncWaits(m, "sleep", millis), m.grep("sleep"));
            assertEquals(1, syncWaits(m, "sleep", nanos), "the probe's sleep is not counted again from JFR: " + m.grep("sleep"));
            assertNoAgentErrors(m);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void uncontendedFastPathsProduceNothing(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, "")) {
            Metrics before = app.scrape();
            app.command("fastpath 10000000");
            Metrics after = app.scrape();
            assertEquals(before.sum(LOCK_WAIT), after.sum(LOCK_WAIT), "no lock contention: " + after.grep(LOCK_WAIT));
            assertEquals(0, after.sum(SYNC_WAIT) - before.sum(SYNC_WAIT) - jdkThreadWaits(before, after),
                    after.grep(SYNC_WAIT));

            // The same with a spy for a sink: not one call reaches the dispatcher from the loop.
            app.command("lockspy");
            app.command("fastpath 10000000");
            String spied = app.ask("lockspycount", "lockspycount ");
            assertTrue(spied.startsWith("lockspycount main[created=5 waits=0 signals=0]"),
                    "only the 5 constructors may call the probes: " + spied);
            // Positive control: the spy does hear contention.
            app.command("lockspy");
            app.command("lock 3");
            spied = app.ask("lockspycount", "lockspycount ");
            assertTrue(spied.endsWith("app[created=0 waits=3 signals=0]"), spied);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void idlePoolWorkersAreNeverContention(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, "")) {
            Metrics before = app.scrape();
            app.command("pool 4 5");
            String pool = lastSite(app, "pool");
            Metrics m = app.scrape();
            // Every completed wait of an idle worker is either a queue wait (a consumer on an empty
            // queue) or, with the executor probes that mark a worker's wait for work, executor_idle.
            double idle = syncWaits(m, "queue", pool) + syncWaits(m, "executor_idle", pool);
            assertEquals(8, idle, "one idle wait ends per task: " + m.grep(pool));
            assertEquals(0, m.sum(LOCK_WAIT, "jvm_lock_site", pool), "no contention in an idle pool: " + m.grep(pool));
            assertEquals(0, m.sum(SYNC_WAIT, "jvm_sync_type", "condition", "jvm_sync_site", pool));
            assertEquals(before.sum(LOCK_WAIT), m.sum(LOCK_WAIT), m.grep(LOCK_WAIT));
            assertTrue(m.sum("jvm_sync_wait_seconds_sum", "jvm_sync_site", pool) >= 5,
                    "the 5 s of idling are there, as idle time");

            // A thread marked idle the way the executor probes mark a worker's wait for work.
            app.command("idlemark");
            String lock = lastSite(app, "idle-lock");
            String queue = lastSite(app, "idle-queue");
            Metrics marked = app.scrape();
            assertEquals(1, syncWaits(marked, "executor_idle", lock), marked.grep("idle"));
            assertEquals(0, marked.sum(LOCK_WAIT, "jvm_lock_site", lock), "contention while idle is idle time");
            assertEquals(1, syncWaits(marked, "executor_idle", queue));
            assertEquals(0, syncWaits(marked, "queue", queue));
            assertNoAgentErrors(marked);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void apiLocksListsWaitersOwnerAndStack(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, "")) {
            app.command("stuck 3");
            String site = lastSite(app, "stuck");
            String live = app.get("/api/locks").body();
            String entry = entry(live, site);
            assertTrue(entry.contains("\"type\":\"reentrant_lock\""), entry);
            assertTrue(entry.contains("\"count\":0"), "none of the waits has ended yet: " + entry);
            assertTrue(entry.contains("\"waiting\":3"), entry);
            assertTrue(entry.contains("\"owner\":\"main\""), entry);
            for (int i = 0; i < 3; i++) {
                assertTrue(entry.contains("\"app-stuck-" + i + "\""), entry);
            }
            assertTrue(live.indexOf(site) < live.indexOf("\"semaphores\""), "stuck sites come first: " + live);

            app.command("unstuck");
            String after = entry(app.get("/api/locks").body(), site);
            assertTrue(after.contains("\"count\":3"), after);
            assertTrue(after.contains("\"waiting\":0"), after);
            assertTrue(after.contains("\"stack\":[\"dev.threadlens.testapps.LocksApp.lambda$stuck$"), after);
            assertEquals(400, app.get("/api/locks?limit=0").status());
            assertEquals(200, app.get("/api/locks?limit=1").status());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void holdTimeWhenAskedFor(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, "lockHoldTime=true,lockHoldSampling=1")) {
            app.command("hold 6");
            String site = lastSite(app, "hold");
            Metrics m = app.scrape();
            assertEquals(6, m.value("jvm_lock_hold_seconds_count", "jvm_lock_type", "reentrant_lock",
                    "jvm_lock_site", site), "6 holds, the re-entries inside them not counted: " + m.grep("hold"));
            assertTrue(m.value("jvm_lock_hold_seconds_sum", "jvm_lock_type", "reentrant_lock",
                    "jvm_lock_site", site) >= 0.006, "each was held for at least 1 ms");
            assertNoAgentErrors(m);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void probesNeverRecurseIntoThemselvesNorDeadlock(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk, "")) {
            // Real sink, with the agent's HTTP threads scraping while the application contends.
            ExecutorService scraper = Executors.newSingleThreadExecutor();
            AtomicBoolean stop = new AtomicBoolean();
            Future<?> scraping = scraper.submit(() -> {
                while (!stop.get()) {
                    app.get("/metrics");
                    app.get("/api/locks");
                }
                return null;
            });
            for (int i = 0; i < 20; i++) {
                app.command("lock 4");
                app.command("condition 2");
            }
            stop.set(true);
            scraping.get();
            scraper.shutdown();
            Metrics m = app.scrape();
            assertEquals(80, lockWaits(m, "reentrant_lock", lastSite(app, "lock")), "20 times 4, all at one site");
            assertNoAgentErrors(m);

            // A sink that itself creates, takes (contended), signals and sleeps on probed primitives:
            // none of that reaches it again, and nothing deadlocks.
            app.command("lockspyreentrant");
            app.command("lock 3");
            app.command("condition 1");
            // lock 3: main makes 1 lock, 3 app threads wait; condition 1: main makes a lock and 2
            // conditions and signals 3 times, the consumer waits twice. (Main's joins vary.)
            String spied = app.ask("lockspycount", "lockspycount ");
            assertTrue(spied.matches("lockspycount main\\[created=4 waits=\\d+ signals=3\\] "
                    + "app\\[created=0 waits=5 signals=0\\]"), spied);
        }
    }

    // ---- helpers shared with the other lock ITs ----

    static ChildJvm start(Jdk jdk, String options) throws Exception {
        ChildJvm app = ChildJvm.builder(jdk).agent(options).main(LocksApp.class).start();
        app.awaitStdout("^ready");
        return app;
    }

    /** The site the app printed last as {@code site <name> <site>}. */
    static String lastSite(ChildJvm app, String name) {
        List<String> lines = app.stdout().lines().filter(l -> l.startsWith("site " + name + " ")).toList();
        if (lines.isEmpty()) {
            throw new AssertionError("the app printed no site " + name + "\n" + app.output());
        }
        return lines.get(lines.size() - 1).substring(("site " + name + " ").length());
    }

    static double lockWaits(Metrics m, String type, String site) {
        return m.valueOrZero(LOCK_WAIT, "jvm_lock_type", type, "jvm_lock_site", site);
    }

    static double syncWaits(Metrics m, String type, String site) {
        return m.valueOrZero(SYNC_WAIT, "jvm_sync_type", type, "jvm_sync_site", site);
    }

    static double signals(Metrics m, String type, String site, String kind) {
        return m.valueOrZero(SIGNALS, "jvm_sync_type", type, "jvm_sync_site", site, "kind", kind);
    }

    static void assertNoAgentErrors(Metrics m) {
        assertEquals(0, m.sum("threadlens_agent_errors_total"), m.grep("threadlens_agent_errors_total"));
    }

    /** Waits that ended on the JDK's own threads (reference handling, the cleaner) between two scrapes. */
    private static double jdkThreadWaits(Metrics before, Metrics after) {
        double n = 0;
        for (Metrics.Sample s : after.samples(SYNC_WAIT)) {
            if (!s.label("jvm_sync_site").startsWith("dev.threadlens.testapps.")) {
                n += s.value - before.valueOrZero(SYNC_WAIT, "jvm_sync_type", s.label("jvm_sync_type"),
                        "jvm_sync_site", s.label("jvm_sync_site"));
            }
        }
        return n;
    }

    /** The JSON object of the /api/locks entry for {@code site} (flat: no nested objects inside). */
    static String entry(String json, String site) {
        int at = json.indexOf("\"site\":\"" + site.replace("<", "\\u003c").replace(">", "\\u003e") + "\"");
        if (at < 0) {
            throw new AssertionError("no entry for " + site + " in " + json);
        }
        int start = json.lastIndexOf('{', at);
        int end = json.indexOf('}', at);
        return json.substring(start, end + 1);
    }
}
