package dev.threadlens.bootstrap;

/**
 * Marks the agent's own threads. Every agent thread lives in one thread group; threads the JDK
 * starts on the agent's behalf (the HTTP dispatcher, the JFR stream) inherit that group because
 * the agent creates them from one of its own threads. Probes skip those threads.
 */
public final class AgentThreads {

    /** Prefix of every agent thread's name, so a thread dump shows whose they are. */
    public static final String NAME_PREFIX = "threadlens-";

    private static volatile ThreadGroup group;

    private AgentThreads() {
    }

    /** True when {@code thread} belongs to the agent. A single field read on the probe path. */
    public static boolean isAgentThread(Thread thread) {
        ThreadGroup g = group;
        return g != null && thread.getThreadGroup() == g;
    }

    /** The group of all agent threads, created once per JVM and reused by later attaches. */
    public static ThreadGroup group() {
        ThreadGroup g = group;
        if (g == null) {
            synchronized (AgentThreads.class) {
                g = group;
                if (g == null) {
                    g = new ThreadGroup(rootGroup(), "threadlens");
                    group = g;
                }
            }
        }
        return g;
    }

    /** A new daemon thread in the agent group, not yet started. */
    public static Thread newThread(Runnable task, String name) {
        Thread t = new Thread(group(), task, name.startsWith(NAME_PREFIX) ? name : NAME_PREFIX + name);
        t.setDaemon(true);
        return t;
    }

    private static ThreadGroup rootGroup() {
        ThreadGroup g = Thread.currentThread().getThreadGroup();
        while (g.getParent() != null) {
            g = g.getParent();
        }
        return g;
    }
}
