package dev.threadlens.instrument.locks;

import java.time.Duration;

import dev.threadlens.bootstrap.LockProbes;
import net.bytebuddy.asm.Advice;

/** {@code Thread.sleep(Duration)} (JDK 19+), for a positive duration. */
final class SleepDurationAdvice {

    private SleepDurationAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static boolean enter(@Advice.Argument(0) Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero()
                && LockProbes.begin(Thread.currentThread(), LockProbes.WAIT_SLEEP);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.Enter boolean measured, @Advice.Thrown Throwable thrown) {
        if (measured) {
            LockProbes.end(thrown != null ? LockProbes.outcomeOf(thrown) : LockProbes.OUTCOME_DONE);
        }
    }
}
