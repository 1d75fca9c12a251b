package dev.threadlens.it;

import static dev.threadlens.it.JfrSupport.api;
import static dev.threadlens.it.JfrSupport.awaitJfr;
import static dev.threadlens.it.JfrSupport.awaitMetrics;
import static dev.threadlens.it.JfrSupport.awaitStreamRunning;
import static dev.threadlens.it.JfrSupport.site;
import static dev.threadlens.it.JfrSupport.sumWhere;
import static dev.threadlens.it.JfrSupport.where;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.threadlens.testapps.JfrApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/** JFR events become wait metrics with the right type and site, each wait counted once (premain). */
class JfrPairingIT {

    private static final String LOCK_WAIT = "jvm_lock_wait_seconds_count";
    private static final String SYNC_WAIT = "jvm_sync_wait_seconds_count";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void synchronizedObjectWaitAndParksBelowTheProbesGetTheirSites(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent().main(JfrApp.class).start()) {
            app.awaitStdout("^ready");
            awaitStreamRunning(app);
            app.command("monitor 3 60");  // 3 threads blocked on a synchronized Ledger
            app.command("objwait 2 100"); // 2 threads in Object.wait(100) on a Mailbox
            app.command("park 2 100");    // 2 threads LockSupport.parkNanos(gate, 100 ms)
            app.command("handoff 100");   // a producer parked in SynchronousQueue.put for 100 ms
            awaitJfr(app);
            Metrics m = app.scrape();

            String ledger = "dev.threadlens.testapps.JfrApp$Ledger at " + site(app, "monitor");
            assertEquals(3, m.value(LOCK_WAIT, "jvm_lock_type", "monitor", "jvm_lock_site", ledger), m.grep("jvm_lock_wait"));
            assertEquals(3, m.value("jvm_lock_wait_seconds_bucket", "jvm_lock_type", "monitor", "jvm_lock_site", ledger,
                    "le", "+Inf"), "a histogram: every wait in the +Inf bucket");

            String mailbox = "dev.threadlens.testapps.JfrApp$Mailbox at " + site(app, "objwait");
            assertEquals(2, m.value(SYNC_WAIT, "jvm_sync_type", "object_wait", "jvm_sync_site", mailbox), m.grep("jvm_sync_wait"));

            String gate = "dev.threadlens.testapps.JfrApp$Gate at " + site(app, "park");
            assertEquals(2, m.value(SYNC_WAIT, "jvm_sync_type", "park", "jvm_sync_site", gate), m.grep("jvm_sync_wait"));

            String handoff = site(app, "handoff");
            List<Metrics.Sample> queue = where(m, SYNC_WAIT, s -> "park".equals(s.label("jvm_sync_type"))
                    && s.label("jvm_sync_site").startsWith("java.util.concurrent.SynchronousQueue$")
                    && s.label("jvm_sync_site").endsWith(" at " + handoff));
            assertEquals(1, queue.size(), "the SynchronousQueue hand-off is a park JFR adds: " + m.grep("jvm_sync_wait"));
            assertEquals(1, queue.get(0).value);

            // The stacks behind the monitor site, for /api/locks.
            JsonNode stacks = api(app, "/api/jfr?key=" + java.net.URLEncoder.encode("monitor " + ledger, "UTF-8"));
            JsonNode first = stacks.path("stacks").path(0).path("stacks").path(0);
            assertEquals(3, first.path("count").asInt(), stacks.toString());
            assertEquals(site(app, "monitor"), first.path("frames").path(0).asText(), "the top frame is the site");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void reentrantLockContentionIsCountedOnceNotTwice(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent().main(JfrApp.class).start()) {
            app.awaitStdout("^ready");
            awaitStreamRunning(app);
            app.command("relock 3 60"); // 3 threads parked on a ReentrantLock held for 60 ms
            awaitJfr(app);
            Metrics m = app.scrape();
            String waitedAt = site(app, "relock");

            // JFR saw the three parks (their stack is kept for /api/locks) ...
            JsonNode kept = api(app, "/api/jfr?key="
                    + java.net.URLEncoder.encode("class java.util.concurrent.locks.ReentrantLock$NonfairSync", "UTF-8"));
            JsonNode stack = kept.path("stacks").path(0).path("stacks").path(0);
            assertTrue(stack.path("count").asInt() >= 3, "JFR reported the parks: " + kept);
            assertTrue(stack.path("frames").toString().contains(waitedAt), kept.toString());
            // ... and counted none of them: no series of JFR's (park, monitor, ...) holds this wait.
            List<Metrics.Sample> fromJfr = where(m, SYNC_WAIT, s -> s.label("jvm_sync_site").contains(waitedAt)
                    || s.label("jvm_sync_site").contains("ReentrantLock"));
            fromJfr.addAll(where(m, LOCK_WAIT, s -> !"reentrant_lock".equals(s.label("jvm_lock_type"))
                    && (s.label("jvm_lock_site").contains(waitedAt) || s.label("jvm_lock_site").contains("ReentrantLock"))));
            assertEquals(List.of(), fromJfr, "JFR must not count a ReentrantLock wait the probes time");

            // The probes count it exactly once, at the lock's creation site.
            String created = site(app, "relock-created");
            assertEquals(3, sumWhere(m, LOCK_WAIT, s -> "reentrant_lock".equals(s.label("jvm_lock_type"))),
                    "3 contended acquisitions, counted once: " + m.grep("jvm_lock_wait"));
            assertEquals(3, m.value(LOCK_WAIT, "jvm_lock_type", "reentrant_lock", "jvm_lock_site", created));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void idlePoolWorkersAreNotWaits(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent().main(JfrApp.class).start()) {
            app.awaitStdout("^ready");
            awaitStreamRunning(app);
            // Workers of an application thread class sit 300 ms in SynchronousQueue.poll, then retire:
            // the same park as a hand-off, with an application frame, but under ThreadPoolExecutor.getTask.
            app.command("cached 300");
            app.command("handoff 100"); // the positive control: the hand-off itself is counted
            awaitJfr(app);
            Metrics m = app.scrape();
            assertEquals(List.of(), where(m, SYNC_WAIT, s -> s.label("jvm_sync_site").contains("AppThread")),
                    "an idle worker is not a wait: " + m.grep("jvm_sync_wait"));
            assertEquals(1, sumWhere(m, SYNC_WAIT, s -> s.label("jvm_sync_site").contains("SynchronousQueue")),
                    m.grep("jvm_sync_wait"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void aPoolOfSleepingThreadsSpendsItsTimeAsleep(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent("threadTimeInterval=100ms").main(JfrApp.class).start()) {
            app.awaitStdout("^ready");
            app.command("sleepers 3 200"); // sleepy-1..3 sleep 200 ms in a loop
            app.command("idlepool 2");     // idle-worker-1..2 wait for tasks that never come
            String time = "jvm_thread_time_seconds_total";
            // Judge the steady state: a thread's first moments (its classes loading, three threads
            // starting at once) may block briefly, and that is not what the pool does.
            Metrics warm = awaitMetrics(app, x -> x.sum(time, "jvm_thread_pool", "sleepy") >= 1.5
                    && x.sum(time, "jvm_thread_pool", "idle-worker") >= 1, "the pools' first seconds");
            Metrics m = awaitMetrics(app, x -> x.sum(time, "jvm_thread_pool", "sleepy")
                    - warm.sum(time, "jvm_thread_pool", "sleepy") >= 3
                    && x.sum(time, "jvm_thread_pool", "idle-worker")
                    - warm.sum(time, "jvm_thread_pool", "idle-worker") >= 2, "3 more s of the sleepy pool's time");

            // "Mostly": more than half, and more than any other cause. A tighter share would test
            // the machine: on a loaded CI box a woken sleeper waits for a CPU, and that is running.
            double sleepy = m.sum(time, "jvm_thread_pool", "sleepy") - warm.sum(time, "jvm_thread_pool", "sleepy");
            double asleep = m.value(time, "jvm_thread_pool", "sleepy", "cause", "sleep")
                    - warm.value(time, "jvm_thread_pool", "sleepy", "cause", "sleep");
            assertTrue(asleep / sleepy > 0.5, "mostly sleep: " + m.grep("sleepy"));
            double idle = m.value(time, "jvm_thread_pool", "idle-worker", "cause", "executor_idle")
                    - warm.value(time, "jvm_thread_pool", "idle-worker", "cause", "executor_idle");
            assertTrue(idle / (m.sum(time, "jvm_thread_pool", "idle-worker")
                    - warm.sum(time, "jvm_thread_pool", "idle-worker")) > 0.5,
                    "an idle pool is executor_idle: " + m.grep("idle-worker"));
            assertEquals(7, m.samples(time, "jvm_thread_pool", "sleepy").size(), "every cause exported, zeros too");
            assertEquals(0, m.value(time, "jvm_thread_pool", "sleepy", "cause", "lock")
                    - warm.value(time, "jvm_thread_pool", "sleepy", "cause", "lock"),
                    "sleepers never block: " + warm.grep("sleepy") + " then " + m.grep("sleepy"));

            JsonNode api = api(app, "/api/time");
            JsonNode pool = null;
            for (JsonNode p : api.path("pools")) {
                if (p.path("pool").asText().equals("sleepy")) {
                    pool = p;
                }
            }
            assertTrue(pool != null, api.toString());
            assertEquals(3, pool.path("threads").asInt(), pool.toString());
            assertTrue(pool.path("seconds").path("sleep").asDouble() > 0.5 * sum(pool.path("seconds")), pool.toString());

            // The sleeps themselves: counted from JFR where no probe can time them (JDK 17: Thread.sleep is native).
            awaitStreamRunning(app);
            awaitJfr(app);
            m = app.scrape();
            assertTrue(sumWhere(m, SYNC_WAIT, s -> "sleep".equals(s.label("jvm_sync_type"))) > 0, m.grep("sleep"));
            if (jdk.feature() < 19) {
                assertEquals("jfr", api(app, "/api/jfr").path("sleepsCountedBy").asText());
            }
        }
    }

    private static double sum(JsonNode seconds) {
        double total = 0;
        for (JsonNode v : seconds) {
            total += v.asDouble();
        }
        return total;
    }
}
