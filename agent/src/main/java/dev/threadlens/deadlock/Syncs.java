package dev.threadlens.deadlock;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.locks.AbstractQueuedLongSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;

/**
 * The public queue inspection of both AQS flavours ({@code ReentrantReadWriteLock}'s sync is an
 * {@code AbstractQueuedSynchronizer} up to JDK 21 and an {@code AbstractQueuedLongSynchronizer}
 * since), which share no interface.
 */
final class Syncs {

    private Syncs() {
    }

    static boolean isSync(Object o) {
        return o instanceof AbstractQueuedSynchronizer || o instanceof AbstractQueuedLongSynchronizer;
    }

    static Collection<Thread> sharedQueued(Object sync) {
        if (sync instanceof AbstractQueuedSynchronizer) {
            return ((AbstractQueuedSynchronizer) sync).getSharedQueuedThreads();
        }
        return sync instanceof AbstractQueuedLongSynchronizer
                ? ((AbstractQueuedLongSynchronizer) sync).getSharedQueuedThreads() : List.of();
    }

    static Collection<Thread> exclusiveQueued(Object sync) {
        if (sync instanceof AbstractQueuedSynchronizer) {
            return ((AbstractQueuedSynchronizer) sync).getExclusiveQueuedThreads();
        }
        return sync instanceof AbstractQueuedLongSynchronizer
                ? ((AbstractQueuedLongSynchronizer) sync).getExclusiveQueuedThreads() : List.of();
    }

    static int queueLength(Object sync) {
        if (sync instanceof AbstractQueuedSynchronizer) {
            return ((AbstractQueuedSynchronizer) sync).getQueueLength();
        }
        return sync instanceof AbstractQueuedLongSynchronizer
                ? ((AbstractQueuedLongSynchronizer) sync).getQueueLength() : 0;
    }
}
