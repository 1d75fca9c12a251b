package dev.threadlens.instrument.locks;

import dev.threadlens.bootstrap.LockProbes;
import net.bytebuddy.asm.Advice;

/**
 * {@code CyclicBarrier.dowait(boolean, long)}: one barrier wait per party. Its internal lock and
 * condition are waited on inside and are left to this wait. The thread that trips the barrier
 * (index 0) did not wait and is not recorded.
 */
final class BarrierAdvice {

    private BarrierAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static boolean enter(@Advice.This Object barrier) {
        return LockProbes.begin(barrier, LockProbes.WAIT_BARRIER);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter boolean measured, @Advice.Return int index, @Advice.Thrown Throwable thrown) {
        if (measured) {
            LockProbes.end(thrown != null ? LockProbes.outcomeOf(thrown)
                    : index == 0 ? LockProbes.OUTCOME_NO_WAIT : LockProbes.OUTCOME_DONE);
        }
    }
}
