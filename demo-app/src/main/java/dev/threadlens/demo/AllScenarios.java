package dev.threadlens.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;

/**
 * {@code all}: every scenario in turn (the ones with modes in each mode worth seeing), each for
 * the same short duration; with {@code --loop}, over and over until the JVM is stopped, so that
 * every dashboard panel keeps getting data.
 */
final class AllScenarios {

    private final Scenarios scenarios;
    private final Runner runner;
    private final PrintStream out;

    AllScenarios(Scenarios scenarios, PrintStream out) {
        this.scenarios = scenarios;
        this.runner = new Runner(out);
        this.out = out;
    }

    /** True when every scenario of the (last) round succeeded. */
    boolean run(Duration step, boolean loop) throws InterruptedException {
        for (int round = 1;; round++) {
            long start = System.nanoTime();
            int steps = 0;
            int failed = 0;
            if (loop) {
                out.println("#### all --loop: round " + round + " (Ctrl+C to stop)");
            }
            for (Scenario s : scenarios.all()) {
                for (String mode : s.modesInAll()) {
                    steps++;
                    if (!runner.run(s, step, s.defaultThreads(), mode)) {
                        failed++;
                    }
                }
            }
            out.printf(Locale.ROOT, "#### all: %d scenario runs in %.0f s, %d failed%n", steps,
                    (System.nanoTime() - start) / 1e9, failed);
            out.flush();
            if (!loop) {
                return failed == 0;
            }
        }
    }
}
