package dev.threadlens.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Runs one scenario: narration frame, failures, and the check that it left no non-daemon thread behind. */
final class Runner {

    private final PrintStream out;

    Runner(PrintStream out) {
        this.out = out;
    }

    /** True when the scenario ran to its end and left no non-daemon thread running. */
    boolean run(Scenario scenario, Duration duration, int threads, String mode) throws InterruptedException {
        Set<Thread> before = StrayThreads.snapshot();
        long start = System.nanoTime();
        Run run = new Run(scenario.name(), duration, threads, mode, out);
        boolean ok = true;
        try {
            scenario.run(run);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            out.println("== " + scenario.name() + ": FAILED: " + e);
            e.printStackTrace(out);
            ok = false;
        }
        List<String> stray = StrayThreads.since(before);
        if (!stray.isEmpty()) {
            out.println("   WARNING  non-daemon threads left running: " + String.join(", ", stray)
                    + " (the JVM cannot exit while they run)");
            ok = false;
        }
        out.printf(Locale.ROOT, "== %s: done in %.1f s%n", scenario.name(), (System.nanoTime() - start) / 1e9);
        out.flush();
        return ok;
    }
}
