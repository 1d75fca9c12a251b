package dev.threadlens.instrument.executor;

import java.util.concurrent.ForkJoinTask;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/**
 * JDK 17-20: woven into the private {@code ForkJoinPool.externalSubmit(ForkJoinTask)}, which
 * {@code execute}, {@code submit}, {@code invoke} and {@code invokeAll} reach (forks do not).
 */
final class ExternalSubmitAdvice {

    private ExternalSubmitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object pool, @Advice.Argument(0) ForkJoinTask<?> task) {
        ExecutorProbes.forkJoinSubmitting(pool, task);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.This Object pool, @Advice.Argument(0) ForkJoinTask<?> task,
            @Advice.Thrown Throwable thrown) {
        if (thrown != null) {
            ExecutorProbes.forkJoinSubmitFailed(pool, task, thrown);
        }
    }
}
