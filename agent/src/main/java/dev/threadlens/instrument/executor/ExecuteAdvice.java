package dev.threadlens.instrument.executor;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code ThreadPoolExecutor.execute(Runnable)}, which every {@code submit},
 * {@code invokeAll} and {@code invokeAny} reaches: counts the submission and notes when it
 * happened, before the task can reach the queue or a worker.
 */
final class ExecuteAdvice {

    private ExecuteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object pool, @Advice.Argument(0) Runnable task) {
        ExecutorProbes.submitting(pool, task);
    }
}
