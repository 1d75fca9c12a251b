package dev.threadlens.executors;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class SubmissionWrappersTest {

    private final SubmissionWrappers wrappers = new SubmissionWrappers();

    /** An application's own task: its forked subtasks are of the same class. */
    static final class Sum extends RecursiveTask<Integer> {
        private static final long serialVersionUID = 1L;

        @Override
        protected Integer compute() {
            return 0;
        }
    }

    @Test
    void tasksThePoolMadeForASubmissionAreWrappers() {
        assertTrue(wrappers.isWrapper(ForkJoinTask.adapt(() -> 1)), "submit(Callable)");
        assertTrue(wrappers.isWrapper(ForkJoinTask.adapt(() -> { })), "submit(Runnable)");
        AtomicReference<Runnable> step = new AtomicReference<>();
        CompletableFuture.supplyAsync(() -> 1, step::set);
        assertTrue(wrappers.isWrapper(step.get()), "a CompletableFuture async step: " + step.get().getClass());
    }

    @Test
    void applicationTasksAreNot() {
        assertFalse(wrappers.isWrapper(new Sum()));
        assertFalse(wrappers.isWrapper(new Object()));
    }

    @Test
    void answersStayTheSameOnceRemembered() {
        Object wrapper = ForkJoinTask.adapt(() -> 1);
        Sum own = new Sum();
        for (int i = 0; i < 3; i++) {
            assertTrue(wrappers.isWrapper(wrapper));
            assertFalse(wrappers.isWrapper(own));
        }
    }
}
