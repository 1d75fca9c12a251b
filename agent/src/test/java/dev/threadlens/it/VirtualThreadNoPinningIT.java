package dev.threadlens.it;

import static dev.threadlens.it.JfrSupport.awaitMetrics;
import static dev.threadlens.it.JfrSupport.awaitStreamRunning;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.conformance.PinningApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/**
 * The agent adds no pinning: a virtual-thread workload over every probed primitive, recorded with
 * jdk.VirtualThreadPinned at threshold 0 by the app itself, pins exactly as often with the agent
 * (every probe on, its own JFR stream running) as without it: only in the deliberate class
 * initializers, and never with the agent's code on the stack.
 */
class VirtualThreadNoPinningIT {

    private static final Duration WORKLOAD = Duration.ofMinutes(3);
    private static final String EXPECTED = "pinned total=" + PinningApp.DELIBERATE + " deliberate="
            + PinningApp.DELIBERATE + " other=0 agent=0";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#withVirtualThreads")
    void theAgentAddsNoPinnedEvents(Jdk jdk) throws Exception {
        String without;
        try (ChildJvm app = ChildJvm.builder(jdk).main(PinningApp.class).start()) {
            app.awaitStdout("^ready");
            app.send("workload 2");
            without = app.awaitStdout("^pinned total=", WORKLOAD);
            assertEquals(EXPECTED, without, "without the agent the workload pins only where it means to\n" + app.output());
        }
        try (ChildJvm app = ChildJvm.builder(jdk).agent("lockOrder=true,lockHoldTime=true,lockHoldSampling=1")
                .main(PinningApp.class).start()) {
            app.awaitStdout("^ready");
            awaitStreamRunning(app);
            app.send("workload 2");
            assertEquals(without, app.awaitStdout("^pinned total=", WORKLOAD),
                    "pinned events with the agent differ from those without it\n" + app.output());
            // The agent's own stream saw the deliberate pins too (its threshold is 10 ms; they last 20 ms).
            Metrics m = awaitMetrics(app, s -> s.sum("jvm_thread_virtual_pinned_seconds_count") >= PinningApp.DELIBERATE,
                    "the agent's pinned histogram");
            assertEquals(0, m.sum("threadlens_agent_errors_total"), m.grep("threadlens_agent_errors_total"));
        }
    }
}
