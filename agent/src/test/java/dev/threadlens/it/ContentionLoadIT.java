package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.threadlens.testapps.ContentionLoadApp;
import dev.threadlens.testkit.ApiJson;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/**
 * Load: 1,000 platform threads contending on 10 ReentrantLocks ({@link ContentionLoadApp})
 * with the agent on. No event is lost (the agent's contended count at the locks' site equals
 * the count the workload keeps itself, exactly: the app's Javadoc says why the two are the
 * same thing), no deadlock or hang is reported while it runs or after, no error is counted.
 *
 * <p>CI runs it for {@value #CI_SECONDS} s; the full minute of issue 11:
 * <pre>
 * mvn -B -pl agent verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=ContentionLoadIT -Dthreadlens.soak.scale=full
 * </pre>
 */
class ContentionLoadIT {

    private static final int LOCKS = 10;
    private static final int THREADS_PER_LOCK = 100;
    private static final int CI_SECONDS = 10;
    private static final int SECONDS = ChurnSoakIT.FULL ? 60 : CI_SECONDS;
    private static final Pattern RESULT = Pattern.compile("^load contended (\\d+) rounds (\\d+)$");

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void thousandThreadsOnTenLocksLoseNoEvent(Jdk jdk) throws Exception {
        // deadlockInterval=1s: the detector looks at the 1,000 threads often while they contend.
        try (ChildJvm app = ChildJvm.builder(jdk).agent("deadlockInterval=1s").main(ContentionLoadApp.class).start()) {
            app.awaitStdout("^ready");
            long start = System.nanoTime();
            app.send("load " + LOCKS + " " + THREADS_PER_LOCK + " " + SECONDS);

            // While it runs: scrapes and the deadlock API answer, and report nothing.
            Thread.sleep(SECONDS * 500L);
            JsonNode during = ApiJson.get(app, "/api/deadlocks");
            Metrics mid = app.scrape();
            assertTrue(mid.sum("jvm_lock_wait_seconds_count", "jvm_lock_type", "reentrant_lock") > 0,
                    "contention is being recorded while the load runs");

            app.awaitStdout("^ok load ", Duration.ofSeconds(SECONDS + 300));
            long took = (System.nanoTime() - start) / 1_000_000;
            Matcher r = RESULT.matcher(app.awaitStdout(RESULT.pattern()));
            assertTrue(r.matches());
            long contended = Long.parseLong(r.group(1));
            long rounds = Long.parseLong(r.group(2));
            String site = LocksIT.lastSite(app, "load");
            Metrics m = app.scrape();
            JsonNode after = ApiJson.get(app, "/api/deadlocks");
            System.out.printf("load %s: %d threads on %d locks, %d ms, %d rounds, %d contended acquisitions%n", jdk,
                    LOCKS * THREADS_PER_LOCK, LOCKS, took, rounds, contended);

            assertEquals(rounds * THREADS_PER_LOCK, contended, "the workload's own count: every worker, every round");
            assertTrue(rounds >= LOCKS, "each lock went through at least a round: " + rounds);
            assertEquals((double) contended, LocksIT.lockWaits(m, "reentrant_lock", site),
                    "no contended acquisition lost or invented: " + m.grep(site));
            assertEquals(0, m.valueOrZero("jvm_lock_timeouts_total", "jvm_lock_type", "reentrant_lock",
                    "jvm_lock_site", site));
            for (JsonNode report : new JsonNode[] {during, after}) {
                assertEquals(0, report.get("deadlocks").size(), report.toString());
                assertEquals(0, report.get("hangs").size(), report.toString());
            }
            assertEquals(0, m.sum("jvm_deadlocks_detected_total"), m.grep("jvm_deadlocks_detected_total"));
            LocksIT.assertNoAgentErrors(m);
        }
    }
}
