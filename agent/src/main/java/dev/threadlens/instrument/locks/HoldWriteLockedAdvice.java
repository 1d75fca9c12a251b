package dev.threadlens.instrument.locks;

import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.threadlens.bootstrap.LockProbes;
import net.bytebuddy.asm.Advice;

/** Hold time, woven only with {@code lockHoldTime=true}: {@code WriteLock.lock*}/{@code tryLock*} exit. */
final class HoldWriteLockedAdvice {

    private HoldWriteLockedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This ReentrantReadWriteLock.WriteLock lock, @Advice.FieldValue("sync") Object sync) {
        LockProbes.locked(sync, lock.getHoldCount());
    }
}
