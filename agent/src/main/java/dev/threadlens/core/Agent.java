package dev.threadlens.core;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.util.Properties;

import dev.threadlens.config.Config;
import dev.threadlens.config.ConfigException;
import dev.threadlens.config.Options;
import dev.threadlens.log.Log;

/**
 * The agent proper, entered from {@code AgentEntry} in the agent's own class loader. Decides
 * between start, detach and refusal, and makes sure a problem never takes the application down
 * (unless {@code strict=true} asks for exactly that).
 */
public final class Agent {

    /** System property through which the agent tells tools (the CLI) how it is doing. */
    public static final String STATUS_PROPERTY = Config.INTERNAL_PROPERTY_PREFIX + "status";
    /** System property holding the endpoint URL while the agent runs. */
    public static final String ENDPOINT_PROPERTY = Config.INTERNAL_PROPERTY_PREFIX + "endpoint";
    /** Agent argument that stops a running agent. */
    public static final String DETACH = "detach";
    /** Exit status when {@code strict=true} and the agent cannot start as configured. */
    public static final int STRICT_EXIT_STATUS = 2;

    private Agent() {
    }

    /**
     * Starts, or with {@code args=detach} stops, the agent.
     *
     * @param running the agent already running in this JVM, or null
     * @return the running agent (an {@link AutoCloseable}), or null when none runs now
     */
    public static Object launch(Instrumentation inst, String args, String mode, Object running) {
        if (args != null && args.trim().equals(DETACH)) {
            return detach(running);
        }
        if (running != null) {
            String message = "threadlens is already running in this JVM (" + System.getProperty(ENDPOINT_PROPERTY,
                    "no endpoint") + "); detach it first";
            System.setProperty(STATUS_PROPERTY, "error: " + message);
            Log.warn(message);
            return running;
        }
        boolean premain = mode.equals("premain");
        Properties sys = System.getProperties();
        Config config;
        try {
            config = Config.load(args, sys, System.getenv());
            Log.setLevel(config.get(Options.LOG_LEVEL));
        } catch (ConfigException e) {
            refuse(e.getMessage(), Config.strictRequested(args, sys, System.getenv()), premain);
            return null;
        }
        if (!config.get(Options.ENABLED)) {
            System.setProperty(STATUS_PROPERTY, "disabled");
            Log.info("disabled by enabled=false (" + config.source(Options.ENABLED) + ")");
            return null;
        }
        try {
            AgentRuntime runtime = AgentRuntime.start(inst, config, mode, version());
            if (!runtime.startingInBackground()) {
                System.setProperty(STATUS_PROPERTY, "running");
            }
            return runtime;
        } catch (ConfigException e) {
            refuse(e.getMessage(), config.get(Options.STRICT), premain);
            return null;
        } catch (Throwable e) {
            Log.error("could not start, the application runs without the agent: " + e);
            System.setProperty(STATUS_PROPERTY, "error: could not start: " + e);
            if (config.get(Options.STRICT) && premain) {
                System.exit(STRICT_EXIT_STATUS);
            }
            return null;
        }
    }

    private static Object detach(Object running) {
        if (running == null) {
            System.setProperty(STATUS_PROPERTY, "error: threadlens is not running in this JVM");
            return null;
        }
        try {
            ((AutoCloseable) running).close();
        } catch (Exception e) {
            Log.error("detach did not complete cleanly: " + e);
        }
        System.setProperty(STATUS_PROPERTY, "detached");
        return null;
    }

    /** One line on stderr, then either exit (strict, at start-up) or carry on without the agent. */
    private static void refuse(String problem, boolean strict, boolean premain) {
        if (strict) {
            System.err.println("[threadlens] ERROR " + problem + "; strict=true, so the JVM exits");
            System.setProperty(STATUS_PROPERTY, "error: " + problem);
            if (premain) {
                System.exit(STRICT_EXIT_STATUS);
            }
            return;
        }
        System.err.println("[threadlens] ERROR " + problem + "; the application runs without the agent");
        System.setProperty(STATUS_PROPERTY, "error: " + problem);
    }

    /** The agent's version, from the build. */
    public static String version() {
        try (InputStream in = Agent.class.getResourceAsStream("/dev/threadlens/version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
