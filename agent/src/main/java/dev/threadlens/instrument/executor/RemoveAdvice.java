package dev.threadlens.instrument.executor;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/** Woven into {@code ThreadPoolExecutor.remove(Runnable)}: a removed task will never start. */
final class RemoveAdvice {

    private RemoveAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object pool, @Advice.Argument(0) Runnable task, @Advice.Return boolean removed) {
        if (removed) {
            ExecutorProbes.removed(pool, task);
        }
    }
}
