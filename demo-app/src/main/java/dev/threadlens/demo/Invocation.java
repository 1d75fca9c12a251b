package dev.threadlens.demo;

import java.time.Duration;

/**
 * A parsed command line. {@code scenario} is set for {@link Command#SCENARIO}; {@code duration},
 * {@code threads} and {@code mode} are null when not given (the defaults apply).
 */
public record Invocation(Command command, Scenario scenario, Duration duration, Integer threads, String mode,
        boolean loop, boolean hold) {

    /** What the demo was asked to do. */
    public enum Command {
        LIST, HELP, ALL, SCENARIO,
        /** Hidden: the child side of the {@code processes} scenario. */
        PROCESS_WORKER
    }
}
