package dev.threadlens.jfr;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.threadlens.bootstrap.AgentThreads;
import dev.threadlens.config.Options;
import dev.threadlens.core.AgentContext;
import dev.threadlens.core.Component;
import dev.threadlens.http.JsonWriter;
import dev.threadlens.jfr.time.PoolLabels;
import dev.threadlens.jfr.time.ThreadStateSampler;
import dev.threadlens.jfr.time.ThreadTime;
import dev.threadlens.log.Log;
import dev.threadlens.metrics.Buckets;
import dev.threadlens.metrics.HistogramFamily;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;

/**
 * JFR pairing and thread time: the agent's JFR recording stream ({@code jfr=true}), the
 * thread-state sampler behind {@code jvm_thread_time_seconds_total} ({@code threadTimeInterval}),
 * and {@code /api/jfr}, {@code /api/time}. The stream runs on an agent thread of its own
 * ({@code threadlens-jfr-stream}, a daemon) and starts after the agent is up: JFR takes a moment
 * to initialise, and the application does not wait for it.
 */
public final class JfrComponent implements Component {

    static final String NAME = "jfr";
    private static final int FIRST_VIRTUAL_THREAD_JDK = 21;
    /** A stream that dies is started again this many times, then JFR pairing is reported failed. */
    static final int MAX_RESTARTS = 5;
    /** Before the first restart; doubled for each next one (0.5, 1, 2, 4, 8 s): a stream that keeps dying is costly. */
    private static final long FIRST_RESTART_DELAY_MILLIS = 500;

