package dev.threadlens.instrument.executor;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.returns;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.threadlens.bootstrap.ExecutorProbes;
import dev.threadlens.bootstrap.FutureProbes;
import dev.threadlens.bootstrap.WaitContext;
import dev.threadlens.instrument.InstrumentationModule;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;

/**
 * Executors, measured from the pools' own methods without wrapping a task (wrapping would change
 * what {@code getQueue()}, {@code remove(task)} and {@code shutdownNow()} return). Every method
 * named here exists with this signature on JDK 17 and 25; where they differ (fork/join
 * submission), each JDK's method is matched and the other simply does not exist.
 *
 * <ul>
 * <li>{@code ThreadPoolExecutor} (and {@code ScheduledThreadPoolExecutor}, which inherits its
 *     worker loop): construction, {@code execute}, {@code reject}, {@code remove},
 *     {@code shutdownNow}, {@code getTask} (the task boundary and the idle wait),
 *     {@code processWorkerExit}, {@code Worker.run}, {@code DiscardOldestPolicy}.</li>
 * <li>{@code ScheduledThreadPoolExecutor}: {@code delayedExecute}, {@code ScheduledFutureTask.run}.</li>
 * <li>{@code ForkJoinPool}: construction, the submission funnel ({@code poolSubmit} on JDK 21+,
 *     the private {@code externalSubmit} before), {@code runWorker}; {@code ForkJoinTask.doExec}.</li>
 * <li>{@code ThreadPerTaskExecutor} (JDK 21+, behind {@code Executors.newVirtualThreadPerTaskExecutor}
 *     and {@code newThreadPerTaskExecutor}): construction, refusal, {@code start(Thread)}, and the
 *     two per-task runners.</li>
 * <li>Failures a pool cannot see: {@code FutureTask.setException},
 *     {@code CompletableFuture.AsyncSupply/AsyncRun.run}.</li>
 * <li>Waits on futures: {@code FutureTask.awaitDone}, {@code CompletableFuture.waitingGet/timedGet}.</li>
 * </ul>
 */
public final class ExecutorInstrumentation implements InstrumentationModule {

    private static final String JUC = "java.util.concurrent.";

    @Override
    public String name() {
        return "executors";
    }

