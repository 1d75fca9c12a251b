package dev.threadlens.deadlock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Finds the threads holding the read lock of a {@code ReentrantReadWriteLock}, which no JVM API
 * reports: the lock's {@code firstReader}, and every other reader through its per-thread hold
 * counter ({@code readHolds}, a thread-local). Compares the holds found with the lock's read
 * count, so an incomplete answer (read holders among virtual threads) is said to be incomplete.
 */
final class ReadHolders {

    /** The readers found, and whether they account for every read hold. */
    static final class Found {
        final List<Thread> readers;
        final boolean complete;
        final int missingHolds;

        Found(List<Thread> readers, boolean complete, int missingHolds) {
            this.readers = readers;
            this.complete = complete;
            this.missingHolds = missingHolds;
        }
    }

    private static final Found UNKNOWN = new Found(List.of(), false, -1);

    private final JdkInternals internals;
    private final Collection<Thread> threads;

    ReadHolders(JdkInternals internals, Collection<Thread> threads) {
        this.internals = internals;
        this.threads = threads;
    }

    /** {@code sync} is the lock's {@code ReentrantReadWriteLock$Sync}. */
    Found find(Object sync) {
        if (!internals.canReadReaders()) {
            return UNKNOWN;
        }
        ThreadLocal<?> holds = internals.readHolds(sync);
        int total = internals.readLockCount(sync);
        if (holds == null || total < 0) {
            return UNKNOWN;
        }
        List<Thread> readers = new ArrayList<>();
        int found = 0;
        Thread first = internals.firstReader(sync);
        int firstCount = internals.firstReaderHoldCount(sync);
        if (first != null && firstCount > 0) {
            readers.add(first);
            found += firstCount;
        }
        for (Thread t : threads) {
            if (t == first) {
                continue;
            }
            int count = internals.holdCount(internals.threadLocalValue(t, holds));
            if (count > 0) {
                readers.add(t);
                found += count;
            }
        }
        return new Found(readers, found >= total, Math.max(0, total - found));
    }
}
