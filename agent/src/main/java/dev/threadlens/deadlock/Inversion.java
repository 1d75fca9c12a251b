package dev.threadlens.deadlock;

import java.util.List;

/**
 * A lock-order inversion: locks created at {@code first} and {@code second} were taken in both
 * orders. Two threads running the two paths at the same time can deadlock, even if they never did.
 * {@code stackA} took {@code second} while holding {@code first}; {@code stackB} took
 * {@code first} while holding {@code second} (directly or through other locks, see {@code path}).
 */
public final class Inversion {

    private final String first;
    private final String second;
    private final String threadA;
    private final List<String> stackA;
    private final String threadB;
    private final List<String> stackB;
    private final List<String> path;
    private final long detectedAt;

    public Inversion(String first, String second, String threadA, List<String> stackA, String threadB,
            List<String> stackB, List<String> path, long detectedAt) {
        this.first = first;
        this.second = second;
        this.threadA = threadA;
        this.stackA = List.copyOf(stackA);
        this.threadB = threadB;
        this.stackB = List.copyOf(stackB);
        this.path = List.copyOf(path);
        this.detectedAt = detectedAt;
    }

    public String first() {
        return first;
    }

    public String second() {
        return second;
    }

    public String threadA() {
        return threadA;
    }

    public List<String> stackA() {
        return stackA;
    }

    public String threadB() {
        return threadB;
    }

    public List<String> stackB() {
        return stackB;
    }

    /** The lock sites of the reverse order, from {@code second} back to {@code first}. */
    public List<String> path() {
        return path;
    }

    public long detectedAt() {
        return detectedAt;
    }
}
