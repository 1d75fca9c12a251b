package dev.threadlens.instrument.executor;

import java.util.concurrent.ForkJoinTask;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/**
 * JDK 21+: woven into the private {@code ForkJoinPool.poolSubmit(boolean, ForkJoinTask)}, which
 * {@code execute}, {@code submit}, {@code invoke}, {@code invokeAll}, {@code externalSubmit} and
 * {@code lazySubmit} reach (forks do not).
 */
final class PoolSubmitAdvice {

    private PoolSubmitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object pool, @Advice.Argument(1) ForkJoinTask<?> task) {
        ExecutorProbes.forkJoinSubmitting(pool, task);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.This Object pool, @Advice.Argument(1) ForkJoinTask<?> task,
            @Advice.Thrown Throwable thrown) {
        if (thrown != null) {
            ExecutorProbes.forkJoinSubmitFailed(pool, task, thrown);
        }
    }
}
