package dev.threadlens.instrument.executor;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code ScheduledThreadPoolExecutor.ScheduledFutureTask.run()}: the task's trigger
 * time ({@code time}, in {@code System.nanoTime} units) against now is how late it starts.
 */
final class ScheduledRunAdvice {

    private ScheduledRunAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.FieldValue("this$0") Object pool, @Advice.FieldValue("time") long triggerNanos) {
        ExecutorProbes.scheduledTaskStarting(pool, triggerNanos);
    }
}
