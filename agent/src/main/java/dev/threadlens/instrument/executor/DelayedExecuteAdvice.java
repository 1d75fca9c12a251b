package dev.threadlens.instrument.executor;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code ScheduledThreadPoolExecutor.delayedExecute}, which every {@code schedule*},
 * {@code execute} and {@code submit} of a scheduled pool reaches once per task (periodic re-runs
 * go through {@code reExecutePeriodic} instead).
 */
final class DelayedExecuteAdvice {

    private DelayedExecuteAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object pool) {
        ExecutorProbes.scheduling(pool);
    }
}
