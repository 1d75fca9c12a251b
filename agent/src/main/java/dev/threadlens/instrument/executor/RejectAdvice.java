package dev.threadlens.instrument.executor;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code ThreadPoolExecutor.reject(Runnable)}, the one place that invokes the
 * rejection handler: every rejection counts, whatever the policy (abort, caller-runs, discard,
 * a custom one).
 */
final class RejectAdvice {

    private RejectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object pool, @Advice.Argument(0) Runnable task) {
        ExecutorProbes.rejected(pool, task);
    }
}
