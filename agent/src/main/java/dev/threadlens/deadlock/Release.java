package dev.threadlens.deadlock;

/** Who must move for a waiting thread to go on. */
public enum Release {
    /** Every holder must release (an owned lock, the readers of a write lock, a running future). */
    ALL,
    /** Any one of the candidates would do (a free worker of a pool that cannot grow). */
    ANY,
    /** Nobody knowable: a semaphore, a latch, a condition, {@code Object.wait}. Never part of a cycle. */
    UNKNOWN
}