    private AgentContext context;
    private ProbePairing pairing;
    private ThreadTime threadTime;
    private ScheduledFuture<?> sampling;
    private ScheduledFuture<?> rotating;
    private LiveJfr jfr;
    private volatile Thread streamThread;
    private volatile String jfrState = "off";
    private volatile int restarts;
    private JfrSettings settings;
    private JfrEventCounts counts;
    private ThreadChurn churn;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void start(AgentContext ctx) {
        this.context = ctx;
        this.pairing = ctx.pairing();
        PoolLabels pools = new PoolLabels();
        startThreadTime(ctx, pools);
        ctx.api().add("/api/jfr", (query, json) -> writeStatus(query, json));
        if (!ctx.config().get(Options.JFR)) {
            jfrState = "off (jfr=false)";
            return;
        }
        if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
            jfrState = "unavailable: this Java runtime has no jdk.jfr module";
            Log.warn("JFR pairing is off: " + jfrState);
            return;
        }
        settings = JfrSettings.from(ctx.config());
        counts = new JfrEventCounts(ctx.metricProperties(), ctx.registry());
        churn = new ThreadChurn(pools);
        HistogramFamily pinned = null;
        CounterDataPoint submitFailed = null;
        if (Runtime.version().feature() >= FIRST_VIRTUAL_THREAD_JDK) {
            pinned = new HistogramFamily("jvm_thread_virtual_pinned_seconds",
                    "Time virtual threads were pinned to their carrier while blocking (JFR jdk.VirtualThreadPinned)",
                    Buckets.WAIT, "jvm_sync_site");
            ctx.registry().register(pinned);
            submitFailed = Counter.builder(ctx.metricProperties())
                    .name("jvm_thread_virtual_submit_failed_total")
                    .help("Virtual threads whose start or unpark could not be submitted to the scheduler "
                            + "(JFR jdk.VirtualThreadSubmitFailed)")
                    .register(ctx.registry()).labelValues();
        }
        HistogramFamily pinnedFamily = pinned;
        CounterDataPoint submitFailedCounter = submitFailed;
        jfr = LiveJfr.create(settings, () -> new JfrEventHandlers(settings, ctx.waits(), pairing,
                pairing.jfrStacks(), pinnedFamily, submitFailedCounter, threadTime, churn, counts,
                e -> ctx.failed(NAME, e)));
        jfrState = "starting";
        rotating = ctx.scheduler().scheduleWithFixedDelay(() -> {
            try {
                jfr.rotateIfDue(churn.startedTotal());
            } catch (Throwable e) {
                ctx.failed(NAME, e); // a thrown task would never run again
            }
        }, ChunkRotation.CHECK_SECONDS, ChunkRotation.CHECK_SECONDS, TimeUnit.SECONDS);
    }

    /** The stream starts after the probes: its few hundred ms of start-up then run beside main(). */
    @Override
    public void instrumented() {
        if (jfr != null) {
            streamThread = AgentThreads.newThread(this::runStream, "jfr-stream");
            streamThread.start();
        }
    }

    /**
     * The body of the stream's thread: runs the stream until close(). A stream that dies (an
     * Error out of JFR's dispatch, or one closed under us) is counted, logged and started again,
     * up to {@link #MAX_RESTARTS} times; then {@code /api/jfr} reports it failed. The probes,
     * metrics and endpoint never depend on it and go on either way.
     */
    private void runStream() {
        try {
            pairing.setMinimumNanos(settings.minimumNanos());
            while (true) {
                Throwable died;
                try {
                    if (!jfr.run()) {
                        if (!jfr.closed()) {
                            jfrState = "unavailable: JFR is disabled in this JVM";
                        }
                        return;
                    }
                    died = jfr.closed() ? null : new IllegalStateException("the JFR stream ended by itself");
                } catch (Throwable e) {
                    died = jfr.closed() ? null : e;
                }
                if (died == null || !restartAfter(died)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            pairing.setMinimumNanos(Long.MAX_VALUE);
        }
    }

    /** Reports a dead stream; returns whether to start another (not closed meanwhile, restarts left). */
    private boolean restartAfter(Throwable died) throws InterruptedException {
        context.failed(NAME, died);
        if (restarts >= MAX_RESTARTS) {
            jfrState = "failed: " + died + " (gave up after " + MAX_RESTARTS + " restarts)";
            Log.warn("JFR pairing stopped after " + MAX_RESTARTS + " restarts, the rest of the agent keeps running: "
                    + died);
            return false;
        }
        restarts++;
        jfrState = "restarting: " + died;
        Log.warn("the JFR stream stopped (" + died + "); starting it again (" + restarts + " of " + MAX_RESTARTS
                + "), the rest of the agent keeps running");
        return !jfr.awaitClose(FIRST_RESTART_DELAY_MILLIS << (restarts - 1));
    }

    private void startThreadTime(AgentContext ctx, PoolLabels pools) {
        Duration interval = ctx.config().get(Options.THREAD_TIME_INTERVAL);
        if (interval.isZero()) {
            ctx.api().add("/api/time", (query, json) -> json.beginObject()
                    .field("timestamp", System.currentTimeMillis()).field("enabled", false)
                    .name("pools").beginArray().endArray().endObject());
            return;
        }
        threadTime = new ThreadTime(ctx.metricProperties(), ctx.registry(), pools);
        ThreadStateSampler sampler = new ThreadStateSampler(threadTime);
        long millis = Math.max(10, interval.toMillis());
        sampling = ctx.scheduler().scheduleWithFixedDelay(() -> {
            try {
                sampler.run();
            } catch (Throwable e) {
                ctx.failed(NAME, e); // a thrown task would never run again
            }
        }, 0, millis, TimeUnit.MILLISECONDS);
        ctx.api().add("/api/time", (query, json) -> threadTime.write(json, System.currentTimeMillis()));
    }

    /** {@code /api/jfr}: the stream's state and settings, event counts, thread churn and the stacks kept. */
    private void writeStatus(Map<String, String> query, JsonWriter json) {
        int limit = query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : 50;
        json.beginObject().field("timestamp", System.currentTimeMillis())
                .field("enabled", jfr != null).field("running", jfr != null && jfr.running())
                .field("state", jfr != null && jfr.running() ? "running" : jfrState)
                .field("restarts", restarts)
                .field("jdk", Runtime.version().feature());
        if (jfr != null) {
            json.field("lastFlush", jfr.lastFlushMillis());
            json.name("events").beginArray();
            jfr.enabledEvents().forEach(json::value);
            json.endArray();
            json.name("settings").beginObject()
                    .field("monitorThresholdMs", settings.monitorThreshold.toNanos() / 1e6)
                    .field("parkThresholdMs", settings.parkThreshold.toNanos() / 1e6)
                    .field("maxAgeSeconds", JfrSettings.MAX_AGE.getSeconds())
                    .field("maxSizeBytes", JfrSettings.MAX_SIZE_BYTES).endObject();
            json.field("sleepsCountedBy", jfr.jfrCountsSleeps() ? "jfr" : "probe");
            json.name("counts").beginObject();
            counts.snapshot().forEach(json::field);
            json.endObject();
            json.name("threadStarts");
            churn.write(json, limit);
            json.name("stacks").beginArray();
            String only = query.get("key");
            JfrStacks stacks = pairing.jfrStacks();
            List<String> keys = only != null ? List.of(only) : stacks.keys();
            keys.stream().sorted().limit(limit).forEach(key -> {
                json.beginObject().field("key", key).name("stacks").beginArray();
                for (JfrStacks.JfrStack s : stacks.recent(key, JfrStacks.PER_KEY)) {
                    json.beginObject().field("count", s.count()).field("totalSeconds", s.totalSeconds())
                            .field("lastSeen", s.lastSeenMillis()).name("frames").beginArray();
                    s.frames().forEach(json::value);
                    json.endArray().endObject();
                }
                json.endArray().endObject();
            });
            json.endArray();
        }
        json.endObject();
    }

    @Override
    public void close() {
        if (pairing != null) {
            pairing.setMinimumNanos(Long.MAX_VALUE);
        }
        if (sampling != null) {
            sampling.cancel(false);
        }
        if (rotating != null) {
            rotating.cancel(false);
        }
        if (jfr != null) {
            jfr.close();
            jfrState = "closed";
        }
        if (streamThread != null) {
            try {
                streamThread.join(10_000); // a start-up in progress finishes, sees the close and returns
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            if (streamThread.isAlive()) {
                Log.warn("the JFR stream thread did not stop within 10 s");
            }
        }
    }
}
