package dev.threadlens.jfr;

import java.time.Instant;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Consumer;

import dev.threadlens.bootstrap.AgentThreads;
import dev.threadlens.faults.TestFaults;
import dev.threadlens.jfr.ProbedWaits.ProbedWait;
import dev.threadlens.jfr.time.ThreadTime;
import dev.threadlens.metrics.AtomicHistogram;
import dev.threadlens.metrics.HistogramFamily;
import dev.threadlens.waits.WaitMetrics;
import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordedThreadGroup;
import jdk.jfr.consumer.RecordingStream;

/**
 * Turns JFR events into metrics, on the stream's thread (the agent's, never measured). Per event:
 * a threshold check, a cached stack lookup, one histogram update; nothing blocks.
 *
 * <ul>
 * <li>jdk.JavaMonitorEnter: {@code jvm_lock_wait_seconds{jvm_lock_type="monitor"}}, site
 * {@code <monitor class> at <first application frame>}.
 * <li>jdk.JavaMonitorWait: {@code jvm_sync_wait_seconds{jvm_sync_type="object_wait"}} ({@code join}
 * inside Thread.join), unless a probe times that kind, or the thread is an idle Timer.
 * <li>jdk.ThreadPark: parks the probes time (JDK lock/condition/latch/semaphore/future blockers,
 * anything inside AQS, or overlapping a wait a probe reported) are not counted; only their stacks
 * are kept, under the probe's site. Idle pool workers and sleeps are skipped. The rest, parks
 * below the probes (SynchronousQueue, LinkedTransferQueue, LockSupport.park by the application),
 * go to {@code jvm_sync_wait_seconds{jvm_sync_type="park"}}, site {@code <blocker class> at <frame>}.
 * <li>jdk.ThreadSleep: {@code jvm_sync_wait_seconds{jvm_sync_type="sleep"}} where no probe can
 * ({@link #jfrCountsSleeps}).
 * <li>jdk.VirtualThreadPinned: {@code jvm_thread_virtual_pinned_seconds{jvm_sync_site}};
 * jdk.VirtualThreadSubmitFailed: {@code jvm_thread_virtual_submit_failed_total}.
 * <li>jdk.ThreadStart / jdk.ThreadEnd: thread churn by pool; jdk.ThreadCPULoad: CPU seconds by pool.
 * </ul>
 * Waits with no application frame at all belong to JDK housekeeping threads and are not reported.
 */
final class JfrEventHandlers {

    /** Thread.sleep(long) is a native method before JDK 19: no advice can time it there. */
    static final int SLEEP_IS_JAVA_CODE_SINCE = 19;

    private final JfrSettings settings;
    private final WaitMetrics waits;
    private final ProbedWaits probed;
    private final JfrStacks stacks;
    private final HistogramFamily pinned;
    private final CounterDataPoint submitFailed;
    private final ThreadTime threadTime;
    private final ThreadChurn churn;
    private final JfrEventCounts counts;
    private final Failures failures;
    private final int feature = Runtime.version().feature();
    private final int processors = Runtime.getRuntime().availableProcessors();
    private final JfrStackInfos stackInfos = new JfrStackInfos(true);
    /** Series per (stack, class) already resolved: the hot path of a busy site does no lookups. */
    private final Map<StackInfo, Resolved> resolved = new IdentityHashMap<>();
    /** Last jdk.ThreadCPULoad per thread, to turn a load into seconds whatever the period. */
    private final Map<Long, Instant> lastCpuSample = new java.util.HashMap<>();

    /** Reports a failure of a handler (the stream keeps running). */
    interface Failures {
        void failed(Throwable error);
    }

    private static final class Resolved {
        final String type;
        final String className;
        final String siteLabel;
        final AtomicHistogram series;

        Resolved(String type, String className, String siteLabel, AtomicHistogram series) {
            this.type = type;
            this.className = className;
            this.siteLabel = siteLabel;
            this.series = series;
        }

        boolean matches(String otherType, String otherClass) {
            return type.equals(otherType) && (className == null ? otherClass == null : className.equals(otherClass));
        }
    }

    JfrEventHandlers(JfrSettings settings, WaitMetrics waits, ProbedWaits probed, JfrStacks stacks,
            HistogramFamily pinned, CounterDataPoint submitFailed, ThreadTime threadTime, ThreadChurn churn,
            JfrEventCounts counts, Failures failures) {
        this.settings = settings;
        this.waits = waits;
        this.probed = probed;
        this.stacks = stacks;
        this.pinned = pinned;
        this.submitFailed = submitFailed;
        this.threadTime = threadTime;
        this.churn = churn;
        this.counts = counts;
        this.failures = failures;
    }

