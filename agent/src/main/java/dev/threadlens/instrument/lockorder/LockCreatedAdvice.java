package dev.threadlens.instrument.lockorder;

import dev.threadlens.bootstrap.LockOrderProbes;
import net.bytebuddy.asm.Advice;

/** Woven into the constructors of {@code ReentrantLock}: records where the lock was created. */
final class LockCreatedAdvice {

    private LockCreatedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object lock, @Advice.FieldValue("sync") Object sync) {
        LockOrderProbes.created(lock, sync, null, null);
    }
}
