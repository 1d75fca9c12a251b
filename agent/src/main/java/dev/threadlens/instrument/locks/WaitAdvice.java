package dev.threadlens.instrument.locks;

import dev.threadlens.bootstrap.LockProbes;
import net.bytebuddy.asm.Advice;

/**
 * A method whose whole call is one wait on {@code this}: {@code Phaser.internalAwaitAdvance}
 * (reached only when a party must wait for the others) and {@code Exchanger.exchange}.
 */
final class WaitAdvice {

    private WaitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static boolean enter(@Advice.This Object primitive, @Kind int what) {
        return LockProbes.begin(primitive, what);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter boolean measured, @Advice.Thrown Throwable thrown) {
        if (measured) {
            LockProbes.end(thrown != null ? LockProbes.outcomeOf(thrown) : LockProbes.OUTCOME_DONE);
        }
    }
}
