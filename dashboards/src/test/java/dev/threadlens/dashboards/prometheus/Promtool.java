package dev.threadlens.dashboards.prometheus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Prometheus's {@code promtool}. */
public final class Promtool {

    private final Path executable = Executables.require("promtool", "prometheus");

    /** Runs {@code promtool args...} in {@code dir}, feeding {@code stdin} (may be null). */
    public Command.Result run(Path dir, String stdin, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(executable.toString());
        cmd.addAll(List.of(args));
        return Command.run(dir, stdin, cmd);
    }

    /** The first line of {@code promtool --version}, for reports. */
    public String version() {
        return run(Path.of("."), null, "--version").output().lines().findFirst().orElse("?");
    }
}
