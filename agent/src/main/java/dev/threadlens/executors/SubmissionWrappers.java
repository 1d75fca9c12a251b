package dev.threadlens.executors;

import java.util.concurrent.CompletableFuture;

/**
 * Tells the fork/join tasks a pool made for a submitted {@code Runnable} or {@code Callable}, or
 * a {@code CompletableFuture} async step, from all others. Those are never forked, so when one
 * is not near its ring's hint it is worth a look through the whole ring; an application's own
 * {@code ForkJoinTask}s keep their submit time in the table instead, since their forked
 * subtasks, of the same class, must not each cost a whole-ring scan.
 *
 * <p>The answer is a class name test, remembered per class in a small direct-mapped cache
 * (indexed by the class's identity hash, which a {@code Class} has once asked): written on a
 * class's first sight only, so threads submitting the same few task types share its lines
 * read-only.
 */
final class SubmissionWrappers {

    private static final String FORK_JOIN_TASK_NESTED = "java.util.concurrent.ForkJoinTask$";
    private static final int SIZE = 32;

    private final Class<?>[] wrappers = new Class<?>[SIZE];
    private final Class<?>[] others = new Class<?>[SIZE];

    boolean isWrapper(Object task) {
        Class<?> type = task.getClass();
        int i = System.identityHashCode(type) & (SIZE - 1);
        if (wrappers[i] == type) {
            return true;
        }
        if (others[i] == type) {
            return false;
        }
        boolean wrapper = task instanceof CompletableFuture.AsynchronousCompletionTask
                || type.getName().startsWith(FORK_JOIN_TASK_NESTED);
        (wrapper ? wrappers : others)[i] = type;
        return wrapper;
    }
}
