package dev.threadlens.threads;

import java.util.Arrays;

/**
 * Every live platform thread, read from the thread groups: a cheap walk that asks the JVM for
 * nothing per thread (no {@code ThreadInfo}, no safepoint). Name, state and daemon flag come
 * straight from each {@link Thread}; virtual threads are not listed.
 */
final class LiveThreads {

    private LiveThreads() {
    }

    static Thread[] all() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads = new Thread[root.activeCount() + 32];
        int n = root.enumerate(threads, true);
        while (n == threads.length) { // more threads than room: grow and read again
            threads = new Thread[threads.length * 2];
            n = root.enumerate(threads, true);
        }
        return Arrays.copyOf(threads, n);
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; getId() is the same number
    static long id(Thread thread) {
        return thread.getId();
    }
}
