package dev.threadlens.instrument.locks;

import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.threadlens.bootstrap.LockProbes;
import net.bytebuddy.asm.Advice;

/** Hold time, woven only with {@code lockHoldTime=true}: {@code WriteLock.unlock()} entry. */
final class HoldWriteUnlockAdvice {

    private HoldWriteUnlockAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This ReentrantReadWriteLock.WriteLock lock, @Advice.FieldValue("sync") Object sync) {
        LockProbes.unlocking(sync, lock.getHoldCount());
    }
}
