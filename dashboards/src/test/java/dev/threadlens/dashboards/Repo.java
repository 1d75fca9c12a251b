package dev.threadlens.dashboards;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths inside the repository: the build passes the root; from an IDE it is found by walking up. */
public final class Repo {

    private static final Path ROOT = findRoot();

    private Repo() {
    }

    public static Path root() {
        return ROOT;
    }

    public static Path path(String relative) {
        return ROOT.resolve(relative);
    }

    /** {@code dashboards/grafana/dashboards}: the dashboard JSON files Grafana is provisioned with. */
    public static Path dashboardsDir() {
        return path("dashboards/grafana/dashboards");
    }

    /** {@code dashboards/prometheus}: the Prometheus config, alert rules and their unit tests. */
    public static Path prometheusDir() {
        return path("dashboards/prometheus");
    }

    private static Path findRoot() {
        String configured = System.getProperty("threadlens.repo.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isDirectory(dir.resolve("dashboards/grafana")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("cannot find the repository root (set -Dthreadlens.repo.root)");
    }
}
