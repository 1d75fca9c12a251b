package dev.threadlens.instrument.executor;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/**
 * Woven into the constructors of {@code ThreadPoolExecutor} (the one all others delegate to),
 * {@code ForkJoinPool} and {@code ThreadPerTaskExecutor}: registers the pool with its creation
 * site while the creating code is still on the stack.
 */
final class PoolCreatedAdvice {

    private PoolCreatedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object pool) {
        ExecutorProbes.created(pool);
    }
}
