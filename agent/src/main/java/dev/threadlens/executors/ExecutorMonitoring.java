package dev.threadlens.executors;

import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.threadlens.bootstrap.ExecutorProbes;
import dev.threadlens.bootstrap.FutureProbes;
import dev.threadlens.config.Options;
import dev.threadlens.core.AgentContext;
import dev.threadlens.core.Component;
import dev.threadlens.instrument.InstrumentationModule;
import dev.threadlens.instrument.executor.ExecutorInstrumentation;

/**
 * Executors: every {@code ThreadPoolExecutor}, {@code ScheduledThreadPoolExecutor},
 * {@code ForkJoinPool} (the common pool included) and thread-per-task executor the application
 * creates is found and measured, without wrapping. Also the future waits, and the executor-idle
 * wait context that lock probes rely on.
 */
public final class ExecutorMonitoring implements Component {

    private static final long SWEEP_SECONDS = 5;

    private ScheduledFuture<?> sweeper;

    @Override
    public String name() {
        return "executors";
    }

    @Override
    public List<InstrumentationModule> instrumentation() {
        return List.of(new ExecutorInstrumentation());
    }

    @Override
    public void start(AgentContext context) {
        PoolTable pools = new PoolTable();
        TaskTimes times = new TaskTimes(context.config().get(Options.EXECUTOR_TASK_SLOTS));
        ExecutorRecorder recorder = new ExecutorRecorder(pools, times);
        ExecutorGroups groups = new ExecutorGroups(pools, context.config().get(Options.MAX_SITES));
        context.registry().register(new ExecutorCollector(groups, recorder::dropped));
        context.api().add("/api/executors", new ExecutorApi(groups));
        context.track("executor_pools", pools::size);
        sweeper = context.scheduler().scheduleWithFixedDelay(() -> {
            try {
                recorder.sweep();
            } catch (Throwable e) {
                context.failed(name(), e);
            }
        }, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
        context.publishExecutorNames(pool -> {
            PoolState state = pools.get(pool);
            return state == null ? null : state.exportedName;
        });
        FutureProbes.install(new FutureWaits(context.waits()));
        ExecutorProbes.install(recorder);
    }

    @Override
    public void close() {
        ExecutorProbes.install(null);
        FutureProbes.install(null);
        if (sweeper != null) {
            sweeper.cancel(false);
        }
    }
}
