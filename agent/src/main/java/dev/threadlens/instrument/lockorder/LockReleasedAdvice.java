package dev.threadlens.instrument.lockorder;

import dev.threadlens.bootstrap.LockOrderProbes;
import net.bytebuddy.asm.Advice;

/** Woven into {@code unlock()}: one hold released (an illegal unlock throws and is not recorded). */
final class LockReleasedAdvice {

    private LockReleasedAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Object lock, @Advice.Thrown Throwable thrown) {
        if (thrown == null) {
            LockOrderProbes.released(lock);
        }
    }
}
