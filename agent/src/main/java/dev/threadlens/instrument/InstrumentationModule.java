package dev.threadlens.instrument;

import net.bytebuddy.agent.builder.AgentBuilder;

/**
 * One instrumentation: which JDK types it matches and which advice it weaves into them. Advice
 * only records facts through a {@code dev.threadlens.bootstrap} dispatcher; everything else
 * (aggregation, naming, export) happens elsewhere.
 */
public interface InstrumentationModule {

    /** Short name used in logs and as the {@code component} of agent errors. */
    String name();

    /** Adds this module's type matchers and advice to the builder. */
    AgentBuilder extend(AgentBuilder builder);

    /** Classes the module's advice calls, loaded before the transformer is installed. */
    Class<?>[] dispatchers();
}
