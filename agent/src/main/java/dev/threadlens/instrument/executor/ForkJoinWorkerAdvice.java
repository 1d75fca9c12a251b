package dev.threadlens.instrument.executor;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/** Woven into {@code ForkJoinPool.runWorker(WorkQueue)}, entered once on each new worker thread. */
final class ForkJoinWorkerAdvice {

    private ForkJoinWorkerAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object pool) {
        ExecutorProbes.forkJoinWorkerStarting(pool);
    }
}
