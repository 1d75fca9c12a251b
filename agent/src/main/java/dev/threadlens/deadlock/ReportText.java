package dev.threadlens.deadlock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The human-readable report: what waits for what, who holds it, where it was taken, and the stacks. */
public final class ReportText {

    private static final String NL = System.lineSeparator();
    /** Frames printed per stack in text; JSON carries what was captured. */
    private static final int TEXT_FRAMES = 24;

    private ReportText() {
    }

    static String report(DeadlockReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append(summary(r)).append(NL);
        for (Deadlock d : r.deadlocks()) {
            sb.append(NL).append(deadlock(d));
        }
        for (Hang h : r.hangs()) {
            sb.append(NL).append(hang(h));
        }
        if (!r.stuck().isEmpty()) {
            sb.append(NL).append("Stuck threads (blocked or waiting without waking once):").append(NL);
            for (StuckThread s : r.stuck()) {
                sb.append("  ").append(stuck(s)).append(NL);
            }
        }
        for (Inversion i : r.inversions()) {
            sb.append(NL).append(inversion(i));
        }
        for (String note : r.notes()) {
            sb.append(NL).append("Note: ").append(note).append(NL);
        }
        return sb.toString();
    }

    static String summary(DeadlockReport r) {
        if (!r.found() && r.stuck().isEmpty() && r.inversions().isEmpty()) {
            return "No deadlock, hang or stuck thread found (" + r.source() + ").";
        }
        return count(r.deadlocks().size(), "deadlock") + ", " + count(r.hangs().size(), "hang") + ", "
                + count(r.stuck().size(), "stuck thread") + ", "
                + count(r.inversions().size(), "lock-order inversion") + " (" + r.source() + ").";
    }

    /** The block logged once per new deadlock and printed by the CLI. */
    public static String deadlock(Deadlock d) {
        StringBuilder sb = new StringBuilder();
        sb.append("DEADLOCK (").append(d.kind()).append(") of ").append(count(d.cycle().size(), "thread"));
        if (d.detectedAt() > 0) {
            sb.append(", detected ").append(Instant.ofEpochMilli(d.detectedAt()));
        }
        if (d.confirmation() != null) {
            sb.append(" (").append(d.confirmation()).append(")");
        }
        sb.append(':').append(NL);
        for (Deadlock.Step s : d.cycle()) {
            ThreadView t = s.thread();
            WaitFor w = t.waitsFor();
            sb.append("  \"").append(t.name()).append("\" waits for ").append(w.primitive().describe()).append(NL);
            if (t.waitingAt() != null) {
                sb.append("      at ").append(t.waitingAt()).append(NL);
            }
            sb.append("    ").append(heldBy(s)).append(NL);
        }
        if (!d.blocked().isEmpty()) {
            List<String> names = new ArrayList<>();
            for (ThreadView t : d.blocked()) {
                names.add("\"" + t.name() + "\"");
            }
            sb.append("  Also blocked behind it: ").append(String.join(", ", names)).append(NL);
        }
        for (Deadlock.Step s : d.cycle()) {
            sb.append(NL).append(threadDetail(s.thread()));
        }
        for (ThreadView t : d.blocked()) {
            sb.append(NL).append(threadDetail(t));
        }
        return sb.toString();
    }

    private static String heldBy(Deadlock.Step s) {
        WaitFor w = s.thread().waitsFor();
        String next = "\"" + s.heldBy().name() + "\"";
        String others = s.holders().size() > 1 ? " (all of " + quoted(s.holders()) + " must let go)" : "";
        String detail = w.detail() == null ? "" : " [" + w.detail() + "]";
        String line;
        if (w.executor() != null) {
            line = "which only a worker of executor " + w.executor() + " can run, and every one is blocked: "
                    + quoted(s.holders());
            return line + detail;
        }
        switch (w.primitive().type()) {
            case "future":
                line = "which is running in " + next;
                break;
            case "join":
                line = "until thread " + next + " ends";
                break;
            default:
                if (s.heldBy() == s.thread()) {
                    line = "which is held by this same thread";
                } else if (w.detail() != null && w.detail().startsWith("read-locked by")) {
                    line = "which is read-locked by " + next;
                    detail = w.detail().contains("cannot") ? " [" + w.detail() + "]" : "";
                } else {
                    line = "which is held by " + next;
                }
        }
        return line + others + detail;
    }

    static String hang(Hang h) {
        StringBuilder sb = new StringBuilder();
        sb.append("HANG (").append(h.kind()).append(") of ").append(count(h.threads().size(), "thread"))
                .append(" waiting for ").append(h.primitive().describe())
                .append(String.format(Locale.ROOT, " for %.1f s:", h.seconds())).append(NL);
        sb.append("  ").append(h.evidence()).append(NL);
        for (ThreadView t : h.threads()) {
            sb.append(NL).append(threadDetail(t));
        }
        return sb.toString();
    }

    static String stuck(StuckThread s) {
        ThreadView t = s.thread();
        String what = t.waitsFor() == null ? "" : " on " + t.waitsFor().primitive().describe();
        return String.format(Locale.ROOT, "\"%s\" %s%s for %.1f s at %s", t.name(), t.state(), what, s.seconds(),
                t.waitingAt() == null ? "(no stack)" : t.waitingAt());
    }

    static String inversion(Inversion i) {
        StringBuilder sb = new StringBuilder();
        sb.append("LOCK-ORDER INVERSION (a deadlock waiting to happen):").append(NL);
        sb.append("  \"").append(i.threadA()).append("\" took ").append(i.second()).append(NL)
                .append("    while holding ").append(i.first()).append(':').append(NL);
        appendStack(sb, i.stackA(), "      ");
        sb.append("  \"").append(i.threadB()).append("\" took ").append(i.first()).append(NL)
                .append("    while holding ").append(i.second());
        if (i.path().size() > 2) {
            sb.append(" (through ").append(String.join(" -> ", i.path())).append(')');
        }
        sb.append(':').append(NL);
        appendStack(sb, i.stackB(), "      ");
        sb.append("  Two threads running these paths at the same time can deadlock; take the locks in one order.")
                .append(NL);
        return sb.toString();
    }

    /** A thread's state, the primitives it holds and where it took them, and its stack. */
    static String threadDetail(ThreadView t) {
        StringBuilder sb = new StringBuilder();
        sb.append("  \"").append(t.name()).append("\" ").append(t.state());
        if (t.held().isEmpty()) {
            sb.append(", holds nothing the JVM reports").append(NL);
        } else {
            sb.append(", holds:").append(NL);
            for (Held h : t.held()) {
                sb.append("      ").append(h.primitive().describe()).append(", taken at ")
                        .append(h.takenAt() == null ? "(not recorded for this kind of lock)" : h.takenAt())
                        .append(NL);
            }
        }
        appendStack(sb, t.stack(), "      ");
        return sb.toString();
    }

    private static void appendStack(StringBuilder sb, List<String> stack, String indent) {
        int n = Math.min(stack.size(), TEXT_FRAMES);
        for (int i = 0; i < n; i++) {
            sb.append(indent).append("at ").append(stack.get(i)).append(NL);
        }
        if (stack.size() > n) {
            sb.append(indent).append("... ").append(stack.size() - n).append(" more").append(NL);
        }
    }

    private static String quoted(List<String> names) {
        List<String> q = new ArrayList<>();
        for (String n : names) {
            q.add("\"" + n + "\"");
        }
        return String.join(", ", q);
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
