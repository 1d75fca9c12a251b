package dev.threadlens.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.demo.Scenario;
import dev.threadlens.demo.Scenarios;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Http;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Jdks;
import dev.threadlens.testkit.Json;
import dev.threadlens.testkit.Paths;

/**
 * The demo's command line: list, bad arguments, all (under five minutes, and with no deadlock or
 * hang reported outside the scenarios that deadlock on purpose), all --loop.
 */
class CommandLineIT {

    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    /** Threads of the scenarios that deadlock (dining-philosophers, deadlock) or abandon a lock on purpose. */
    private static final Pattern DELIBERATELY_STUCK = Pattern.compile("philosopher-\\d+|transfer-\\w+-to-\\w+|clerk-\\d+|patient-clerk|careless.*");

    /** Names of the threads in the deadlocks and hangs the agent reports now (empty once the JVM is gone). */
    private static List<String> threadsInDeadlocksAndHangs(ChildJvm app) {
        List<String> names = new ArrayList<>();
        try {
            Map<String, Object> report = Json.object(Json.parse(app.get("/api/deadlocks").body()));
            for (String section : List.of("deadlocks", "hangs")) {
                for (Object finding : Json.array(report.get(section))) {
                    for (Object thread : Json.array(Json.object(finding).get("threads"))) {
                        names.add(String.valueOf(thread));
                    }
                }
            }
        } catch (java.io.UncheckedIOException e) {
            // the demo ended between isAlive() and the request
        }
        return names;
    }

    private static int runsInAll() {
        return new Scenarios().all().stream().mapToInt(s -> s.modesInAll().size()).sum();
    }

    static Stream<Jdk> theReadmeJdk() {
        return Stream.of(Jdks.current());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void listDescribesEveryScenarioOnOneLine(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent().jar(Paths.demoJar(), "list").start()) {
            assertEquals(0, app.waitFor(ChildJvm.DEFAULT_WAIT), app.output());
            List<String> lines = app.stdout().lines().toList();
            List<Scenario> scenarios = new Scenarios().all();
            assertEquals(19, scenarios.size());
            assertEquals(scenarios.size(), lines.size(), app.output());
            for (int i = 0; i < scenarios.size(); i++) {
                String name = scenarios.get(i).name();
                assertTrue(lines.get(i).matches(name + " +\\S.{20,}"), "'" + lines.get(i) + "' describes " + name);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void badArgumentsPrintUsageAndExitTwo(Jdk jdk) throws Exception {
        String[][] cases = {
            {},
            {"no-such-scenario"},
            {"race", "--duration", "10x"},
            {"race", "--duration", "0s"},
            {"race", "--duration"},
            {"race", "--threads", "many"},
            {"race", "--threads", "0"},
            {"race", "--threads", "1"}, // a race needs two
            {"race", "--mode", "fast"},
            {"dining-philosophers", "--mode", "hungry"},
            {"race", "--loop"},
            {"all", "--threads", "3"},
            {"race", "--colour"},
            {"race", "semaphore"},
        };
        for (String[] args : cases) {
            try (ChildJvm app = ChildJvm.builder(jdk).jar(Paths.demoJar(), args).start()) {
                int exit = app.waitFor(ChildJvm.DEFAULT_WAIT);
                String what = "demo-app " + String.join(" ", args) + "\n" + app.output();
                assertEquals(2, exit, what);
                assertTrue(app.stderr().startsWith("demo-app: "), "one line saying what is wrong\n" + what);
                assertTrue(app.stderr().contains("\nusage: "), "then the usage\n" + what);
                assertEquals("", app.stdout(), what);
            }
        }
    }

    /**
     * With the default durations, on the JDK of the README's command ({@code java} on the path,
     * the one running the tests); every other JDK runs every scenario in {@link #allLoopStartsOverUntilStopped}.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("theReadmeJdk")
    void allRunsEveryScenarioInUnderFiveMinutesWithTheEndpointUp(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent("deadlockInterval=1s").jar(Paths.demoJar(), "all").start()) {
            long start = System.nanoTime();
            int polls = 0;
            Set<String> reported = new TreeSet<>();
            while (app.isAlive()) {
                if (polls++ % 5 == 0) {
                    // The live page and /metrics answer while the demo runs (as the README promises).
                    assertEquals(200, app.get("/").status());
                    Http.Response metrics = app.get("/metrics");
                    assertEquals(200, metrics.status());
                    assertTrue(metrics.body().contains("jvm_thread_count{"));
                }
                reported.addAll(threadsInDeadlocksAndHangs(app));
                Thread.sleep(2_000);
            }
            // No false positive over the whole busy run: every thread ever reported in a deadlock or
            // a hang belongs to a scenario that deadlocks or abandons a lock on purpose ...
            for (String thread : reported) {
                assertTrue(DELIBERATELY_STUCK.matcher(thread).matches(), "reported but healthy: " + thread + " in "
                        + reported);
            }
            // ... and those are found (the positive control).
            assertTrue(reported.stream().anyMatch(t -> t.startsWith("philosopher-")), reported.toString());
            assertTrue(reported.stream().anyMatch(t -> t.startsWith("transfer-")), reported.toString());
            int exit = app.waitFor(FIVE_MINUTES.minusNanos(System.nanoTime() - start));
            assertEquals(0, exit, app.output());
            List<String> expected = new ArrayList<>();
            for (Scenario s : new Scenarios().all()) {
                for (String mode : s.modesInAll()) {
                    expected.add("== " + s.name() + (mode.isEmpty() ? "" : " --mode " + mode) + ": ");
                }
            }
            String out = app.stdout();
            int from = 0;
            for (String header : expected) {
                int at = out.indexOf(header, from);
                assertTrue(at >= 0, "'" + header + "' in order\n" + app.output());
                from = at;
            }
            assertEquals(19, out.lines().filter(l -> l.matches("== [a-z-]+: done in .*")).map(l -> l.split(":")[0])
                    .distinct().count(), "every scenario ran to its end");
            assertTrue(out.contains("#### all: " + expected.size() + " scenario runs in "), app.output());
            assertTrue(out.contains(", 0 failed"), app.output());
            assertTrue(!out.contains("WARNING"), "no stray non-daemon thread\n" + app.output());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void allLoopStartsOverUntilStopped(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent().jar(Paths.demoJar(), "all", "--loop", "--duration", "1s").start()) {
            app.awaitStdout("^#### all --loop: round 2 ", FIVE_MINUTES);
            assertTrue(app.stdout().contains("#### all: " + runsInAll() + " scenario runs in "), app.output());
            assertTrue(app.stdout().contains(", 0 failed"), "round 1 went through every scenario\n" + app.output());
            // Round 2 reuses what cannot be undone instead of piling it up.
            app.awaitStdout("the heartbeat from an earlier run is still beating", FIVE_MINUTES);
            app.awaitStdout("the pair deadlocked in an earlier run is still stuck", FIVE_MINUTES);
            assertTrue(app.isAlive());
            ProcessHandle.of(app.pid()).orElseThrow().destroy();
            app.waitFor(Duration.ofSeconds(60));
            assertTrue(!app.stdout().contains("WARNING") && !app.stdout().contains("FAILED"), app.output());
        }
    }
}
