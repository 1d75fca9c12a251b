package dev.threadlens.launch;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;

/**
 * The agent's own class loader: the agent jar, with the platform loader as parent so that the
 * application's classes (and its own copies of Byte Buddy or the Prometheus client) are never
 * seen. One per attach; dropped on detach so a later attach starts clean.
 */
final class AgentLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String BOOTSTRAP_PACKAGE = "dev.threadlens.bootstrap.";

    private static AgentLoader current;

    private AgentLoader(URL agentJar) {
        super("threadlens", new URL[] {agentJar}, ClassLoader.getPlatformClassLoader());
    }

    /**
     * Bootstrap classes must come from the boot loader alone; a second copy here would make the
     * agent talk to dispatchers the instrumented JDK code never calls.
     */
    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        if (name.startsWith(BOOTSTRAP_PACKAGE)) {
            throw new ClassNotFoundException(name + " must be loaded by the boot class loader");
        }
        return super.findClass(name);
    }

    static synchronized AgentLoader get(URL agentJar) {
        if (current == null) {
            current = new AgentLoader(agentJar);
        }
        return current;
    }

    /** Forgets the loader once the agent has stopped, so its classes can be unloaded. */
    static synchronized void release() {
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // The jar stays open until the loader is collected; nothing else to do.
            }
            current = null;
        }
    }
}
