package dev.threadlens.instrument.executor;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/**
 * JDK 21+: woven into {@code ThreadPerTaskExecutor.start(Thread)}, which every task passes with
 * the thread created for it: the submission, and the start of its wait for that thread to run.
 */
final class PerTaskStartAdvice {

    private PerTaskStartAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object executor, @Advice.Argument(0) Thread thread) {
        ExecutorProbes.perTaskStarting(executor, thread);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.This Object executor, @Advice.Argument(0) Thread thread,
            @Advice.Thrown Throwable thrown) {
        if (thrown != null) {
            ExecutorProbes.perTaskStartFailed(executor, thread, thrown);
        }
    }
}
