package dev.threadlens.metrics;

/** Histogram bucket bounds in seconds, shared so that dashboards can rely on them. */
public final class Buckets {

    /** Lock and signal waits: from tens of microseconds (a short handoff) to a minute. */
    public static final double[] WAIT = {
        0.00001, 0.00005, 0.0001, 0.0005, 0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60
    };

    /** Task queue wait and run time. */
    public static final double[] TASK = WAIT;

    /** Thread lifetimes: a millisecond to a day. */
    public static final double[] LIFETIME = {
        0.001, 0.01, 0.1, 0.5, 1, 5, 10, 30, 60, 300, 600, 1800, 3600, 21600, 86400
    };

    private Buckets() {
    }
}
