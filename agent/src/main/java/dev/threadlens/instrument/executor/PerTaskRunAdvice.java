package dev.threadlens.instrument.executor;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/**
 * JDK 21+: woven into {@code ThreadPerTaskExecutor.TaskRunner.run()} ({@code execute}) and
 * {@code ThreadBoundFuture.run()} ({@code submit}), which run one task on its own thread.
 */
final class PerTaskRunAdvice {

    private PerTaskRunAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.FieldValue("executor") Object executor, @Advice.Local("start") long start,
            @Advice.Local("failures") int failures) {
        start = ExecutorProbes.perTaskRunning(executor);
        if (start != 0L) {
            failures = ExecutorProbes.failureMark();
        }
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.FieldValue("executor") Object executor, @Advice.Local("start") long start,
            @Advice.Local("failures") int failures, @Advice.Thrown Throwable thrown) {
        if (start != 0L) {
            ExecutorProbes.perTaskEnded(executor, start, failures, thrown);
        }
    }
}
