package dev.threadlens.instrument.locks;

import dev.threadlens.bootstrap.LockProbes;
import net.bytebuddy.asm.Advice;

/**
 * {@code Thread.sleep(long[, int])} and, on JDK 19+, {@code Thread.sleepNanos(long)}, for any
 * positive amount ({@code sleep(0)} is a yield). On JDK 17 {@code sleep(long)} is native and
 * cannot carry advice: only {@code sleep(long, int)} is seen there; JFR covers the rest.
 */
final class SleepAdvice {

    private SleepAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static boolean enter(@Advice.Argument(0) long amount) {
        return amount > 0 && LockProbes.begin(Thread.currentThread(), LockProbes.WAIT_SLEEP);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter boolean measured, @Advice.Thrown Throwable thrown) {
        if (measured) {
            LockProbes.end(thrown != null ? LockProbes.outcomeOf(thrown) : LockProbes.OUTCOME_DONE);
        }
    }
}
