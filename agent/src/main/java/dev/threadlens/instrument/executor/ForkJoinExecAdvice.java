package dev.threadlens.instrument.executor;

import dev.threadlens.bootstrap.ExecutorProbes;
import net.bytebuddy.asm.Advice;

/**
 * Woven into {@code ForkJoinTask.doExec()}, through which every fork/join task runs, on a worker
 * or inline in a thread that joins it. Only tasks submitted through the pool's API are timed;
 * the dispatcher tells them apart without touching forked subtasks of pools that have no
 * submission outstanding. Failure: the {@code THROWN} bit of {@code status}, or a failed
 * {@code CompletableFuture} stage run by the task. The dispatcher's one clock reading is both the
 * end of the queue wait and the start of the run; the locals are copied from the thread's task
 * clock straight away, so a task run inline inside this one cannot change them.
 */
final class ForkJoinExecAdvice {

    private ForkJoinExecAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object task, @Advice.Local("state") Object state,
            @Advice.Local("start") long start, @Advice.Local("failures") int failures) {
        Object clock = ExecutorProbes.forkJoinTaskStarting(task);
        if (clock != null) {
            state = ExecutorProbes.takeForkJoinState(clock);
            start = ExecutorProbes.startOf(clock);
            failures = ExecutorProbes.failuresAtStartOf(clock);
        }
    }

    @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
    static void exit(@Advice.FieldValue("status") int status, @Advice.Local("state") Object state,
            @Advice.Local("start") long start, @Advice.Local("failures") int failures) {
        if (state != null) {
            ExecutorProbes.forkJoinTaskEnded(state, start, status, failures);
        }
    }
}
