package dev.threadlens.instrument.executor;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code ThreadPoolExecutor.Worker.run()}, entered once on each new worker thread:
 * the worker's name can name the pool, and its first task (handed over directly, never queued)
 * starts here. Reads the worker's {@code firstTask} and outer pool fields.
 */
final class WorkerRunAdvice {

    private WorkerRunAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.FieldValue("this$0") Object pool, @Advice.FieldValue("firstTask") Runnable firstTask) {
        ExecutorProbes.workerStarting(pool, firstTask);
    }
}
