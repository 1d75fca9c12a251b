package dev.threadlens.launch;

import java.io.File;
import java.lang.instrument.Instrumentation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;

/**
 * {@code Premain-Class} and {@code Agent-Class}. Deliberately tiny and loaded by the system class
 * loader: it puts the bootstrap bridge on the boot class path, then starts the agent proper in
 * a class loader of its own, so the application never sees the agent's classes and a detach
 * followed by a new attach starts from fresh state.
 */
public final class AgentEntry {

    private static final String RUNTIME_CLASS = "dev.threadlens.core.Agent";
    private static final String BOOTSTRAP_INSTALLER = "dev.threadlens.core.BootstrapInstaller";

    /** Same key as {@code Agent.STATUS_PROPERTY}, which this class cannot load. */
    private static final String STATUS_PROPERTY = "threadlens.agent.status";

    /** The running agent of this JVM (an {@code AutoCloseable} from the agent loader), or null. */
    private static Object running;

    private AgentEntry() {
    }

    public static void premain(String args, Instrumentation inst) {
        start(args, inst, "premain");
    }

    public static void agentmain(String args, Instrumentation inst) {
        start(args, inst, "attach");
    }

    private static synchronized void start(String args, Instrumentation inst, String mode) {
        try {
            URL jar = AgentEntry.class.getProtectionDomain().getCodeSource().getLocation();
            AgentLoader loader = AgentLoader.get(jar);
            Class.forName(BOOTSTRAP_INSTALLER, true, loader).getMethod("install", Instrumentation.class, File.class)
                    .invoke(null, inst, new File(jar.toURI()));
            Class<?> agent = Class.forName(RUNTIME_CLASS, true, loader);
            Method launch = agent.getMethod("launch", Instrumentation.class, String.class, String.class,
                    Object.class);
            running = launch.invoke(null, inst, args, mode, running);
            if (running == null) {
                AgentLoader.release();
            }
        } catch (Throwable e) {
            // Never stop the host application because of us; tell the attaching tool why.
            Throwable cause = e instanceof InvocationTargetException ? e.getCause() : e;
            System.err.println("[threadlens] ERROR agent did not start, the application runs without it: " + cause);
            System.setProperty(STATUS_PROPERTY, "error: agent did not start: " + cause);
        }
    }
}
