package dev.threadlens.bootstrap;

/**
 * Keeps probes from firing inside the agent: on agent threads, and re-entrantly while a probe's
 * own work (a map, a metric) takes a lock that is itself probed. Only slow paths call it; it
 * costs one thread-local read.
 */
public final class ProbeGuard {

    private static final ThreadLocal<boolean[]> INSIDE = new ThreadLocal<boolean[]>() {
        @Override
        protected boolean[] initialValue() {
            return new boolean[1];
        }
    };

    private ProbeGuard() {
    }

    /**
     * Enters a probe. Returns false, and the caller must do nothing, when the current thread is an
     * agent thread or is already inside a probe. A true return must be paired with {@link #exit()}.
     */
    public static boolean enter() {
        Thread current = Thread.currentThread();
        if (AgentThreads.isAgentThread(current)) {
            return false;
        }
        boolean[] inside = INSIDE.get();
        if (inside[0]) {
            return false;
        }
        inside[0] = true;
        return true;
    }

    public static void exit() {
        INSIDE.get()[0] = false;
    }
}
