package dev.threadlens.jfr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.threadlens.bootstrap.AgentThreads;
import dev.threadlens.bootstrap.ProbeGuard;
import dev.threadlens.faults.TestFaults;
import dev.threadlens.log.Log;
import jdk.jfr.EventSettings;
import jdk.jfr.EventType;
import jdk.jfr.FlightRecorder;
import jdk.jfr.consumer.RecordingStream;

/**
 * The agent's in-process JFR recording stream: its own recording (bounded age and size, its own
 * thresholds) next to any other recording of the JVM. It runs on the calling thread, which must
 * be an agent thread: {@code startAsync} would start a thread of the JDK's that is not a daemon
 * and would keep the JVM alive after {@code main} returns. Only this class and
 * {@link JfrEventHandlers} touch {@code jdk.jfr}, and only once {@link JfrComponent} has seen
 * that the module is there.
 */
final class JfrStream {

    private static final long STOP_TIMEOUT_MILLIS = 5_000;

    private final JfrSettings settings;
    private final JfrEventHandlers handlers;
    private RecordingStream stream;
    private List<String> enabled = List.of();
    private boolean closed;
    /** When the stream last caught up with the recording (epoch ms); 0 until it first has. */
    private volatile long lastFlushMillis;
    /** True while a recording stream runs on {@link #run()}'s thread: false again once it died or closed. */
    private volatile boolean live;

    JfrStream(JfrSettings settings, JfrEventHandlers handlers) {
        this.settings = settings;
        this.handlers = handlers;
    }

    /**
     * Sets a new recording stream up and runs it on this thread until {@link #close()}, or until
     * it dies (an Error out of JFR's dispatch ends the stream): then this returns (or throws) while
     * {@link #isClosed()} is still false, and may be called again. Returns false at once when JFR
     * is not available in this JVM or the stream was closed.
     */
    boolean run() throws Exception {
        RecordingStream rs = setUp();
        if (rs == null) {
            return false;
        }
        live = true;
        try {
            rs.start(); // returns when closed
        } catch (IllegalStateException e) {
            if (!isClosed()) {
                throw e;
            } // closed before it started: a detach during start-up
        } finally {
            live = false;
            if (!isClosed()) {
                rs.close(); // it died: release its recording before another is made
            }
        }
        return true;
    }

    private synchronized RecordingStream setUp() throws Exception {
        if (closed) {
            return null;
        }
        if (!FlightRecorder.isAvailable()) {
            Log.warn("JDK Flight Recorder is not available in this JVM (-XX:-FlightRecorder?); jfr=true has no effect");
            return null;
        }
        initializeOutsideAgentGroup();
        Set<String> known = FlightRecorder.getFlightRecorder().getEventTypes().stream().map(EventType::getName)
                .collect(Collectors.toSet());
        RecordingStream rs = new RecordingStream();
        List<String> on = new ArrayList<>();
        try {
            rs.setMaxAge(JfrSettings.MAX_AGE);
            rs.setMaxSize(JfrSettings.MAX_SIZE_BYTES);
            rs.setReuse(true);
            rs.setOrdered(false);
            for (String name : JfrEventNames.ALL) {
                if (known.contains(name)) {
                    configure(rs.enable(name), name);
                    on.add(name);
                }
            }
            handlers.register(rs);
            rs.onFlush(() -> {
                lastFlushMillis = System.currentTimeMillis();
                TestFaults.fire(TestFaults.JFR_STREAM); // test only: the stream dies of an Error
            });
        } catch (Exception | Error e) {
            rs.close();
            throw e;
        }
        stream = rs;
        enabled = List.copyOf(on);
        return rs;
    }

    private void configure(EventSettings s, String name) {
        switch (name) {
            case JfrEventNames.MONITOR_ENTER:
            case JfrEventNames.MONITOR_WAIT:
                s.withThreshold(settings.monitorThreshold).withStackTrace();
                break;
            case JfrEventNames.THREAD_PARK:
            case JfrEventNames.THREAD_SLEEP:
            case JfrEventNames.VIRTUAL_THREAD_PINNED:
                s.withThreshold(settings.parkThreshold).withStackTrace();
                break;
            case JfrEventNames.THREAD_START:
                s.withStackTrace();
                break;
            case JfrEventNames.THREAD_CPU_LOAD:
                s.withPeriod(JfrSettings.CPU_LOAD_PERIOD);
                break;
            default:
                break;
        }
    }

    /**
     * JFR starts its JVM-wide service thread (JFR Periodic Tasks, which runs until the JVM exits)
     * in the thread group of whoever initialises it. That must not be the agent's group, or the
     * thread would count as the agent's and outlive every detach: initialise it from a short-lived
     * thread of the system group, with the system class loader as context loader.
     */
    private static void initializeOutsideAgentGroup() throws InterruptedException {
        if (FlightRecorder.isInitialized()) {
            return;
        }
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Throwable[] failure = new Throwable[1];
        Thread init = new Thread(root, () -> {
            // The guard keeps the lifecycle probes from counting the JDK threads JFR starts here.
            boolean entered = ProbeGuard.enter();
            try {
                FlightRecorder.getFlightRecorder();
            } catch (Throwable e) {
                failure[0] = e;
            } finally {
                if (entered) {
                    ProbeGuard.exit();
                }
            }
        }, AgentThreads.NAME_PREFIX + "jfr-init");
        init.setDaemon(true);
        init.setContextClassLoader(ClassLoader.getSystemClassLoader());
        init.start();
        init.join(60_000);
        if (failure[0] != null) {
            throw new IllegalStateException("JFR did not initialise: " + failure[0], failure[0]);
        }
    }

    /** True once the recording delivered its first flush: events now reach the handlers. */
    /** Every event that ended before this time (epoch ms) has been handled; 0 before the first flush. */
    long lastFlushMillis() {
        return lastFlushMillis;
    }

    boolean running() {
        return live && lastFlushMillis != 0 && !isClosed();
    }

    synchronized List<String> enabledEvents() {
        return enabled;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Waits up to {@code millis} for {@link #close()}; returns whether it was closed. */
    synchronized boolean awaitClose(long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!closed) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return false;
            }
            wait(left);
        }
        return true;
    }

    /** Stops the recording; {@link #run()} returns on its thread. */
    void close() {
        RecordingStream s;
        synchronized (this) {
            closed = true;
            s = stream;
            notifyAll();
        }
        if (s == null) {
            return;
        }
        s.close();
        try {
            s.awaitTermination(Duration.ofMillis(STOP_TIMEOUT_MILLIS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