    /** Subscribes to the events the stream enables. */
    void register(RecordingStream stream) {
        on(stream, JfrEventNames.MONITOR_ENTER, this::monitorEnter);
        on(stream, JfrEventNames.MONITOR_WAIT, this::monitorWait);
        on(stream, JfrEventNames.THREAD_PARK, this::park);
        on(stream, JfrEventNames.THREAD_SLEEP, this::sleep);
        on(stream, JfrEventNames.THREAD_START, this::threadStart);
        on(stream, JfrEventNames.THREAD_END, this::threadEnd);
        on(stream, JfrEventNames.THREAD_CPU_LOAD, this::cpuLoad);
        on(stream, JfrEventNames.VIRTUAL_THREAD_PINNED, this::pinned);
        on(stream, JfrEventNames.VIRTUAL_THREAD_SUBMIT_FAILED, this::submitFailed);
    }

    private void on(RecordingStream stream, String event, Consumer<RecordedEvent> handler) {
        CounterDataPoint counter = counts.counter(event);
        stream.onEvent(event, e -> {
            try {
                counter.inc();
                TestFaults.fire(TestFaults.JFR);
                handler.accept(e);
            } catch (Throwable t) {
                failures.failed(t); // a thrown handler would end the stream
            }
        });
    }

    /**
     * The sleep decision. Before JDK 19 {@code Thread.sleep(long)} is native: no probe can time
     * it, JFR is the only source. From 19 on it is Java code a probe may advise; if one declared
     * that it does ({@link ProbePairing#declareMeasured}), it counts the sleeps and JFR does not.
     */
    boolean jfrCountsSleeps() {
        return feature < SLEEP_IS_JAVA_CODE_SINCE || !probed.measuresSyncType("sleep");
    }

    void monitorEnter(RecordedEvent e) {
        if (isAgentThread(e.getThread())) {
            return;
        }
        long nanos = e.getDuration().toNanos();
        if (nanos < settings.monitorThresholdNanos) {
            return; // another recording may ask JFR for shorter ones
        }
        StackInfo stack = stackInfos.of(e.getStackTrace());
        if (stack.applicationFrame() == null) {
            return;
        }
        Resolved r = resolve(stack, className(e.getClass("monitorClass")), true, "monitor");
        r.series.observeNanos(nanos);
        keepStack(JfrStacks.siteKey("monitor", r.siteLabel), r.className, stack, nanos);
    }

    void monitorWait(RecordedEvent e) {
        if (isAgentThread(e.getThread())) {
            return;
        }
        long nanos = e.getDuration().toNanos();
        if (nanos < settings.monitorThresholdNanos) {
            return;
        }
        StackInfo stack = stackInfos.of(e.getStackTrace());
        if (stack.executorIdle() || stack.applicationFrame() == null) {
            return;
        }
        String type = stack.join() ? "join" : "object_wait";
        if (probed.measuresSyncType(type)) {
            return;
        }
        Resolved r = resolve(stack, className(e.getClass("monitorClass")), false, type);
        r.series.observeNanos(nanos);
        keepStack(JfrStacks.siteKey(type, r.siteLabel), r.className, stack, nanos);
    }

    void park(RecordedEvent e) {
        RecordedThread thread = e.getThread();
        if (isAgentThread(thread)) {
            return;
        }
        long nanos = e.getDuration().toNanos();
        if (nanos < settings.parkThresholdNanos) {
            return;
        }
        StackInfo stack = stackInfos.of(e.getStackTrace());
        if (stack.executorIdle() || stack.sleep()) {
            return; // an idle worker is not a wait; a sleep is counted from jdk.ThreadSleep
        }
        String blocker = className(e.getClass("parkedClass"));
        ProbedWait measured = thread == null ? null
                : probed.overlapping(thread.getJavaThreadId(), epochNanos(e.getStartTime()), epochNanos(e.getEndTime()));
        if (measured != null || WaitRules.isProbedBlocker(blocker) || stack.aqs()) {
            // The probes' wait: never counted here. Its stack goes to the probe's site when known.
            if (measured != null) {
                stacks.add(JfrStacks.siteKey(measured.type(), measured.site()), stack, nanos / 1e9, now());
            }
            if (blocker != null) {
                stacks.add(JfrStacks.classKey(blocker), stack, nanos / 1e9, now());
            }
            return;
        }
        if (stack.applicationFrame() == null) {
            return;
        }
        Resolved r = resolve(stack, blocker, false, "park");
        r.series.observeNanos(nanos);
        keepStack(JfrStacks.siteKey("park", r.siteLabel), blocker, stack, nanos);
    }

