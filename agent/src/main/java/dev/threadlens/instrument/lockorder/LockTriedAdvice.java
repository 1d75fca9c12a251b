package dev.threadlens.instrument.lockorder;

import dev.threadlens.bootstrap.LockOrderProbes;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code tryLock()} and {@code tryLock(long, TimeUnit)}: when it succeeded, the lock is
 * held. An untimed {@code tryLock()} never waits, so it adds no ordering constraint of its own.
 */
final class LockTriedAdvice {

    private LockTriedAdvice() {
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Object lock, @Advice.Return boolean taken, @Advice.Thrown Throwable thrown,
            @Advice.Origin("#d") String descriptor) {
        if (taken && thrown == null) {
            LockOrderProbes.acquired(lock, !descriptor.equals("()Z"));
        }
    }
}
