package dev.threadlens.instrument.lockorder;

import dev.threadlens.bootstrap.LockOrderProbes;
import net.bytebuddy.asm.Advice;

/** Woven into the constructors of {@code ReentrantReadWriteLock}: one creation site for the lock, its sync and both views. */
final class ReadWriteLockCreatedAdvice {

    private ReadWriteLockCreatedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object lock, @Advice.FieldValue("sync") Object sync,
            @Advice.FieldValue("readerLock") Object readLock, @Advice.FieldValue("writerLock") Object writeLock) {
        // The no-argument constructor delegates to the other, so this runs twice; the tracker keeps the first.
        LockOrderProbes.created(lock, sync, readLock, writeLock);
    }
}
