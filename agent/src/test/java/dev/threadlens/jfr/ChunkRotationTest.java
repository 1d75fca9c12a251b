package dev.threadlens.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import jdk.jfr.FlightRecorder;
import jdk.jfr.FlightRecorderListener;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/** A new chunk (an empty recording started and stopped) once enough threads started, not before. */
class ChunkRotationTest {

    private final AtomicInteger rotations = new AtomicInteger();
    private final FlightRecorderListener listener = new FlightRecorderListener() {
        @Override
        public void recordingStateChanged(Recording r) {
            if (r.getName().equals("threadlens-chunk-rotation") && r.getState() == RecordingState.RUNNING) {
                rotations.incrementAndGet();
            }
        }
    };

    @BeforeEach
    void listen() {
        FlightRecorder.addListener(listener);
    }

    @AfterEach
    void stopListening() {
        FlightRecorder.removeListener(listener);
    }

    @Test
    void rotatesOnceEveryThresholdOfThreadStarts() {
        ChunkRotation rotation = new ChunkRotation(() -> true);
        rotation.rotateIfDue(ChunkRotation.THREADS - 1);
        assertEquals(0, rotations.get(), "fewer threads than the threshold: no new chunk");
        rotation.rotateIfDue(ChunkRotation.THREADS);
        assertEquals(1, rotations.get());
        rotation.rotateIfDue(2 * ChunkRotation.THREADS - 1);
        assertEquals(1, rotations.get(), "counted from the last rotation");
        rotation.rotateIfDue(10 * ChunkRotation.THREADS);
        assertEquals(2, rotations.get(), "one rotation however far past");
    }

    @Test
    void neverRotatesWhileTheStreamIsNotRunning() {
        AtomicBoolean running = new AtomicBoolean(false);
        ChunkRotation rotation = new ChunkRotation(running::get);
        rotation.rotateIfDue(ChunkRotation.THREADS * 3);
        assertEquals(0, rotations.get());
        running.set(true);
        rotation.rotateIfDue(ChunkRotation.THREADS * 3);
        assertEquals(1, rotations.get());
    }
}
