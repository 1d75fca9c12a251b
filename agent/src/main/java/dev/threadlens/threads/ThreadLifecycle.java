package dev.threadlens.threads;

import java.util.List;

import dev.threadlens.bootstrap.ThreadProbes;
import dev.threadlens.core.AgentContext;
import dev.threadlens.core.Component;
import dev.threadlens.instrument.InstrumentationModule;
import dev.threadlens.instrument.thread.ThreadLifecycleInstrumentation;

/** Thread lifecycle metrics: probes on start/exit/uncaught, the thread state gauge, {@code /api/threads}. */
public final class ThreadLifecycle implements Component {

    @Override
    public String name() {
        return "thread_lifecycle";
    }

    @Override
    public List<InstrumentationModule> instrumentation() {
        return List.of(new ThreadLifecycleInstrumentation());
    }

    @Override
    public void start(AgentContext context) {
        context.registry().register(new ThreadStateCollector());
        ThreadLifecycleMetrics metrics = new ThreadLifecycleMetrics(context.metricProperties(), context.registry());
        context.api().add("/api/threads", new ThreadsApi(metrics));
        context.track("thread_starts", metrics::tracked);
        ThreadProbes.install(metrics);
    }

    @Override
    public void close() {
        ThreadProbes.install(null);
    }
}
