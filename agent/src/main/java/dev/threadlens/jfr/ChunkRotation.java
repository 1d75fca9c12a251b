package dev.threadlens.jfr;

import java.util.function.BooleanSupplier;

import jdk.jfr.Recording;

/**
 * Keeps the stream's memory bounded under thread churn. JFR's consumer keeps, for the chunk it
 * is reading, every thread an event of that chunk named (a {@code RecordedThread} with its
 * names, some 250 bytes each), and a chunk ends only at JFR's maximum chunk size (12 MB of
 * events: hundreds of thousands of threads, an {@code OutOfMemoryError} in a small heap, as the
 * soak test {@code ChurnSoakIT} showed) or when a recording starts or stops. So once
 * {@value #THREADS} threads have started since the last time, this starts and stops an empty
 * recording: a new chunk, and the consumer drops the old chunk's threads. Checked every
 * {@value #CHECK_SECONDS} s on the agent's scheduler, so what is kept at rest stays under
 * {@value #THREADS} threads' worth (about 1 MB), and an application that starts few threads
 * never sees a rotation. Other recordings of the JVM get a chunk boundary, nothing more.
 */
final class ChunkRotation {

    static final int THREADS = 5_000;
    static final long CHECK_SECONDS = 5;

    private final BooleanSupplier streamRunning;
    /** Thread starts at the last rotation (scheduler thread only). */
    private long startedAtLastRotation;

    ChunkRotation(BooleanSupplier streamRunning) {
        this.streamRunning = streamRunning;
    }

    void rotateIfDue(long threadsStarted) {
        if (threadsStarted - startedAtLastRotation < THREADS || !streamRunning.getAsBoolean()) {
            return;
        }
        startedAtLastRotation = threadsStarted;
        try (Recording empty = new Recording()) {
            empty.setName("threadlens-chunk-rotation");
            empty.start();
            empty.stop();
        }
    }
}
