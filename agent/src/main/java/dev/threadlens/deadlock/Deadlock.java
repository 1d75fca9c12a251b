package dev.threadlens.deadlock;

import java.util.ArrayList;
import java.util.List;

/**
 * A set of threads none of which can ever go on: the cycle (each thread, what it waits for, and
 * the next thread in the cycle holding it), the threads stuck behind the cycle, and the kind.
 */
public final class Deadlock {

    /** One link of the cycle: {@code thread} waits for {@code thread.waitsFor()}, held by {@code heldBy}. */
    public static final class Step {
        private final ThreadView thread;
        private final ThreadView heldBy;
        private final List<String> holders;

        Step(ThreadView thread, ThreadView heldBy, List<String> holders) {
            this.thread = thread;
            this.heldBy = heldBy;
            this.holders = List.copyOf(holders);
        }

        public ThreadView thread() {
            return thread;
        }

        /** The next thread in the cycle that holds what {@link #thread()} waits for. */
        public ThreadView heldBy() {
            return heldBy;
        }

        /** Every thread that must move for this one to go on (more than one for read locks and pools). */
        public List<String> holders() {
            return holders;
        }
    }

    private final String kind;
    private final List<Step> cycle;
    private final List<ThreadView> blocked;
    private final String signature;
    private final long detectedAt;
    private final String confirmation;

    Deadlock(String kind, List<Step> cycle, List<ThreadView> blocked, String signature, long detectedAt,
            String confirmation) {
        this.kind = kind;
        this.cycle = List.copyOf(cycle);
        this.blocked = List.copyOf(blocked);
        this.signature = signature;
        this.detectedAt = detectedAt;
        this.confirmation = confirmation;
    }

    /** The same deadlock, stamped with when it was first detected and how it was confirmed. */
    public Deadlock confirmed(long detectedAtMillis, String how) {
        return new Deadlock(kind, cycle, blocked, signature, detectedAtMillis, how);
    }

    /** {@code monitor}, {@code lock}, {@code mixed}, {@code executor_starvation}, {@code future}, ... */
    public String kind() {
        return kind;
    }

    public List<Step> cycle() {
        return cycle;
    }

    /** Threads that wait (directly or not) for the cycle without being part of it. */
    public List<ThreadView> blocked() {
        return blocked;
    }

    /** Stable across passes while the same threads wait for the same primitives. */
    public String signature() {
        return signature;
    }

    /** Epoch milliseconds of the first detection (0 until confirmed). */
    public long detectedAt() {
        return detectedAt;
    }

    /** How it was confirmed: by the JVM's detector, or unchanged threads across the check. */
    public String confirmation() {
        return confirmation;
    }

    /** Names of the threads in the cycle, in cycle order. */
    public List<String> threadNames() {
        List<String> names = new ArrayList<>();
        for (Step s : cycle) {
            names.add(s.thread().name());
        }
        return names;
    }

    /** Keys of every thread involved (cycle and blocked behind it). */
    public List<Long> keys() {
        List<Long> keys = new ArrayList<>();
        for (Step s : cycle) {
            keys.add(s.thread().key());
        }
        for (ThreadView t : blocked) {
            keys.add(t.key());
        }
        return keys;
    }
}
