package dev.threadlens.testkit;

import java.io.IOException;
import java.time.Duration;

/** Runs {@code java -jar threadlens-agent.jar <args>} and collects the result. */
public final class Cli {

    /** Exit code and output of one run. */
    public static final class Result {
        public final int exitCode;
        public final String stdout;
        public final String stderr;

        Result(int exitCode, String stdout, String stderr) {
            this.exitCode = exitCode;
            this.stdout = stdout;
            this.stderr = stderr;
        }

        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private Cli() {
    }

    public static Result run(Jdk jdk, String... args) throws IOException {
        return run(jdk, Duration.ofSeconds(90), args);
    }

    public static Result run(Jdk jdk, Duration timeout, String... args) throws IOException {
        try (ChildJvm cli = ChildJvm.builder(jdk).jar(Paths.agentJar(), args).start()) {
            int code = cli.waitFor(timeout);
            return new Result(code, cli.stdout(), cli.stderr());
        }
    }
}
