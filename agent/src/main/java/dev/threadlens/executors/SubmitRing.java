package dev.threadlens.executors;

import java.util.concurrent.atomic.AtomicLong;

/**
 * When each task of one pool was submitted, in submission order: a ring of (task, time) slots
 * that submitting threads fill one after the other and workers take back near where the last
 * one was found. A pool whose queue is FIFO starts its tasks in about the order they came, so
 * both sides walk the ring a cache line at a time (16 tasks to a line of keys). The identity-hashed
 * {@link TaskTimes} puts every task on a fresh line, which each side then had to take from the
 * other core's cache, and paid a VM call for the task's identity hash: that was most of the
 * agent's per-task cost on a busy pool.
 *
 * <p>When the backlog is deeper than the ring, new tasks are refused ({@link #put}) and the
 * caller keeps their times elsewhere, so the tasks that will start next keep theirs.
 */
final class SubmitRing extends TimedSlots {

    /** Slots per pool: 12 KiB with compressed references, allocated with the pool's state. */
    static final int SLOTS = 1024;
    /** Slots looked at from the hint onwards, then before it: workers racing each other start tasks a little out of order. */
    static final int AHEAD = 64;
    static final int BEHIND = 16;

    static final long NONE = Long.MIN_VALUE;
    /** The hint every worker of a pool shares; a fork/join worker has one of its own ({@link #lane}). */
    static final int SHARED = 0;
    /** Fork/join worker lanes: workers drain one submission queue at a time, each its own stretch of the ring. */
    static final int WORKER_LANES = 64;

    /** Ints per cache line: each hint has a line to itself, so one side's writes never evict the other's. */
    private static final int LINE = 16;

    /** The pool's state, for the {@link Sweeper}. */
    private final Object owner;
    /** Submissions accepted so far; the next one goes to slot {@code tail & mask}. */
    private final AtomicLong tail = new AtomicLong();
    /**
     * Racy hints, a line apart (and a line from the array's header): at {@link #hintIndex} the
     * slot after the last task a lane found ahead (written by workers); at {@link #overflow} 1 from
     * an {@link #overflowed} submission to the next entry taken (written only when it changes).
     */
    private final int[] cells;
    private final int overflow;

    /** A ring of {@code slots} (a power of two) with {@code lanes} hints (1, or 1 + {@link #WORKER_LANES}), for {@code owner}. */
    SubmitRing(int slots, int lanes, Object owner) {
        super(slots);
        this.owner = owner;
        overflow = (lanes + 1) * LINE;
        cells = new int[overflow + LINE];
    }

    /** The lane of a fork/join worker, from its index in its pool. */
    static int lane(int poolIndex) {
        return 1 + (poolIndex & (WORKER_LANES - 1));
    }

    private int hintIndex(int lane) {
        return (1 + lane) * LINE;
    }

    /**
     * Records {@code task} submitted at {@code time}; false when the ring is full. The ring is
     * full when the slot at the tail still holds the oldest entry: then the task is refused and
     * the tail stays, so the ring always holds one unbroken run of submissions, in the order the
     * tasks will start (a refused task's time goes elsewhere; mixing laps would scatter the run).
     */
    boolean put(Object task, long time) {
        for (int attempt = 0; attempt < 4; attempt++) {
            long seq = tail.get();
            int slot = (int) seq & mask;
            if (keys.get(slot) != null) {
                return false;
            }
            if (!tail.compareAndSet(seq, seq + 1)) {
                continue; // another submitter took this sequence number
            }
            // A submitter that took this slot a lap ago and was descheduled before writing it
            // could still claim it: the claim decides who writes.
            if (!claim(slot)) {
                return false;
            }
            publish(slot, task, time);
            return true;
        }
        return false; // submitters racing for the tail: this one goes without, it never spins
    }

    /**
     * A task was refused here and found no room elsewhere either: until an entry is taken,
     * {@link #takeAnywhere} does not scan, for the tasks starting now most likely have no entry.
     */
    void overflowed() {
        if (cells[overflow] == 0) {
            cells[overflow] = 1;
        }
    }

    /** Takes {@code task}'s entry if it is near {@code lane}'s hint: its submit time, or {@link #NONE}. */
    long take(Object task, int lane) {
        int at = hintIndex(lane);
        int hint = cells[at];
        int slot = find(task, hint, 1, AHEAD);
        if (slot >= 0) {
            return takeAt(slot, task, at, true);
        }
        slot = find(task, hint - 1L, -1, BEHIND);
        return slot >= 0 ? takeAt(slot, task, -1, false) : NONE;
    }

    /**
     * Takes {@code task}'s entry if it is among the newest: a task run by the thread that just
     * submitted it (a fork/join join or a blocked {@code CompletableFuture} helping).
     */
    long takeRecent(Object task) {
        int slot = find(task, tail.get() - 1, -1, BEHIND);
        return slot >= 0 ? takeAt(slot, task, -1, false) : NONE;
    }

    /**
     * Looks for {@code task} in the whole ring, after {@link #take} missed: a task that started
     * far out of order (another submission queue, a hint left behind by a run of rejected or
     * removed tasks, a hint set back by a worker that wrote it late). Skipped after an
     * {@link #overflowed} submission until an entry is taken: the task then most likely has no
     * entry anywhere, and a scan per start would slow the draining of the backlog that overflowed.
     * Moves {@code lane}'s hint to the task.
     */
    long takeAnywhere(Object task, int lane) {
        if (cells[overflow] != 0) {
            return NONE;
        }
        int at = hintIndex(lane);
        int slot = find(task, cells[at] + (long) AHEAD, 1, mask + 1);
        return slot >= 0 ? takeAt(slot, task, at, false) : NONE;
    }

    /** The first of {@code count} slots from position {@code from}, by {@code step} (1 or -1), holding {@code task}; -1 if none. */
    private int find(Object task, long from, int step, int count) {
        for (int i = 0; i < count; i++) {
            int slot = (int) (from + (long) step * i) & mask;
            if (keys.get(slot) == task) {
                return slot;
            }
        }
        return -1;
    }

    /**
     * Takes the entry at {@code slot} and moves the hint at {@code hintAt} (unless -1) past it;
     * {@code forwardOnly}: not if that would move it back, as a worker that found its task ahead
     * but wrote the hint late, after others had moved on, would do.
     */
    private long takeAt(int slot, Object task, int hintAt, boolean forwardOnly) {
        long time = times[slot];
        if (!release(slot, task)) {
            return NONE; // another worker took it first: the same task object submitted twice
        }
        if (hintAt >= 0) {
            int next = (slot + 1) & mask;
            if (!forwardOnly || ((next - cells[hintAt]) & mask) <= (mask >> 1)) {
                cells[hintAt] = next;
            }
        }
        if (cells[overflow] != 0) {
            cells[overflow] = 0; // a slot is free again
        }
        return time;
    }

    /** Drops {@code task}'s entry (rejected, removed, drained): newest first, where a rejection is. */
    boolean remove(Object task) {
        long last = tail.get() - 1;
        for (int i = 0; i <= mask; i++) {
            int slot = (int) (last - i) & mask;
            if (keys.get(slot) == task && release(slot, task)) {
                return true;
            }
        }
        return false;
    }

    @Override
    Object owner(int slot) {
        return owner;
    }
}
