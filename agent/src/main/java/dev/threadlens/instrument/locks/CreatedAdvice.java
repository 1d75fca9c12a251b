package dev.threadlens.instrument.locks;

import dev.threadlens.bootstrap.LockProbes;
import net.bytebuddy.asm.Advice;

/**
 * Constructor exit of a primitive that waits in its own code ({@code StampedLock},
 * {@code CyclicBarrier}, {@code Phaser}, {@code Exchanger}, a {@code Condition}): registers the
 * object itself with its creation site.
 */
final class CreatedAdvice {

    private CreatedAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object primitive, @Kind int kind) {
        LockProbes.created(primitive, primitive, kind);
    }
}
