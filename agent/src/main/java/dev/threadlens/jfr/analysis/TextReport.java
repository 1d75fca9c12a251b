package dev.threadlens.jfr.analysis;

import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The analysis as a report a person reads top to bottom: the worst first in every section. */
public final class TextReport {

    private static final int FRAMES_SHOWN = 12;

    private final PrintStream out;
    private final int top;

    private TextReport(PrintStream out, int top) {
        this.out = out;
        this.top = top;
    }

    public static void write(Analysis a, int top, PrintStream out) {
        new TextReport(out, top).write(a);
    }

    private void write(Analysis a) {
        out.println("threadlens analyze: " + a.file());
        if (a.start() != null) {
            out.printf(Locale.ROOT, "recording %s .. %s (%s), %s, %d events read%n", a.start(), a.end(),
                    seconds((a.end().toEpochMilli() - a.start().toEpochMilli()) / 1e3),
                    a.jvm() == null ? "JVM unknown" : "JVM " + a.jvm(), a.eventsRead());
        }
        deadlocks(a.deadlocks());
        groups("Contended monitors (synchronized), by total time blocked", "monitor at site", a.monitors(top));
        groups("Contended locks (ReentrantLock, read-write lock, StampedLock, Semaphore), by total wait",
                "lock at site", a.locks(top));
        groups("Signal waits (condition, latch, future, Object.wait, join, queue hand-off, park), by total wait",
                "type: blocker at site", a.waits(top));
        groups("Sleeps, by total time", "site", a.sleeps(top));
        groups("Pinned virtual threads, by total time pinned", "site", a.pinned(top));
        threads(a.threads(top));
        if (a.idleCount() > 0) {
            out.printf(Locale.ROOT, "%nIdle pool workers waited for tasks %d times, %s in all (not contention).%n",
                    a.idleCount(), seconds(a.idleSeconds()));
        }
        lifecycle(a);
        if (!a.notes().isEmpty()) {
            out.println();
            out.println("Notes");
            a.notes().forEach(n -> out.println("  - " + n));
        }
    }

    private void deadlocks(Analysis.Deadlocks d) {
        if (d.cycles().isEmpty()) {
            if (d.threadDumps() > 0) {
                out.printf("%nDeadlocks: none in the recording's %d thread dump(s).%n", d.threadDumps());
            }
            return;
        }
        out.printf(Locale.ROOT, "%nDEADLOCK: %d cycle(s) in %d of %d thread dumps (first %s, last %s)%n",
                d.cycles().size(), d.dumpsWithDeadlock(), d.threadDumps(), d.firstSeen(), d.lastSeen());
        int n = 1;
        for (ThreadDumpDeadlocks.Cycle c : d.cycles()) {
            out.printf("  cycle %d (%s):%n", n++, c.kind());
            for (ThreadDumpDeadlocks.Member m : c.members()) {
                out.printf("    \"%s\" waits for %s %s held by \"%s\"%n", m.thread(),
                        m.kind().equals("monitor") ? "the monitor of a" : "a", m.waitsFor(), m.heldBy());
                m.stack().stream().limit(FRAMES_SHOWN).forEach(f -> out.println("        " + f));
            }
        }
    }

    private void groups(String title, String what, List<WaitGroup> groups) {
        if (groups.isEmpty()) {
            return;
        }
        out.println();
        out.println(title);
        out.printf("  %-3s %10s %10s %7s %7s  %s%n", "#", "total", "max", "count", "threads", what);
        int n = 1;
        for (WaitGroup g : groups) {
            String label = (g.type().equals("monitor") || g.type().equals("sleep") || g.type().equals("pinned")
                    ? "" : g.type() + ": ") + (g.className() == null ? "" : g.className() + " at ") + g.site()
                    + (g.detail() == null ? "" : " [" + g.detail() + "]");
            out.printf(Locale.ROOT, "  %-3d %10s %10s %7d %7d  %s%n", n++, seconds(g.totalSeconds()),
                    seconds(g.maxSeconds()), g.count(), g.threads().size(), label);
            List<Map.Entry<List<String>, Long>> stacks = g.topStacks(1);
            if (!stacks.isEmpty()) {
                out.printf("        stack of %d of these waits:%n", stacks.get(0).getValue());
                stacks.get(0).getKey().stream().limit(FRAMES_SHOWN).forEach(f -> out.println("          at " + f));
            }
        }
    }

    private void threads(List<Analysis.ThreadTimes> threads) {
        if (threads.isEmpty()) {
            return;
        }
        out.println();
        out.println("Threads by time blocked + waiting + parked");
        out.printf("  %10s %10s %10s %10s  %s%n", "blocked", "waiting", "parked", "sleeping", "thread");
        for (Analysis.ThreadTimes t : threads) {
            out.printf(Locale.ROOT, "  %10s %10s %10s %10s  %s%n", seconds(t.blockedSeconds()),
                    seconds(t.waitingSeconds()), seconds(t.parkedSeconds()), seconds(t.sleepingSeconds()), t.name());
        }
    }

    private void lifecycle(Analysis a) {
        if (a.threadsStarted() == 0 && a.threadsEnded() == 0 && a.virtualStarted() == 0) {
            return;
        }
        out.println();
        out.printf("Thread starts and ends: %d started, %d ended", a.threadsStarted(), a.threadsEnded());
        if (a.virtualStarted() > 0 || a.virtualEnded() > 0) {
            out.printf(", virtual: %d started, %d ended", a.virtualStarted(), a.virtualEnded());
        }
        out.println();
        out.printf("  %8s %8s  %s%n", "started", "ended", "pool (thread name without its number)");
        for (Analysis.PoolChurn c : a.churn(top)) {
            out.printf("  %8d %8d  %s%n", c.started(), c.ended(), c.pool());
        }
    }

    static String seconds(double s) {
        if (s >= 100) {
            return String.format(Locale.ROOT, "%.0f s", s);
        }
        if (s >= 1) {
            return String.format(Locale.ROOT, "%.2f s", s);
        }
        return String.format(Locale.ROOT, "%.1f ms", s * 1e3);
    }

    static String instant(Instant i) {
        return i == null ? "-" : i.toString();
    }
}
