package dev.threadlens.instrument.executor;

import dev.threadlens.bootstrap.FutureProbes;
import net.bytebuddy.asm.Advice;

/**
 * Woven into the blocking paths of futures: {@code FutureTask.awaitDone(boolean, long)} and
 * {@code CompletableFuture.waitingGet(boolean)} / {@code timedGet(long)}. A future that is
 * already complete returns before reaching them, so the fast path costs nothing.
 */
final class FutureWaitAdvice {

    private FutureWaitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter() {
        return FutureProbes.waitStarting();
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Enter long start) {
        FutureProbes.waitEnded(start);
    }
}
