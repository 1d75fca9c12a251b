package dev.threadlens.instrument.thread;

import dev.threadlens.bootstrap.ThreadProbes;
import net.bytebuddy.asm.Advice;

/** Woven into {@code Thread.exit}, which the VM calls on a platform thread that is ending. */
final class ExitAdvice {

    private ExitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Thread thread) {
        ThreadProbes.exiting(thread);
    }
}
