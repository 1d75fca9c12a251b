package dev.threadlens.instrument.executor;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/**
 * JDK 21+: woven into {@code ThreadPerTaskExecutor.ensureNotShutdown()} and
 * {@code newThread(Runnable)}, which refuse a task (shut down; factory gave no thread) before
 * its thread exists.
 */
final class PerTaskRejectAdvice {

    private PerTaskRejectAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.This Object executor, @Advice.Thrown Throwable thrown) {
        if (thrown != null) {
            ExecutorProbes.perTaskRejected(executor, thrown);
        }
    }
}
