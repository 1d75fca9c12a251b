package dev.threadlens.demo;

import java.io.PrintStream;
import java.time.Duration;

/**
 * The one thing the demo knows of the agent: its documented status property. With
 * {@code startup=background} the agent puts its probes in place beside {@code main()}; the demo
 * waits for that, so a scenario's every lock and thread is seen from its first second.
 */
final class AgentReadiness {

    static final String STATUS_PROPERTY = "threadlens.agent.status";
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private AgentReadiness() {
    }

    /** Returns at once without the agent, or once it is no longer {@code starting}. */
    static void await(PrintStream out) throws InterruptedException {
        if (!starting()) {
            return;
        }
        out.println("== waiting for threadlens to put its probes in place");
        long deadline = System.nanoTime() + MAX_WAIT.toNanos();
        while (starting() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static boolean starting() {
        return "starting".equals(System.getProperty(STATUS_PROPERTY));
    }
}
