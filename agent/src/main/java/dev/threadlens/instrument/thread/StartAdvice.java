package dev.threadlens.instrument.thread;

import dev.threadlens.bootstrap.ThreadProbes;
import net.bytebuddy.asm.Advice;

/** Woven into {@code Thread.start}: counts the start before the thread can possibly end. */
final class StartAdvice {

    private StartAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static boolean enter(@Advice.This Thread thread) {
        return ThreadProbes.starting(thread);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Thread thread, @Advice.Enter boolean counted, @Advice.Thrown Throwable thrown) {
        if (counted && thrown != null) {
            ThreadProbes.startFailed(thread);
        }
    }
}
