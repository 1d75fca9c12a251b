package dev.threadlens.instrument.locks;

import dev.threadlens.bootstrap.LockProbes;
import net.bytebuddy.asm.Advice;

/**
 * Constructor exit of an AQS-based primitive ({@code ReentrantLock}, {@code ReentrantReadWriteLock},
 * {@code Semaphore}, {@code CountDownLatch}): registers its synchronizer, which is what the
 * contended slow path sees, with the creation site.
 */
final class CreatedWithSyncAdvice {

    private CreatedWithSyncAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object primitive, @Advice.FieldValue("sync") Object sync, @Kind int kind) {
        LockProbes.created(primitive, sync, kind);
    }
}
