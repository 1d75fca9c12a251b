package dev.threadlens.instrument.executor;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code ThreadPoolExecutor.processWorkerExit(Worker, boolean)}: a worker leaving
 * abruptly was killed by its task's exception (from {@code execute(Runnable)}; {@code submit}
 * keeps it in the future), so that task failed.
 */
final class WorkerExitAdvice {

    private WorkerExitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.Argument(1) boolean completedAbruptly) {
        ExecutorProbes.workerExiting(completedAbruptly);
    }
}
