package dev.threadlens.bootstrap;

/**
 * What the current thread is doing when it waits, for waits whose cause the primitive alone
 * does not tell. An executor worker asking its work queue for the next task marks itself
 * {@linkplain #enterExecutorIdle() idle}: a lock or condition wait inside that call is an idle
 * worker waiting for work, never contention or a user-visible signal wait.
 */
public final class WaitContext {

    private static final ThreadLocal<int[]> IDLE_DEPTH = new ThreadLocal<int[]>() {
        @Override
        protected int[] initialValue() {
            return new int[1];
        }
    };

    private WaitContext() {
    }

    /** Called by executor advice when a worker starts waiting for its next task. */
    public static void enterExecutorIdle() {
        IDLE_DEPTH.get()[0]++;
    }

    /** Paired with {@link #enterExecutorIdle()}. */
    public static void exitExecutorIdle() {
        int[] depth = IDLE_DEPTH.get();
        if (depth[0] > 0) {
            depth[0]--;
        }
    }

    /** True while the current thread is an executor worker waiting for work. Slow paths only. */
    public static boolean inExecutorIdle() {
        return IDLE_DEPTH.get()[0] > 0;
    }
}
