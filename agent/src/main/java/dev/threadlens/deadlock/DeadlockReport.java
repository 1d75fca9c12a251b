package dev.threadlens.deadlock;

import java.util.List;

import dev.threadlens.http.JsonWriter;

/**
 * Everything one diagnosis found: deadlocks, hangs, stuck threads and lock-order inversions.
 * Immutable; the agent publishes a new one after every detection pass, the CLI builds one from
 * thread dumps. {@link #text()} is for people, {@link #writeJson} is the {@code /api/deadlocks} contract.
 */
public final class DeadlockReport {

    private final long timestamp;
    private final String source;
    private final List<Deadlock> deadlocks;
    private final List<Hang> hangs;
    private final List<StuckThread> stuck;
    private final List<Inversion> inversions;
    private final List<String> notes;

    public DeadlockReport(long timestamp, String source, List<Deadlock> deadlocks, List<Hang> hangs,
            List<StuckThread> stuck, List<Inversion> inversions, List<String> notes) {
        this.timestamp = timestamp;
        this.source = source;
        this.deadlocks = List.copyOf(deadlocks);
        this.hangs = List.copyOf(hangs);
        this.stuck = List.copyOf(stuck);
        this.inversions = List.copyOf(inversions);
        this.notes = List.copyOf(notes);
    }

    public static DeadlockReport empty(String source) {
        return new DeadlockReport(System.currentTimeMillis(), source, List.of(), List.of(), List.of(), List.of(),
                List.of());
    }

    public long timestamp() {
        return timestamp;
    }

    /** Where the facts came from: {@code agent}, or {@code thread dump}. */
    public String source() {
        return source;
    }

    public List<Deadlock> deadlocks() {
        return deadlocks;
    }

    public List<Hang> hangs() {
        return hangs;
    }

    public List<StuckThread> stuck() {
        return stuck;
    }

    public List<Inversion> inversions() {
        return inversions;
    }

    /** What this diagnosis could not see (for example read-lock holders in a thread dump). */
    public List<String> notes() {
        return notes;
    }

    /** A deadlock or a hang: something that will not resolve by itself. */
    public boolean found() {
        return !deadlocks.isEmpty() || !hangs.isEmpty();
    }

    /** The same report with another list of inversions (they come from the lock-order tracker). */
    public DeadlockReport withInversions(List<Inversion> list) {
        return new DeadlockReport(timestamp, source, deadlocks, hangs, stuck, list, notes);
    }

    public String text() {
        return ReportText.report(this);
    }

    public void writeJson(JsonWriter json) {
        ReportJson.write(this, json);
    }
}
