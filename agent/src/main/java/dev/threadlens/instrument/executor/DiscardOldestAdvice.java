package dev.threadlens.instrument.executor;

import java.util.concurrent.ThreadPoolExecutor;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code ThreadPoolExecutor.DiscardOldestPolicy.rejectedExecution}, which polls the
 * oldest task off the queue and drops it: that task will never start. The queue head is read
 * only on this rejection path, and only while the agent is on.
 */
final class DiscardOldestAdvice {

    private DiscardOldestAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Runnable enter(@Advice.Argument(1) ThreadPoolExecutor pool) {
        return ExecutorProbes.oldestQueued(pool);
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.Argument(1) ThreadPoolExecutor pool, @Advice.Enter Runnable oldest) {
        if (oldest != null) {
            ExecutorProbes.removed(pool, oldest);
        }
    }
}
