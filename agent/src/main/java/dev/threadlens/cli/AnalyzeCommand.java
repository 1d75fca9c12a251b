package dev.threadlens.cli;

import java.io.PrintStream;
import java.nio.file.Path;

import dev.threadlens.jfr.analysis.Analysis;
import dev.threadlens.jfr.analysis.JsonReport;
import dev.threadlens.jfr.analysis.RecordingAnalyzer;
import dev.threadlens.jfr.analysis.TextReport;

/**
 * {@code analyze <recording.jfr> [--json] [--top N]}: what a JFR recording says about the
 * threads: contended monitors and locks with their stacks, signal waits, threads by time
 * stalled, pinned virtual threads, thread churn, deadlocks in its thread dumps. A file that is
 * not a complete recording is one line on stderr and exit code 2.
 */
final class AnalyzeCommand implements Main.Command {

    static final int DEFAULT_TOP = 10;

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        String file = null;
        boolean json = false;
        int top = DEFAULT_TOP;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--json")) {
                json = true;
            } else if (a.equals("--top")) {
                if (i + 1 >= args.length) {
                    throw new Main.UsageException("--top wants a number, as in --top 20");
                }
                top = parseTop(args[++i]);
            } else if (a.startsWith("--top=")) {
                top = parseTop(a.substring("--top=".length()));
            } else if (a.startsWith("--")) {
                throw new Main.UsageException("unknown flag " + a + "; usage: analyze <recording.jfr> [--json] [--top N]");
            } else if (file == null) {
                file = a;
            } else {
                throw new Main.UsageException("one recording at a time; usage: analyze <recording.jfr> [--json] [--top N]");
            }
        }
        if (file == null) {
            throw new Main.UsageException("usage: analyze <recording.jfr> [--json] [--top N]");
        }
        if (ModuleLayer.boot().findModule("jdk.jfr").isEmpty()) {
            err.println("threadlens analyze: this Java runtime has no jdk.jfr module; run it with a full JDK");
            return Main.FAILED;
        }
        Analysis analysis;
        try {
            analysis = RecordingAnalyzer.analyze(Path.of(file));
        } catch (RecordingAnalyzer.BadRecordingException e) {
            err.println("threadlens analyze: " + e.getMessage());
            return Main.USAGE;
        }
        if (json) {
            out.println(JsonReport.write(analysis, top));
        } else {
            TextReport.write(analysis, top, out);
        }
        return Main.OK;
    }

    private static int parseTop(String text) throws Main.UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n < 1) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Main.UsageException("--top wants a positive number, not '" + text + "'");
        }
    }
}
