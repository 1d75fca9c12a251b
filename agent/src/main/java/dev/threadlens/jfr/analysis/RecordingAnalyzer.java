package dev.threadlens.jfr.analysis;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.threadlens.jfr.JfrStackInfos;
import dev.threadlens.jfr.StackInfo;
import dev.threadlens.jfr.WaitRules;
import dev.threadlens.jfr.time.PoolLabels;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordedThreadGroup;
import jdk.jfr.consumer.RecordingFile;

/**
 * Reads a JFR recording (any: {@code -XX:StartFlightRecording}, {@code jcmd JFR.dump}, with or
 * without threadlens) event by event and aggregates the thread events into an {@link Analysis}.
 * Memory stays bounded however large the file: groups, threads and stacks are capped.
 */
public final class RecordingAnalyzer {

    /** The file cannot be read as a recording; the message is one line for the user. */
    public static final class BadRecordingException extends Exception {
        BadRecordingException(String message) {
            super(message);
        }
    }

    private static final int MAX_GROUPS = 10_000;
    private static final int MAX_THREADS = 10_000;

    private final Analysis analysis;
    private final JfrStackInfos stacks = new JfrStackInfos(true);

    private RecordingAnalyzer(String file) {
        this.analysis = new Analysis(file);
    }

    public static Analysis analyze(Path file) throws BadRecordingException {
        if (!Files.isRegularFile(file)) {
            throw new BadRecordingException("no such file: " + file);
        }
        if (!Files.isReadable(file)) {
            throw new BadRecordingException("cannot read " + file + " (permissions)");
        }
        RecordingAnalyzer analyzer = new RecordingAnalyzer(file.toString());
        try (RecordingFile recording = new RecordingFile(file)) {
            while (recording.hasMoreEvents()) {
                analyzer.event(recording.readEvent());
            }
        } catch (IOException | RuntimeException e) {
            throw new BadRecordingException(describe(file, e, analyzer.analysis.eventsRead));
        }
        analyzer.finish();
        return analyzer.analysis;
    }

    /** One line saying what is wrong with the file. */
    private static String describe(Path file, Exception e, long eventsRead) {
        String detail = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").trim();
        if (e instanceof IOException && (detail.startsWith("Not a Flight Recorder file")
                || detail.startsWith("Not a valid Flight Recorder file"))) {
            return file + " is not a JFR recording (" + detail + ")";
        }
        String what = e instanceof EOFException || detail.contains("file is only") || detail.contains("Chunk")
                ? "is truncated" : "is damaged or truncated";
        return file + " " + what + " after " + eventsRead + " events (" + e.getClass().getSimpleName() + ": " + detail
                + "); a recording still being written cannot be read: dump it with jcmd <pid> JFR.dump";
    }

    private void event(RecordedEvent e) {
        analysis.eventsRead++;
        Instant startTime = e.getStartTime();
        if (analysis.start == null || startTime.isBefore(analysis.start)) {
            analysis.start = startTime;
        }
        Instant endTime = e.getEndTime();
        if (analysis.end == null || endTime.isAfter(analysis.end)) {
            analysis.end = endTime;
        }
        String type = e.getEventType().getName();
        switch (type) {
            case "jdk.JavaMonitorEnter":
                monitorEnter(e);
                break;
            case "jdk.JavaMonitorWait":
                monitorWait(e);
                break;
            case "jdk.ThreadPark":
                park(e);
                break;
            case "jdk.ThreadSleep":
                sleep(e);
                break;
            case "jdk.VirtualThreadPinned":
                pinned(e);
                break;
            case "jdk.ThreadStart":
            case "jdk.ThreadEnd":
                lifecycle(e, type.equals("jdk.ThreadStart"));
                break;
            case "jdk.VirtualThreadStart":
                analysis.virtualStarted++;
                break;
            case "jdk.VirtualThreadEnd":
                analysis.virtualEnded++;
                break;
            case "jdk.ThreadDump":
                threadDump(e);
                break;
            case "jdk.JVMInformation":
                if (e.hasField("jvmVersion") && e.getString("jvmVersion") != null) {
                    String jvm = e.getString("jvmVersion"); // "... VM (17.0.15+6) for linux-amd64 JRE (...), built on ..."
                    int cut = jvm.indexOf(" for ");
                    analysis.jvm = cut > 0 ? jvm.substring(0, cut) : jvm;
                }
                break;
            default:
                return;
        }
        analysis.eventCounts.merge(type, 1L, Long::sum);
    }

