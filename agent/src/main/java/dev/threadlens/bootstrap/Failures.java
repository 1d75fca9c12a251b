package dev.threadlens.bootstrap;

/**
 * Where probe failures go. A dispatcher never lets an exception reach the host application: it
 * hands the failure to the agent's reporter, which counts it and logs it once.
 */
public final class Failures {

    /** Receives failures; installed by the agent, removed on detach. */
    public interface Reporter {
        void failed(String component, Throwable error);
    }

    private static volatile Reporter reporter;

    private Failures() {
    }

    public static void install(Reporter r) {
        reporter = r;
    }

    public static void report(String component, Throwable error) {
        Reporter r = reporter;
        if (r != null) {
            try {
                r.failed(component, error);
            } catch (Throwable ignored) {
                // Nothing is left to tell; never throw into the host.
            }
        }
    }
}
