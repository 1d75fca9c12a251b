package dev.threadlens.metrics;

/** One counter on {@link StripedLongs}: for per-task counts, written by every thread of a pool. */
public final class StripedCounter {

    private final StripedLongs cells = new StripedLongs(1);

    public void increment() {
        cells.add(0, 1L);
    }

    public void decrement() {
        cells.add(0, -1L);
    }

    public long sum() {
        return cells.sum(0);
    }
}