    private void monitorEnter(RecordedEvent e) {
        RecordedThread t = e.getThread();
        if (isAgentThread(t)) {
            return;
        }
        long nanos = e.getDuration().toNanos();
        StackInfo stack = stacks.of(e.getStackTrace());
        String cls = className(e, "monitorClass");
        add(analysis.monitors, "monitor", cls, stack, nanos, t);
        times(t).blockedNanos += nanos;
    }

    private void monitorWait(RecordedEvent e) {
        RecordedThread t = e.getThread();
        if (isAgentThread(t)) {
            return;
        }
        long nanos = e.getDuration().toNanos();
        StackInfo stack = stacks.of(e.getStackTrace());
        if (stack.executorIdle()) {
            idle(t, nanos);
            return;
        }
        if (stack.applicationFrame() == null) {
            return; // JDK housekeeping (reference handling, cleaners)
        }
        add(analysis.waits, stack.join() ? "join" : "object_wait", className(e, "monitorClass"), stack, nanos, t);
        times(t).waitingNanos += nanos;
    }

    private void park(RecordedEvent e) {
        RecordedThread t = e.getThread();
        if (isAgentThread(t)) {
            return;
        }
        long nanos = e.getDuration().toNanos();
        StackInfo stack = stacks.of(e.getStackTrace());
        if (stack.executorIdle()) {
            idle(t, nanos);
            return;
        }
        if (stack.sleep() || stack.applicationFrame() == null) {
            return; // a sleep has its own event; no application frame: a JDK thread
        }
        String blocker = className(e, "parkedClass");
        String type = WaitRules.waitType(blocker);
        add(WaitRules.isLockBlocker(blocker) ? analysis.locks : analysis.waits, type, blocker, stack, nanos, t);
        times(t).parkedNanos += nanos;
    }

    private void sleep(RecordedEvent e) {
        RecordedThread t = e.getThread();
        if (isAgentThread(t)) {
            return;
        }
        long nanos = e.getDuration().toNanos();
        StackInfo stack = stacks.of(e.getStackTrace());
        if (stack.applicationFrame() == null) {
            return;
        }
        add(analysis.sleeps, "sleep", null, stack, nanos, t);
        times(t).sleepingNanos += nanos;
    }

    private void pinned(RecordedEvent e) {
        RecordedThread t = e.getThread();
        if (isAgentThread(t)) {
            return;
        }
        StackInfo stack = stacks.of(e.getStackTrace());
        WaitGroup g = add(analysis.pinned, "pinned", null, stack, e.getDuration().toNanos(), t);
        if (g != null && e.hasField("pinnedReason") && e.getString("pinnedReason") != null) {
            g.detail(e.getString("pinnedReason")); // JDK 24+
        }
    }

    private void lifecycle(RecordedEvent e, boolean start) {
        RecordedThread t = e.hasField("thread") ? e.getThread("thread") : e.getThread();
        if (t == null || isAgentThread(t)) {
            return;
        }
        Map<String, Analysis.PoolChurn> churn = analysis.churn;
        String pool = PoolLabels.strip(t.getJavaName());
        Analysis.PoolChurn c = churn.get(pool);
        if (c == null && churn.size() < MAX_GROUPS) {
            c = new Analysis.PoolChurn(pool);
            churn.put(pool, c);
        }
        if (start) {
            analysis.threadsStarted++;
            if (c != null) {
                c.started++;
            }
        } else {
            analysis.threadsEnded++;
            if (c != null) {
                c.ended++;
            }
        }
    }