    void sleep(RecordedEvent e) {
        if (isAgentThread(e.getThread()) || !jfrCountsSleeps()) {
            return;
        }
        long nanos = e.getDuration().toNanos();
        if (nanos < settings.parkThresholdNanos) {
            return;
        }
        RecordedThread thread = e.getThread();
        if (thread != null && probed.overlapping(thread.getJavaThreadId(), epochNanos(e.getStartTime()),
                epochNanos(e.getEndTime())) != null) {
            return; // Thread.sleep(long, int) is probed even where sleep(long) is native (JDK 17)
        }
        StackInfo stack = stackInfos.of(e.getStackTrace());
        if (stack.applicationFrame() == null) {
            return;
        }
        Resolved r = resolve(stack, null, false, "sleep");
        r.series.observeNanos(nanos);
        keepStack(JfrStacks.siteKey("sleep", r.siteLabel), null, stack, nanos);
    }

    void pinned(RecordedEvent e) {
        if (isAgentThread(e.getThread())) {
            return;
        }
        long nanos = e.getDuration().toNanos();
        if (nanos < settings.parkThresholdNanos) {
            return;
        }
        StackInfo stack = stackInfos.of(e.getStackTrace());
        String label = waits.siteLabel(stack.site());
        pinned.labels(label).observeNanos(nanos);
        stacks.add(JfrStacks.siteKey("pinned", label), stack, nanos / 1e9, now());
    }

    void submitFailed(RecordedEvent e) {
        submitFailed.inc();
    }

    void threadStart(RecordedEvent e) {
        RecordedThread t = e.getThread("thread");
        if (t == null || isAgentThread(t)) {
            return;
        }
        churn.started(t.getJavaName(), stackInfos.of(e.getStackTrace()).applicationFrame());
    }

    void threadEnd(RecordedEvent e) {
        RecordedThread t = e.getThread("thread");
        if (t == null || isAgentThread(t)) {
            return;
        }
        lastCpuSample.remove(t.getJavaThreadId());
        churn.ended(t.getJavaName());
    }

    void cpuLoad(RecordedEvent e) {
        RecordedThread t = e.getThread();
        if (t == null || isAgentThread(t) || threadTime == null) {
            return;
        }
        Instant at = e.getStartTime();
        Instant previous = lastCpuSample.put(t.getJavaThreadId(), at);
        if (previous == null) {
            return; // the load is over the time since the previous sample, which this thread lacks
        }
        double elapsed = (epochNanos(at) - epochNanos(previous)) / 1e9;
        double load = e.getFloat("user") + e.getFloat("system"); // a fraction of all CPUs
        if (elapsed > 0) {
            threadTime.addCpu(t.getJavaName(), load * processors * elapsed);
        }
    }

    /** The series and site of a stack waiting on a class, computed once per (stack, class). */
    private Resolved resolve(StackInfo stack, String className, boolean lock, String type) {
        Resolved r = resolved.get(stack);
        if (r != null && r.matches(type, className)) {
            return r;
        }
        String site = className == null ? stack.site() : className + " at " + stack.site();
        String label = waits.siteLabel(site);
        AtomicHistogram series = lock ? waits.lockWait(type, site) : waits.syncWait(type, site);
        r = new Resolved(type, className, label, series);
        if (resolved.size() >= 4096) {
            resolved.clear();
        }
        resolved.put(stack, r);
        return r;
    }

    private void keepStack(String siteKey, String className, StackInfo stack, long nanos) {
        long now = now();
        stacks.add(siteKey, stack, nanos / 1e9, now);
        if (className != null) {
            stacks.add(JfrStacks.classKey(className), stack, nanos / 1e9, now);
        }
    }

    static boolean isAgentThread(RecordedThread t) {
        if (t == null) {
            return false;
        }
        String name = t.getJavaName();
        if (name != null && name.startsWith(AgentThreads.NAME_PREFIX)) {
            return true;
        }
        RecordedThreadGroup g = t.getThreadGroup();
        return g != null && "threadlens".equals(g.getName());
    }

    private static String className(RecordedClass c) {
        return c == null ? null : c.getName();
    }

    private static long epochNanos(Instant i) {
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    }

    private static long now() {
        return System.currentTimeMillis();
    }
}