    /**
     * Every advice is built here, before the transformer is installed, not inside a transform
     * callback: building one reflects on the advice class, which loads the JDK types in its
     * signature (ForkJoinTask, CompletableFuture...). A class loaded while Byte Buddy is
     * transforming another one on the same thread is skipped by its circularity guard, and since
     * it was not loaded yet when the agent listed the classes to retransform, it would never be
     * instrumented.
     */
    @Override
    public AgentBuilder extend(AgentBuilder builder) {
        AgentBuilder.Transformer threadPool = visit(
                Advice.to(PoolCreatedAdvice.class).on(isConstructor().and(takesArguments(7))),
                Advice.to(ExecuteAdvice.class).on(named("execute").and(takesArguments(Runnable.class))),
                Advice.to(RejectAdvice.class).on(named("reject").and(takesArguments(Runnable.class))),
                Advice.to(RemoveAdvice.class)
                        .on(named("remove").and(takesArguments(Runnable.class)).and(returns(boolean.class))),
                Advice.to(ShutdownNowAdvice.class).on(named("shutdownNow").and(takesArguments(0))),
                Advice.to(GetTaskAdvice.class).on(named("getTask").and(takesArguments(0))),
                Advice.to(WorkerExitAdvice.class)
                        .on(named("processWorkerExit").and(takesArguments(2)).and(takesArgument(1, boolean.class))));
        AgentBuilder.Transformer worker = visit(
                Advice.to(WorkerRunAdvice.class).on(named("run").and(takesArguments(0))));
        AgentBuilder.Transformer discardOldest = visit(
                Advice.to(DiscardOldestAdvice.class).on(named("rejectedExecution").and(takesArguments(2))));
        AgentBuilder.Transformer scheduled = visit(
                Advice.to(DelayedExecuteAdvice.class).on(named("delayedExecute").and(takesArguments(1))));
        AgentBuilder.Transformer scheduledTask = visit(
                Advice.to(ScheduledRunAdvice.class).on(named("run").and(takesArguments(0))));
        AgentBuilder.Transformer futureTask = visit(
                Advice.to(FutureFailedAdvice.class).on(named("setException").and(takesArguments(Throwable.class))),
                Advice.to(FutureWaitAdvice.class).on(named("awaitDone").and(takesArguments(boolean.class, long.class))));
        AgentBuilder.Transformer completableFuture = visit(
                Advice.to(FutureWaitAdvice.class).on(named("waitingGet").and(takesArguments(boolean.class))
                        .or(named("timedGet").and(takesArguments(long.class)))));
        AgentBuilder.Transformer asyncTask = visit(
                Advice.to(AsyncTaskAdvice.class).on(named("run").and(takesArguments(0))));
        AgentBuilder.Transformer forkJoinPool = visit(
                Advice.to(PoolCreatedAdvice.class).on(isConstructor()),
                Advice.to(PoolSubmitAdvice.class)
                        .on(named("poolSubmit").and(takesArguments(2)).and(takesArgument(0, boolean.class))),
                Advice.to(ExternalSubmitAdvice.class).on(named("externalSubmit").and(isPrivate()).and(takesArguments(1))),
                Advice.to(ForkJoinWorkerAdvice.class).on(named("runWorker").and(takesArguments(1))));
        AgentBuilder.Transformer forkJoinTask = visit(
                Advice.to(ForkJoinExecAdvice.class).on(named("doExec").and(takesArguments(0))));
        AgentBuilder.Transformer perTask = visit(
                Advice.to(PoolCreatedAdvice.class).on(isConstructor()),
                Advice.to(PerTaskRejectAdvice.class).on(named("ensureNotShutdown").and(takesArguments(0))
                        .or(named("newThread").and(takesArguments(Runnable.class)))),
                Advice.to(PerTaskStartAdvice.class).on(named("start").and(takesArguments(Thread.class))));
        AgentBuilder.Transformer perTaskRunner = visit(
                Advice.to(PerTaskRunAdvice.class).on(named("run").and(takesArguments(0))));
        return builder
                .type(named(JUC + "ThreadPoolExecutor")).transform(threadPool)
                .type(named(JUC + "ThreadPoolExecutor$Worker")).transform(worker)
                .type(named(JUC + "ThreadPoolExecutor$DiscardOldestPolicy")).transform(discardOldest)
                .type(named(JUC + "ScheduledThreadPoolExecutor")).transform(scheduled)
                .type(named(JUC + "ScheduledThreadPoolExecutor$ScheduledFutureTask")).transform(scheduledTask)
                .type(named(JUC + "FutureTask")).transform(futureTask)
                .type(named(JUC + "CompletableFuture")).transform(completableFuture)
                .type(named(JUC + "CompletableFuture$AsyncSupply").or(named(JUC + "CompletableFuture$AsyncRun")))
                .transform(asyncTask)
                .type(named(JUC + "ForkJoinPool")).transform(forkJoinPool)
                .type(named(JUC + "ForkJoinTask")).transform(forkJoinTask)
                .type(named(JUC + "ThreadPerTaskExecutor")).transform(perTask)
                .type(named(JUC + "ThreadPerTaskExecutor$TaskRunner")
                        .or(named(JUC + "ThreadPerTaskExecutor$ThreadBoundFuture")))
                .transform(perTaskRunner);
    }

    private static AgentBuilder.Transformer visit(AsmVisitorWrapper... advice) {
        return (builder, type, loader, module, domain) -> {
            for (AsmVisitorWrapper a : advice) {
                builder = builder.visit(a);
            }
            return builder;
        };
    }

    @Override
    public Class<?>[] dispatchers() {
        return new Class<?>[] {ExecutorProbes.class, FutureProbes.class, WaitContext.class};
    }
}
