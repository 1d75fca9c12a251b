package dev.threadlens.metrics;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A few long counters ("slots") that many threads add to at high rates without sharing a cache
 * line: each thread adds into the row of its stripe, chosen by its thread id, and readers sum
 * the rows. A {@code LongAdder} only stripes after its shared base has been fought over, so at
 * a pool's task rates every add still moved the base's cache line between cores; this never
 * shares one between rows. No allocation or lock on {@link #add}.
 */
public final class StripedLongs {

    /** Rows: twice the processors (a power of two, at most 8), so threads seldom share one. */
    static final int STRIPES = Math.min(8, Integer.highestOneBit(Math.max(1, 2 * Runtime.getRuntime().availableProcessors() - 1)) << 1);
    /** Longs in one cache line; rows are whole lines apart, plus one line so neighbours never meet. */
    private static final int LINE = 8;

    private final AtomicLongArray cells;
    private final int width;
    private final int slots;

    public StripedLongs(int slots) {
        this.slots = slots;
        this.width = ((slots + LINE - 1) / LINE + 1) * LINE;
        this.cells = new AtomicLongArray(STRIPES * width);
    }

    public void add(int slot, long delta) {
        cells.getAndAdd(row() + slot, delta);
    }

    /** Adds to two slots of the current thread's row (a bucket and a sum): the row is found once. */
    public void add(int slotA, long deltaA, int slotB, long deltaB) {
        int row = row();
        cells.getAndAdd(row + slotA, deltaA);
        cells.getAndAdd(row + slotB, deltaB);
    }

    public void increment(int slot) {
        add(slot, 1L);
    }

    public long sum(int slot) {
        long total = 0;
        for (int i = slot; i < cells.length(); i += width) {
            total += cells.get(i);
        }
        return total;
    }

    public int slots() {
        return slots;
    }

    /** The current thread's row; a multiplicative hash spreads consecutive thread ids. */
    private int row() {
        @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+; the agent runs on 17
        long id = Thread.currentThread().getId();
        return (int) ((id * 0x9E3779B97F4A7C15L) >>> 61) % STRIPES * width;
    }
}
