package dev.threadlens.jfr;

import java.util.List;

/**
 * The running JFR stream as {@link JfrComponent} sees it: an interface, so that the component
 * loads without {@code jdk.jfr} (a runtime image may lack the module).
 */
interface LiveJfr {

    /** Runs it on this (agent) thread until {@link #close()}; false at once when JFR is not available. */
    boolean run() throws Exception;

    boolean running();

    /** True once {@link #close()} was called: a stream that ended without it died. */
    boolean closed();

    /** Waits up to {@code millis} for {@link #close()}; returns whether it was closed. */
    boolean awaitClose(long millis) throws InterruptedException;

    /** Every event that ended before this time (epoch ms) has been handled; 0 before the first flush. */
    long lastFlushMillis();

    List<String> enabledEvents();

    boolean jfrCountsSleeps();

    /** Starts a new chunk when {@code threadsStarted} is far enough past the last time (see {@link ChunkRotation}). */
    void rotateIfDue(long threadsStarted);

    void close();

    /** Builds the stream; only called once the {@code jdk.jfr} module is known to be there. */
    static LiveJfr create(JfrSettings settings, JfrEventHandlersFactory handlers) {
        JfrEventHandlers h = handlers.create();
        JfrStream stream = new JfrStream(settings, h);
        ChunkRotation rotation = new ChunkRotation(stream::running);
        return new LiveJfr() {
            @Override
            public boolean run() throws Exception {
                return stream.run();
            }

            @Override
            public boolean running() {
                return stream.running();
            }

            @Override
            public boolean closed() {
                return stream.isClosed();
            }

            @Override
            public boolean awaitClose(long millis) throws InterruptedException {
                return stream.awaitClose(millis);
            }

            @Override
            public long lastFlushMillis() {
                return stream.lastFlushMillis();
            }

            @Override
            public List<String> enabledEvents() {
                return stream.enabledEvents();
            }

            @Override
            public boolean jfrCountsSleeps() {
                return h.jfrCountsSleeps();
            }

            @Override
            public void rotateIfDue(long threadsStarted) {
                rotation.rotateIfDue(threadsStarted);
            }

            @Override
            public void close() {
                stream.close();
            }
        };
    }

    /** Defers building the handlers (which link to jdk.jfr) until the module is known to be there. */
    interface JfrEventHandlersFactory {
        JfrEventHandlers create();
    }
}
