package dev.threadlens.demo;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a scenario gets to run with: its settings ({@code --duration}, {@code --threads},
 * {@code --mode}), its deadline, and the plain-text narration every scenario uses, so that all
 * of them read alike:
 *
 * <pre>
 * == race: thread interference
 *    concept  ...
 *    happens  ...
 *    watch    jvm_lock_wait_seconds{...}: ... [Locks &amp; waits]
 *    ...
 *    result   ...
 * </pre>
 */
public final class Run {

    /** What the latest scenario {@link #keep kept}: reachable until the next one starts. */
    private static volatile List<Object> onShow = List.of();

    private final List<Object> kept = new CopyOnWriteArrayList<>();
    private final String name;
    private final Duration duration;
    private final int threads;
    private final String mode;
    private final PrintStream out;
    private final Deadline deadline;

    public Run(String name, Duration duration, int threads, String mode, PrintStream out) {
        this.name = name;
        this.duration = duration;
        this.threads = threads;
        this.mode = mode;
        this.out = out;
        this.deadline = Deadline.after(duration);
        onShow = kept; // the previous scenario's objects may go now
    }

    /**
     * Keeps {@code o} reachable after the scenario ends, until the next one starts: the gauges
     * of what it holds (a semaphore's permits, say) stay on {@code /metrics} and the live page
     * with their final values (with {@code --hold}, or between steps of {@code all}), instead
     * of leaving with the object at the next garbage collection, as an application's would.
     */
    public <T> T keep(T o) {
        kept.add(o);
        return o;
    }

    public String name() {
        return name;
    }

    public Duration duration() {
        return duration;
    }

    /** {@code --threads}, or the scenario's default. */
    public int threads() {
        return threads;
    }

    /** {@code --mode}, or the scenario's default mode ("" if it has none). */
    public String mode() {
        return mode;
    }

    /** When the whole scenario should be over. */
    public Deadline deadline() {
        return deadline;
    }

    /** A deadline {@code 1/parts} of the duration from now: for scenarios told in phases. */
    public Deadline phase(int parts) {
        return Deadline.after(duration.dividedBy(parts));
    }

    // --- narration

    public void title(String title) {
        print("== " + name + (mode.isEmpty() ? "" : " --mode " + mode) + ": " + title);
    }

    public void concept(String text) {
        labelled("concept", text);
    }

    public void happens(String text) {
        labelled("happens", text);
    }

    /** Names a metric (with its labels, as a query would) and the dashboard panel it is on. */
    public void watch(String metric, String meaning, Panel panel) {
        labelled("watch", metric + ": " + meaning + " [" + panel + "]");
    }

    /** A line of what is happening now. */
    public void say(String format, Object... args) {
        print("   " + String.format(Locale.ROOT, format, args));
    }

    /** The outcome: what the reader should take away, with the numbers. */
    public void result(String format, Object... args) {
        labelled("result", String.format(Locale.ROOT, format, args));
    }

    private void labelled(String label, String text) {
        print(String.format(Locale.ROOT, "   %-8s %s", label, text));
    }

    private void print(String line) {
        out.println(line);
        out.flush();
    }
}
