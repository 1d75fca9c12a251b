package dev.threadlens.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.threadlens.core.Agent;
import dev.threadlens.deadlock.DeadlockReport;
import dev.threadlens.deadlock.dump.DumpDiagnosis;
import dev.threadlens.deadlock.dump.ThreadDumpParser;
import dev.threadlens.http.JsonWriter;

/**
 * {@code deadlocks <pid> [--json] [--interval 2s]}: deadlocks, hangs and stuck threads of a running
 * JVM. Without the agent in the target, two thread dumps are taken through the attach mechanism a
 * short time apart (to tell stuck from slow) and analysed here: nothing is loaded into the target,
 * no thread or socket of ours is left there. With the agent running in it, its richer graph is
 * fetched from {@code /api/deadlocks}. Exit code 0: none found; 1: a deadlock or hang found;
 * 2: could not diagnose (the reason on one line).
 */
final class DeadlocksCommand implements Main.Command {

    static final int NONE = 0;
    static final int FOUND = 1;
    static final int CANNOT = 2;

    private static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s)");

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        long pid = -1;
        boolean json = false;
        Duration interval = DEFAULT_INTERVAL;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--json")) {
                json = true;
            } else if (args[i].equals("--interval") && i + 1 < args.length) {
                interval = duration(args[++i]);
            } else if (pid < 0 && !args[i].startsWith("--")) {
                pid = Main.parsePid(args[i]);
            } else {
                throw new Main.UsageException("usage: deadlocks <pid> [--json] [--interval 2s]");
            }
        }
        if (pid < 0) {
            throw new Main.UsageException("usage: deadlocks <pid> [--json] [--interval 2s]");
        }
        if (Main.attachUnavailable() != null) {
            err.println("threadlens deadlocks: could not diagnose process " + pid + ": " + Main.attachUnavailable());
            return CANNOT;
        }
        try (TargetJvm target = TargetJvm.attach(pid)) {
            Properties properties = target.systemProperties();
            String endpoint = properties.getProperty(Agent.ENDPOINT_PROPERTY);
            if (endpoint != null) {
                try {
                    String doc = AgentDeadlocks.fetch(endpoint);
                    out.print(json ? doc + System.lineSeparator() : AgentDeadlocks.text(doc, pid));
                    return AgentDeadlocks.found(doc) ? FOUND : NONE;
                } catch (IOException | RuntimeException e) {
                    err.println("note: the threadlens agent in process " + pid + " did not answer (" + e.getMessage()
                            + "); using thread dumps instead");
                }
            }
            String first = target.threadDump();
            Thread.sleep(interval.toMillis());
            String second = target.threadDump();
            DeadlockReport report = DumpDiagnosis.diagnose(ThreadDumpParser.parse(first),
                    ThreadDumpParser.parse(second), interval.toMillis() / 1000.0,
                    "thread dumps of process " + pid);
            if (json) {
                JsonWriter w = new JsonWriter();
                report.writeJson(w);
                out.println(w);
            } else {
                out.print(report.text());
            }
            return report.found() ? FOUND : NONE;
        } catch (IOException | RuntimeException e) {
            // Exit code 1 means "found": anything that went wrong is "could not diagnose".
            err.println("threadlens deadlocks: could not diagnose process " + pid + ": " + e.getMessage());
            return CANNOT;
        }
    }

    private static Duration duration(String text) throws Main.UsageException {
        Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new Main.UsageException("--interval wants a duration such as 500ms or 2s, got '" + text + "'");
        }
        long n = Long.parseLong(m.group(1));
        Duration d = m.group(2).equals("ms") ? Duration.ofMillis(n) : Duration.ofSeconds(n);
        if (d.isZero() || d.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new Main.UsageException("--interval must be between 1ms and 5m, got '" + text + "'");
        }
        return d;
    }
}
