package dev.threadlens.deadlock;

import java.util.List;

/**
 * What one thread waits for: the primitive, the threads whose progress it needs, and how many of
 * them must move ({@link Release}). {@code executor} names the pool when the thread waits for a
 * task still queued in a pool (executor starvation); {@code detail} is evidence in words, such
 * as "0 permits available".
 */
public final class WaitFor {

    private final Primitive primitive;
    private final Release release;
    private final List<Long> holders;
    private final String executor;
    private final String detail;

    public WaitFor(Primitive primitive, Release release, List<Long> holders, String executor, String detail) {
        this.primitive = primitive;
        this.release = release;
        this.holders = List.copyOf(holders);
        this.executor = executor;
        this.detail = detail;
    }

    public static WaitFor owned(Primitive primitive, long owner) {
        return new WaitFor(primitive, Release.ALL, owner < 0 ? List.of() : List.of(owner), null, null);
    }

    public static WaitFor unknown(Primitive primitive, String detail) {
        return new WaitFor(primitive, Release.UNKNOWN, List.of(), null, detail);
    }

    public Primitive primitive() {
        return primitive;
    }

    public Release release() {
        return release;
    }

    /** Thread keys whose progress this wait needs (empty for {@link Release#UNKNOWN}). */
    public List<Long> holders() {
        return holders;
    }

    /** The pool a waited-for task is queued in, or null. */
    public String executor() {
        return executor;
    }

    public String detail() {
        return detail;
    }
}
