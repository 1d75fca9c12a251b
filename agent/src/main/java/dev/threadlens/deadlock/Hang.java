package dev.threadlens.deadlock;

import java.util.ArrayList;
import java.util.List;

/**
 * Threads that wait for something nobody can be shown to be able to give them (a permit nobody
 * releases, a latch nobody counts down, a signal that needs a lock the waiter holds, a task
 * queued in a pool whose workers all wait): reported with the evidence, not as a cycle.
 */
public final class Hang {

    private final String kind;
    private final Primitive primitive;
    private final List<ThreadView> threads;
    private final double seconds;
    private final String evidence;

    public Hang(String kind, Primitive primitive, List<ThreadView> threads, double seconds, String evidence) {
        this.kind = kind;
        this.primitive = primitive;
        this.threads = List.copyOf(threads);
        this.seconds = seconds;
        this.evidence = evidence;
    }

    /** {@code semaphore}, {@code latch}, {@code condition}, {@code object_wait}, {@code executor_starvation}, ... */
    public String kind() {
        return kind;
    }

    /** What the threads wait for. */
    public Primitive primitive() {
        return primitive;
    }

    public List<ThreadView> threads() {
        return threads;
    }

    /** How long the longest waiter has waited without waking, as far as observed (a lower bound). */
    public double seconds() {
        return seconds;
    }

    public String evidence() {
        return evidence;
    }

    /** Stable while the same primitive keeps the same threads waiting. */
    public String signature() {
        return kind + ":" + primitive.identity();
    }

    public List<String> threadNames() {
        List<String> names = new ArrayList<>();
        for (ThreadView t : threads) {
            names.add(t.name());
        }
        return names;
    }
}
