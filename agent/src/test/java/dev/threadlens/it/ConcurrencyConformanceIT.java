package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.conformance.ConformanceApp;
import dev.threadlens.testkit.AgentAttach;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Http;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/**
 * Semantics unchanged: the conformance suite ({@link ConformanceApp}) passes, check for check,
 * without the agent, with it attached at run time (and after detach), with it loaded at start
 * with the defaults, and with every optional probe on while the JVM verifies every class,
 * the woven JDK classes included ({@code -Xverify:all -XX:+BytecodeVerificationLocal}).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConcurrencyConformanceIT {

    /** The suite takes a few seconds alone; a loaded two-core machine and the agent make it slower. */
    private static final Duration SUITE = Duration.ofMinutes(4);
    private static final Pattern SUMMARY = Pattern.compile("^summary checks=(\\d+) passed=(\\d+) failed=(\\d+)$");
    /** Fewer checks than this means the suite lost some on the way, not that they passed. */
    private static final int AT_LEAST = 90;
    private static final String VERIFY_ALL = "-Xverify:all";
    private static final String VERIFY_BOOT = "-XX:+BytecodeVerificationLocal";
    /** The checks passed without the agent, per JDK feature release: one JVM fewer for the second test. */
    private static final Map<Integer, List<String>> BASELINES = new ConcurrentHashMap<>();

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void sameChecksPassWithoutTheAgentAttachedAndDetached(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).main(ConformanceApp.class).start()) {
            app.awaitStdout("^ready");
            List<String> without = runSuite(app, "without the agent");
            BASELINES.put(jdk.feature(), without);

            int port = AgentAttach.attach(jdk, app, "");
            List<String> attached = runSuite(app, "attached");
            assertEquals(without, attached, "checks passed with the agent attached differ from those without it");
            assertNoAgentErrors(Metrics.parse(Http.get(port, "/metrics").body()), app);

            AgentAttach.detach(jdk, app);
            assertEquals(without, runSuite(app, "after detach"), "checks passed after detach differ");
            assertCleanOutput(app);
        }
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void sameChecksPassWithTheAgentFromStart(Jdk jdk) throws Exception {
        List<String> without = BASELINES.get(jdk.feature());
        if (without == null) { // run alone
            try (ChildJvm app = ChildJvm.builder(jdk).main(ConformanceApp.class).start()) {
                app.awaitStdout("^ready");
                without = runSuite(app, "without the agent");
            }
        }
        try (ChildJvm app = ChildJvm.builder(jdk).agent().main(ConformanceApp.class).start()) {
            app.awaitStdout("^ready");
            assertEquals(without, runSuite(app, "premain, defaults"), "checks passed with the agent differ");
            assertNoAgentErrors(app.scrape(), app);
            assertCleanOutput(app);
        }
        try (ChildJvm app = ChildJvm.builder(jdk).agent("lockOrder=true,lockHoldTime=true,lockHoldSampling=1")
                .jvmArg("-XX:+UnlockDiagnosticVMOptions").jvmArg(VERIFY_ALL).jvmArg(VERIFY_BOOT)
                .main(ConformanceApp.class).start()) {
            app.awaitStdout("^ready");
            assertEquals("verification local=true remote=true", app.ask("verification", "verification "),
                    "the JVM does not verify the JDK's own (woven) classes");
            assertEquals(without, runSuite(app, "premain, every probe, verified"),
                    "checks passed with every probe on under -Xverify:all differ");
            Metrics m = app.scrape();
            assertNoAgentErrors(m, app);
            assertTrue(m.sum("jvm_lock_hold_seconds_count") > 0,
                    "lock hold probes were not active: " + m.grep("jvm_lock_hold_seconds_count"));
            assertCleanOutput(app);
        }
    }

    /** Runs the suite once in {@code app}; asserts every check passed and returns the PASS lines in order. */
    static List<String> runSuite(ChildJvm app, String configuration) throws InterruptedException {
        int earlierRuns = summaries(app).size();
        app.send("run");
        long deadline = System.nanoTime() + SUITE.toNanos();
        while (summaries(app).size() <= earlierRuns) {
            if (System.nanoTime() > deadline || !app.isAlive()) {
                throw new AssertionError(configuration + ": the suite did not finish\n" + app.output());
            }
            Thread.sleep(100);
        }
        List<String> passed = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        String summary = null;
        int run = 0;
        for (String line : app.stdout().split("\n")) {
            if (line.startsWith("summary checks=")) {
                if (run++ == earlierRuns) {
                    summary = line;
                    break;
                }
            } else if (run == earlierRuns && line.startsWith("PASS ")) {
                passed.add(line);
            } else if (run == earlierRuns && line.startsWith("FAIL ")) {
                failed.add(line);
            }
        }
        Matcher m = SUMMARY.matcher(summary);
        assertTrue(m.matches(), summary);
        assertEquals(List.of(), failed, configuration + ": failed checks\n" + app.output());
        assertEquals(Integer.parseInt(m.group(1)), passed.size(), configuration + ": " + summary);
        assertTrue(passed.size() >= AT_LEAST, configuration + ": only " + passed.size() + " checks ran");
        return passed;
    }

    private static List<String> summaries(ChildJvm app) {
        List<String> found = new ArrayList<>();
        for (String line : app.stdout().split("\n")) {
            if (line.startsWith("summary checks=")) {
                found.add(line);
            }
        }
        return found;
    }

    static void assertNoAgentErrors(Metrics m, ChildJvm app) {
        assertEquals(0, m.sum("threadlens_agent_errors_total"),
                m.grep("threadlens_agent_errors_total") + "\n" + app.output());
    }

    /** No verifier complaint, no agent warning or error, on either stream. */
    static void assertCleanOutput(ChildJvm app) {
        String all = app.stdout() + app.stderr();
        assertFalse(all.contains("VerifyError"), app.output());
        assertFalse(Pattern.compile("(?m)^\\[threadlens\\] (WARN|ERROR)").matcher(all).find(), app.output());
    }
}
