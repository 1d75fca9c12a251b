package dev.threadlens.dashboards.prometheus;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the Prometheus tools: {@code -Dthreadlens.<name>=/path}, else on the PATH. */
public final class Executables {

    private Executables() {
    }

    /** The executable, or an error telling how to install it (the build installs it in .ci/run). */
    public static Path require(String name, String debianPackage) {
        String configured = System.getProperty("threadlens." + name);
        if (configured != null) {
            Path p = Path.of(configured);
            if (!Files.isExecutable(p)) {
                throw new IllegalStateException("-Dthreadlens." + name + "=" + p + " is not an executable");
            }
            return p;
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new IllegalStateException(name + " is not on the PATH: install it (apt-get install " + debianPackage
                + "; .ci/run does) or point -Dthreadlens." + name + " at it");
    }
}
