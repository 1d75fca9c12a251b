package dev.threadlens.instrument.thread;

import dev.threadlens.bootstrap.ThreadProbes;
import net.bytebuddy.asm.Advice;

/** Woven into {@code VirtualThread.run(Runnable)}: the whole life of a virtual thread. */
final class VirtualRunAdvice {

    private VirtualRunAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static long enter(@Advice.This Thread thread) {
        return ThreadProbes.virtualStarted(thread);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Thread thread, @Advice.Enter long startNanos) {
        ThreadProbes.virtualEnded(thread, startNanos);
    }
}
