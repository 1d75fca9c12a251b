package dev.threadlens.instrument.locks;

import dev.threadlens.bootstrap.LockProbes;
import net.bytebuddy.asm.Advice;

/**
 * {@code ConditionObject.await*}: the whole call, from releasing the lock to having it back, is
 * the condition wait (the re-acquire inside is not lock contention; see {@link AcquireAdvice}).
 */
final class AwaitAdvice {

    private AwaitAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static boolean enter(@Advice.This Object condition, @Advice.FieldValue("this$0") Object sync) {
        return LockProbes.awaiting(condition, sync);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter boolean measured, @Advice.Thrown Throwable thrown) {
        if (measured) {
            LockProbes.end(thrown != null ? LockProbes.outcomeOf(thrown) : LockProbes.OUTCOME_DONE);
        }
    }
}
