package dev.threadlens.instrument.locks;

import dev.threadlens.bootstrap.LockProbes;
import net.bytebuddy.asm.Advice;

/**
 * {@code CountDownLatch.Sync.tryReleaseShared}: true only for the {@code countDown()} that brings
 * the count to zero. Every other {@code countDown()} pays one test of a returned boolean.
 */
final class LatchOpenedAdvice {

    private LatchOpenedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object sync, @Advice.Return boolean opened) {
        if (opened) {
            LockProbes.latchOpened(sync);
        }
    }
}