    private void threadDump(RecordedEvent e) {
        Analysis.Deadlocks d = analysis.deadlocks;
        d.threadDumps++;
        List<ThreadDumpDeadlocks.Cycle> cycles = ThreadDumpDeadlocks.parse(e.getString("result"));
        if (cycles.isEmpty()) {
            return;
        }
        d.dumpsWithDeadlock++;
        Instant at = e.getStartTime();
        if (d.firstSeen == null || at.isBefore(d.firstSeen)) {
            d.firstSeen = at;
        }
        if (d.lastSeen == null || !at.isBefore(d.lastSeen)) {
            d.lastSeen = at;
            d.cycles = cycles;
        }
    }

    private void idle(RecordedThread t, long nanos) {
        analysis.idleCount++;
        analysis.idleNanos += nanos;
        times(t).idleNanos += nanos;
    }

    private WaitGroup add(Map<String, WaitGroup> groups, String type, String cls, StackInfo stack, long nanos,
            RecordedThread t) {
        String site = stack.site();
        String key = type + '\u0000' + cls + '\u0000' + site;
        WaitGroup g = groups.get(key);
        if (g == null) {
            if (groups.size() >= MAX_GROUPS) {
                return null;
            }
            g = new WaitGroup(type, cls, site);
            groups.put(key, g);
        }
        g.add(nanos, threadName(t), stack.frames());
        return g;
    }

    private Analysis.ThreadTimes times(RecordedThread t) {
        long id = t == null ? -1 : t.getJavaThreadId();
        Analysis.ThreadTimes times = analysis.threads.get(id);
        if (times == null) {
            times = new Analysis.ThreadTimes(threadName(t), id, isVirtual(t));
            if (analysis.threads.size() < MAX_THREADS) {
                analysis.threads.put(id, times);
            }
        }
        return times;
    }

    private void finish() {
        Map<String, Long> counts = analysis.eventCounts;
        if (analysis.eventsRead == 0) {
            analysis.notes.add("the recording holds no events");
        }
        if (!counts.containsKey("jdk.JavaMonitorEnter")) {
            analysis.notes.add("no jdk.JavaMonitorEnter events: no synchronized contention above the recording's"
                    + " threshold (20 ms with the default settings), or the event was off");
        }
        if (!counts.containsKey("jdk.ThreadPark")) {
            analysis.notes.add("no jdk.ThreadPark events: no lock, condition or queue wait above the threshold,"
                    + " or the event was off");
        }
        if (analysis.deadlocks.threadDumps == 0) {
            analysis.notes.add("no jdk.ThreadDump events, so deadlocks cannot be checked: record with a .jfc that"
                    + " sets jdk.ThreadDump's period (for example 10 s, or everyChunk and dump with JFR.dump)");
        }
    }

    static boolean isAgentThread(RecordedThread t) {
        if (t == null) {
            return false;
        }
        String name = t.getJavaName();
        if (name != null && name.startsWith("threadlens-")) {
            return true;
        }
        RecordedThreadGroup g = t.getThreadGroup();
        return g != null && "threadlens".equals(g.getName());
    }

    private static boolean isVirtual(RecordedThread t) {
        if (t == null || IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (Boolean) IS_VIRTUAL.invoke(t);
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }

    /** {@code RecordedThread.isVirtual()}, JDK 21+; the analyzer also runs on 17. */
    private static final java.lang.reflect.Method IS_VIRTUAL = isVirtualMethod();

    private static java.lang.reflect.Method isVirtualMethod() {
        try {
            return RecordedThread.class.getMethod("isVirtual");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static String threadName(RecordedThread t) {
        if (t == null) {
            return "unknown";
        }
        String name = t.getJavaName();
        if (name == null || name.isEmpty()) {
            return (isVirtual(t) ? "virtual#" : "thread#") + t.getJavaThreadId();
        }
        return name;
    }

    private static String className(RecordedEvent e, String field) {
        if (!e.hasField(field)) {
            return null;
        }
        RecordedClass c = e.getClass(field);
        return c == null ? null : c.getName();
    }
}
