package dev.threadlens.instrument.locks;

import java.util.concurrent.locks.ReentrantLock;

import dev.threadlens.bootstrap.LockProbes;
import net.bytebuddy.asm.Advice;

/**
 * Hold time, woven only with {@code lockHoldTime=true}: {@code ReentrantLock.lock*} and
 * {@code tryLock*} exit. A hold count of 1 means this call took the lock (not a re-entry).
 */
final class HoldLockedAdvice {

    private HoldLockedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This ReentrantLock lock, @Advice.FieldValue("sync") Object sync) {
        LockProbes.locked(sync, lock.getHoldCount());
    }
}
