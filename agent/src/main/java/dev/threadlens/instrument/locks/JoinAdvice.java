package dev.threadlens.instrument.locks;

import dev.threadlens.bootstrap.LockProbes;
import net.bytebuddy.asm.Advice;

/**
 * {@code Thread.join*}: a wait only when the thread is still alive. The variants call each other
 * (and on JDK 21+ a virtual thread's join waits on a latch); the outermost call is the wait.
 */
final class JoinAdvice {

    private JoinAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static boolean enter(@Advice.This Thread thread) {
        return thread.isAlive() && LockProbes.begin(thread, LockProbes.WAIT_JOIN);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter boolean measured, @Advice.Thrown Throwable thrown) {
        if (measured) {
            LockProbes.end(thrown != null ? LockProbes.outcomeOf(thrown) : LockProbes.OUTCOME_DONE);
        }
    }
}
