package dev.threadlens.executors;

/**
 * Task counts and timings of one or more pools, added up on an agent thread: the live pools of
 * a name at scrape time, plus what pools of that name that are gone had recorded (so counters
 * never go backwards while the name lives).
 */
final class TaskTotals {

    long submitted;
    long completed;
    long failed;
    long rejected;
    long steals;
    final HistogramData queueWait = new HistogramData();
    final HistogramData duration = new HistogramData();
    final HistogramData lateness = new HistogramData();

    void add(PoolState p) {
        steals += p.lastSteals;
        if (!p.measured) {
            return;
        }
        submitted += p.submitted.sum();
        completed += p.completed.sum();
        failed += p.failed.sum();
        rejected += p.rejected.sum();
        queueWait.add(p.queueWait);
        duration.add(p.duration);
        lateness.add(p.lateness);
    }

    void add(TaskTotals other) {
        submitted += other.submitted;
        completed += other.completed;
        failed += other.failed;
        rejected += other.rejected;
        steals += other.steals;
        queueWait.add(other.queueWait);
        duration.add(other.duration);
        lateness.add(other.lateness);
    }
}
