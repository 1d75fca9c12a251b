package dev.threadlens.instrument.locks;

import dev.threadlens.bootstrap.LockProbes;
import net.bytebuddy.asm.Advice;

/**
 * {@code ConditionObject.signal()} / {@code signalAll()}: whether anybody was waiting is read
 * before the call (the first waiter is gone after it); the signal is reported only when the call
 * succeeded (not by a thread that did not hold the lock).
 */
final class SignalAdvice {

    private SignalAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static boolean enter(@Advice.FieldValue("firstWaiter") Object firstWaiter) {
        return firstWaiter == null;
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Object condition, @Advice.Enter boolean noWaiter, @Kind int all) {
        LockProbes.signalled(condition, all != 0, noWaiter);
    }
}
