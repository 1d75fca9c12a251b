package dev.threadlens.instrument.locks;

import dev.threadlens.bootstrap.LockProbes;
import net.bytebuddy.asm.Advice;

/**
 * {@code StampedLock.acquireWrite/acquireRead(boolean, boolean, long)}: the slow paths behind
 * {@code writeLock()}, {@code readLock()} and their timed and interruptible forms. They return
 * the new stamp, 0 on timeout, or 1 ({@code INTERRUPTED}).
 */
final class StampedAcquireAdvice {

    private StampedAcquireAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static boolean enter(@Advice.This Object lock, @Kind int what) {
        return LockProbes.begin(lock, what);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter boolean measured, @Advice.Return long stamp, @Advice.Thrown Throwable thrown) {
        if (measured) {
            LockProbes.end(thrown != null ? LockProbes.outcomeOf(thrown)
                    : stamp == 0L ? LockProbes.OUTCOME_TIMED_OUT
                    : stamp == 1L ? LockProbes.OUTCOME_INTERRUPTED : LockProbes.OUTCOME_DONE);
        }
    }
}
