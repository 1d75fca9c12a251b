package dev.threadlens.instrument.executor;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code FutureTask.setException}: the callable behind {@code submit()} threw. The
 * pool never sees that exception (the future keeps it), but a user would call the task failed.
 */
final class FutureFailedAdvice {

    private FutureFailedAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter() {
        ExecutorProbes.taskFailed();
    }
}
