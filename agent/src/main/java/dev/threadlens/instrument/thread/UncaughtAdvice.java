package dev.threadlens.instrument.thread;

import dev.threadlens.bootstrap.ThreadProbes;
import net.bytebuddy.asm.Advice;

/** Woven into {@code Thread.dispatchUncaughtException}: a thread is dying of an exception. */
final class UncaughtAdvice {

    private UncaughtAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Thread thread, @Advice.Argument(0) Throwable error) {
        ThreadProbes.uncaught(thread, error);
    }
}
