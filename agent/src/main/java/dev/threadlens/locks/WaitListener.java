package dev.threadlens.locks;

/**
 * Told of every wait the lock probes measured, on the thread that waited, right after it ended.
 * For other components (JFR pairing: a {@code jdk.ThreadPark} on the same thread inside
 * [{@link EndedWait#startNanos()}, {@link EndedWait#endNanos()}] was already measured here and
 * belongs to {@link EndedWait#info()}'s site). Must be quick and must not block or throw.
 */
@FunctionalInterface
public interface WaitListener {
    void waitEnded(EndedWait wait);
}
