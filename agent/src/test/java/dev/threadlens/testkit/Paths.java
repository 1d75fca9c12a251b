package dev.threadlens.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the built artifacts are; set by the build (failsafe) and checked once. */
public final class Paths {

    private Paths() {
    }

    /** {@code agent/target/threadlens-agent.jar}, the shaded agent. */
    public static Path agentJar() {
        return existing("threadlens.agent.jar", "agent/target/threadlens-agent.jar", "../agent/target/threadlens-agent.jar");
    }

    /** Test classes of the agent module: the test applications the child JVMs run. */
    public static Path testApps() {
        return existing("threadlens.test.apps", "agent/target/test-classes", "../agent/target/test-classes",
                "target/test-classes");
    }

    /** {@code demo-app/target/demo-app.jar}. */
    public static Path demoJar() {
        return existing("threadlens.demo.jar", "demo-app/target/demo-app.jar", "../demo-app/target/demo-app.jar");
    }

    private static Path existing(String property, String... defaults) {
        String configured = System.getProperty(property);
        if (configured != null) {
            Path p = Path.of(configured).toAbsolutePath();
            if (!Files.exists(p)) {
                throw new IllegalStateException(property + " points at " + p + ", which does not exist; run mvn package");
            }
            return p;
        }
        for (String d : defaults) {
            Path p = Path.of(d).toAbsolutePath();
            if (Files.exists(p)) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find " + defaults[0] + " (set -D" + property + "); run mvn package");
    }
}
