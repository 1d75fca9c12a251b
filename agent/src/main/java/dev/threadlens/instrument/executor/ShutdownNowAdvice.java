package dev.threadlens.instrument.executor;

import java.util.List;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/** Woven into {@code ThreadPoolExecutor.shutdownNow()}: the returned tasks never ran. */
final class ShutdownNowAdvice {

    private ShutdownNowAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object pool, @Advice.Return List<Runnable> drained) {
        ExecutorProbes.drained(pool, drained);
    }
}
