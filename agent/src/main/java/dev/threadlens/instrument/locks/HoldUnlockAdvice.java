package dev.threadlens.instrument.locks;

import java.util.concurrent.locks.ReentrantLock;

import dev.threadlens.bootstrap.LockProbes;
import net.bytebuddy.asm.Advice;

/** Hold time, woven only with {@code lockHoldTime=true}: {@code ReentrantLock.unlock()} entry. */
final class HoldUnlockAdvice {

    private HoldUnlockAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This ReentrantLock lock, @Advice.FieldValue("sync") Object sync) {
        LockProbes.unlocking(sync, lock.getHoldCount());
    }
}
