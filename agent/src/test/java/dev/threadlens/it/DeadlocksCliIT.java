package dev.threadlens.it;

import static dev.threadlens.testkit.Reports.step;
import static dev.threadlens.testkit.Reports.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.DeadlockApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Cli;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Jdks;
import dev.threadlens.testkit.Reports;

/**
 * {@code deadlocks <pid>} on JVMs started without the agent: the same deadlocks (and, where a
 * thread dump cannot name the holders, hangs), the exit codes, and nothing left in the target.
 */
class DeadlocksCliIT {

    /** Scenario, and what the thread dumps must show. */
    static Stream<Arguments> scenarios() {
        List<Arguments> all = new ArrayList<>();
        for (Jdk jdk : Jdks.all().toList()) {
            all.add(Arguments.of(jdk, "sync2", "deadlock:monitor", List.of("sync-a", "sync-b")));
            all.add(Arguments.of(jdk, "locks3", "deadlock:lock", List.of("lock-0", "lock-1", "lock-2")));
            all.add(Arguments.of(jdk, "mixed", "deadlock:mixed", List.of("mixed-monitor", "mixed-lock")));
            all.add(Arguments.of(jdk, "philosophers 5", "deadlock:lock",
                    List.of("philosopher-0", "philosopher-1", "philosopher-2", "philosopher-3", "philosopher-4")));
            all.add(Arguments.of(jdk, "rw", "hang:read_write_lock", List.of("rw-1", "rw-2")));
            all.add(Arguments.of(jdk, "starvation", "hang:executor_starvation", List.of("pool-1-thread-1")));
            all.add(Arguments.of(jdk, "semaphore", "hang:semaphore", List.of("sem-waiter-0", "sem-waiter-1")));
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("scenarios")
    void findsItInAJvmWithoutTheAgentAndLeavesNothingBehind(Jdk jdk, String scenario, String expected,
            List<String> threads) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).main(DeadlockApp.class).start()) {
            app.awaitStdout("^ready");
            Set<String> before = threadNames(app);
            app.command(scenario);
            Set<String> started = threadNames(app);

            Cli.Result r = Cli.run(jdk, "deadlocks", Long.toString(app.pid()), "--json", "--interval", "1s");
            assertEquals(1, r.exitCode, "1 = found\n" + r);
            Reports report = Reports.parse(r.stdout);
            String kind = expected.substring(expected.indexOf(':') + 1);
            if (expected.startsWith("deadlock:")) {
                Map<String, Object> d = report.deadlockOf(threads.get(0));
                assertNotNull(d, r.stdout);
                assertEquals(kind, d.get("kind"));
                assertEquals(Set.copyOf(threads), Set.copyOf(strings(d.get("threads"))));
                for (String t : threads) {
                    assertTrue(threads.contains(String.valueOf(step(d, t).get("heldBy"))), d.toString());
                }
            } else {
                for (String t : threads) {
                    Map<String, Object> h = report.hangOf(t);
                    assertNotNull(h, t + " in a hang: " + r.stdout);
                    assertEquals(kind, h.get("kind"));
                    assertTrue(String.valueOf(h.get("evidence")).contains("in both thread dumps"), h.toString());
                }
                assertTrue(report.deadlocks().isEmpty(), "no cycle is claimed when holders are unknown: " + r.stdout);
            }

            // Nothing of ours in the target: no agent, no thread but the JVM's own attach listener.
            assertEquals("traces agent=none boot=no", app.ask("traces", "traces ").replaceAll(" sockets=\\d+", ""));
            Set<String> after = threadNames(app);
            after.removeAll(started);
            after.remove("Attach Listener");
            assertEquals(Set.of(), after, "threads the command left in the target");
            assertTrue(before.stream().noneMatch(n -> n.startsWith("threadlens")));
            assertTrue(threadNames(app).stream().noneMatch(n -> n.startsWith("threadlens")));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void textReportExitCodesAndASecondRunChangesNothing(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).main(DeadlockApp.class).start()) {
            app.awaitStdout("^ready");
            String pid = Long.toString(app.pid());
            app.command("ordered"); // locks taken and released: nothing to find
            Cli.Result healthy = Cli.run(jdk, "deadlocks", pid, "--interval", "500ms");
            assertEquals(0, healthy.exitCode, "0 = none found\n" + healthy);
            assertTrue(healthy.stdout.startsWith("No deadlock, hang or stuck thread found"), healthy.stdout);
            String traces = app.ask("traces", "traces ");
            Set<String> threads = threadNames(app);

            app.command("sync2");
            Set<String> withDeadlock = threadNames(app);
            Cli.Result found = Cli.run(jdk, "deadlocks", pid, "--interval", "500ms");
            assertEquals(1, found.exitCode, found.toString());
            assertTrue(found.stdout.contains("DEADLOCK (monitor) of 2 threads"), found.stdout);
            assertTrue(found.stdout.contains("\"sync-a\" waits for monitor Object@0x"), found.stdout);
            assertTrue(found.stdout.contains("which is held by \"sync-b\""), found.stdout);
            assertTrue(found.stdout.contains("taken at " + DeadlockApp.class.getName() + ".lambda$sync2$"),
                    "where each monitor was entered: " + found.stdout);
            assertTrue(found.stdout.contains("no agent in the target"), found.stdout);

            // The second and third attach leave the target exactly as the first one did.
            assertEquals(traces, app.ask("traces", "traces "), "sockets and agent traces unchanged");
            Set<String> now = threadNames(app);
            now.removeAll(withDeadlock);
            assertEquals(Set.of(), now);
            assertTrue(withDeadlock.containsAll(threads));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void usesTheRicherGraphOfARunningAgent(Jdk jdk) throws Exception {
        try (ChildJvm app = DeadlockDetectionIT.start(jdk, DeadlockDetectionIT.FAST)) {
            app.command("rw");
            Reports.await(app, x -> x.deadlockOf("rw-1") != null, "the agent's detection");
            Cli.Result r = Cli.run(jdk, "deadlocks", Long.toString(app.pid()), "--json");
            assertEquals(1, r.exitCode, r.toString());
            Reports report = Reports.parse(r.stdout);
            Map<String, Object> d = report.deadlockOf("rw-1");
            assertNotNull(d, "the agent names the read holders, so the cycle is known: " + r.stdout);
            assertEquals("rw-2", step(d, "rw-1").get("heldBy"));
            Cli.Result text = Cli.run(jdk, "deadlocks", Long.toString(app.pid()));
            assertEquals(1, text.exitCode, text.toString());
            assertTrue(text.stdout.contains("from the threadlens agent running in process " + app.pid()), text.stdout);
            assertTrue(text.stdout.contains("\"rw-1\" waits for write_lock"), text.stdout);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void cannotDiagnoseSaysWhyInOneLine(Jdk jdk) throws Exception {
        Cli.Result gone = Cli.run(jdk, "deadlocks", "999999999");
        assertEquals(2, gone.exitCode, gone.toString());
        assertEquals(1, gone.stderr.strip().lines().count(), gone.toString());
        assertTrue(gone.stderr.contains("could not diagnose process 999999999: no process with pid 999999999"),
                gone.toString());
        Cli.Result usage = Cli.run(jdk, "deadlocks");
        assertEquals(2, usage.exitCode, usage.toString());
        assertTrue(usage.stderr.contains("usage: deadlocks <pid> [--json]"), usage.toString());
        assertFalse(usage.stdout.contains("DEADLOCK"));
    }

    static Set<String> threadNames(ChildJvm app) {
        String line = app.ask("threads", "threads: ");
        return new TreeSet<>(Arrays.asList(line.substring("threads: ".length()).split(",")));
    }
}
