package dev.threadlens.core;

import java.util.List;

import dev.threadlens.instrument.InstrumentationModule;

/**
 * One feature of the agent (thread lifecycle, locks, executors, JFR, deadlocks, ...): the
 * instrumentation it needs and what it starts and stops. Components are started in order after
 * their probes' sinks can receive events, and closed in reverse order.
 */
public interface Component {

    /** Short name for logs. */
    String name();

    /** Bytecode instrumentation this component needs; empty if it needs none. */
    default List<InstrumentationModule> instrumentation() {
        return List.of();
    }

    /** Registers metrics and API routes, installs probe sinks, schedules work. */
    void start(AgentContext context) throws Exception;

    /**
     * Called once the probes are in place: starts work that need not hold up the application's
     * start-up (the JFR stream), so it runs beside main() rather than before it.
     */
    default void instrumented() throws Exception {
    }

    /** Uninstalls sinks and stops work. Must not throw. */
    void close();
}
