package dev.threadlens.instrument.executor;

import java.util.concurrent.CompletableFuture;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code CompletableFuture.AsyncSupply.run()} and {@code AsyncRun.run()}, the tasks
 * behind {@code supplyAsync}/{@code runAsync}: they catch the supplier's exception into the
 * future they complete, so failure shows only on that future ({@code dep}, cleared by
 * {@code run}, hence read on entry).
 */
final class AsyncTaskAdvice {

    private AsyncTaskAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static CompletableFuture<?> enter(@Advice.FieldValue("dep") CompletableFuture<?> dep) {
        return dep == null || dep.isDone() ? null : dep;
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Enter CompletableFuture<?> dep) {
        if (dep != null && dep.isCompletedExceptionally()) {
            ExecutorProbes.taskFailed();
        }
    }
}
