package dev.threadlens.instrument.locks;

import dev.threadlens.bootstrap.LockProbes;
import net.bytebuddy.asm.Advice;

/**
 * {@code AbstractQueuedSynchronizer.acquire(Node, int, boolean, boolean, boolean, long)}: the
 * slow path every AQS primitive enters only after its fast attempt failed. A non-null node is a
 * condition waiter re-acquiring its lock after a signal: part of the condition wait, never lock
 * contention. The result is positive when acquired, 0 on timeout, negative when interrupted.
 */
final class AcquireAdvice {

    private AcquireAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static boolean enter(@Advice.This Object sync, @Advice.Argument(0) Object node,
            @Advice.Argument(2) boolean shared) {
        return node == null && LockProbes.begin(sync, shared ? LockProbes.WAIT_SHARED : LockProbes.WAIT_EXCLUSIVE);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter boolean measured, @Advice.Return int result, @Advice.Thrown Throwable thrown) {
        if (measured) {
            LockProbes.end(thrown != null ? LockProbes.outcomeOf(thrown)
                    : result > 0 ? LockProbes.OUTCOME_DONE
                    : result == 0 ? LockProbes.OUTCOME_TIMED_OUT : LockProbes.OUTCOME_INTERRUPTED);
        }
    }
}
