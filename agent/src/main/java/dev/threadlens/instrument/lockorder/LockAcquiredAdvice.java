package dev.threadlens.instrument.lockorder;

import dev.threadlens.bootstrap.LockOrderProbes;
import net.bytebuddy.asm.Advice;

/** Woven into {@code lock()} and {@code lockInterruptibly()}: a blocking acquisition succeeded. */
final class LockAcquiredAdvice {

    private LockAcquiredAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Object lock, @Advice.Thrown Throwable thrown) {
        if (thrown == null) {
            LockOrderProbes.acquired(lock, true);
        }
    }
}
