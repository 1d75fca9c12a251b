package dev.threadlens.instrument.executor;

import dev.threadlens.bootstrap.ExecutorProbes;
import dev.threadlens.bootstrap.WaitContext;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code ThreadPoolExecutor.getTask()}, the task boundary of every worker (also of
 * {@code ScheduledThreadPoolExecutor}'s, whose delay queue waits inside it). Entering it, the
 * worker's previous task has ended; while inside, the worker is an idle worker waiting for work
 * ({@link WaitContext}); the task it returns starts now. {@code runWorker} itself is never
 * changed: its frame lives as long as the worker, so changes there would miss pools that exist
 * before an attach and outlive a detach.
 */
final class GetTaskAdvice {

    private GetTaskAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter() {
        ExecutorProbes.workerIdle();
        WaitContext.enterExecutorIdle();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.This Object pool, @Advice.Return Runnable task) {
        WaitContext.exitExecutorIdle();
        ExecutorProbes.workerTaskStarting(pool, task);
    }
}
