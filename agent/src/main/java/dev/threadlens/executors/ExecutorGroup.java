package dev.threadlens.executors;

/**
 * One exported executor: all live pools sharing a name and kind (usually exactly one), with
 * the totals of pools of that name that are gone, as of one scrape.
 */
final class ExecutorGroup {

    final String name;
    final PoolKind kind;
    int pools;
    /** Tasks are counted (false for pools shown by their gauges only). */
    boolean measured;
    final TaskTotals totals = new TaskTotals();
    final PoolReading gauges = new PoolReading();
    /** All threads busy and tasks waiting, with the backlog not shrinking since the last look. */
    boolean saturated;

    ExecutorGroup(String name, PoolKind kind) {
        this.name = name;
        this.kind = kind;
    }

    /** Tasks are waiting for a thread and none is free to take them. */
    boolean busyWithBacklog() {
        return gauges.limit > 0 && gauges.active >= gauges.limit && gauges.backlog;
    }
}
