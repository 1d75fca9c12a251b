package dev.threadlens.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Http;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;
import dev.threadlens.testkit.Paths;

/**
 * One scenario run under the agent in a child JVM, recorded for the assertions: its stdout, a
 * scrape of {@code /metrics} every quarter of a second while it runs, and a final scrape taken
 * after the scenario ended (the demo waits with {@code --hold}, so nothing is missed). Recording
 * also checks what every scenario promises: it ends by itself, leaves no non-daemon thread
 * behind, and the JVM exits with 0 as soon as it is let go.
 */
final class DemoRun {

    private static final long SCRAPE_EVERY_MILLIS = 250;
    private static final Duration MAX_RUN = Duration.ofMinutes(4);
    private static final Duration EXIT_WAIT = Duration.ofSeconds(60);
    private static final Duration CATCH_UP = Duration.ofSeconds(30);
    private static final Pattern LAST_FLUSH = Pattern.compile("\"lastFlush\":(\\d+)");
    /** The time of the detector pass /api/deadlocks reports. */
    private static final Pattern PASS_TIME = Pattern.compile("^\\{\"timestamp\":(\\d+)");

    /** A scrape, with how many stdout lines had been printed before and after it was taken. */
    static final class Scrape {
        final int linesBefore;
        final int linesAfter;
        final Metrics metrics;
        /** The extra path asked for with the scrape, or null. */
        final Http.Response extra;

        Scrape(int linesBefore, int linesAfter, Metrics metrics, Http.Response extra) {
            this.linesBefore = linesBefore;
            this.linesAfter = linesAfter;
            this.metrics = metrics;
            this.extra = extra;
        }
    }

    private final String scenario;
    private final List<Scrape> scrapes;
    private final Metrics end;
    private final Http.Response endExtra;
    private final List<String> lines;
    private final String output;
    private final long pid;

    private DemoRun(String scenario, List<Scrape> scrapes, Metrics end, Http.Response endExtra, String stdout,
            String output, long pid) {
        this.scenario = scenario;
        this.scrapes = Collections.unmodifiableList(scrapes);
        this.end = end;
        this.endExtra = endExtra;
        this.lines = List.of(stdout.split("\n"));
        this.output = output;
        this.pid = pid;
    }

    /** Runs {@code java -javaagent:... -jar demo-app.jar <args> --hold} and records it. */
    static DemoRun record(Jdk jdk, String... args) throws IOException, InterruptedException {
        return recordWith(jdk, null, args);
    }

    /** Like {@link #record(Jdk, String...)}, also GETting {@code alsoGet} (e.g. a JSON API path) with every scrape. */
    static DemoRun recordWith(Jdk jdk, String alsoGet, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(args));
        command.add("--hold");
        // A detector pass every second: the final scrape waits for one after the scenario ended.
        try (ChildJvm app = ChildJvm.builder(jdk).agent("deadlockInterval=1s")
                .jar(Paths.demoJar(), command.toArray(new String[0])).start()) {
            long giveUp = System.nanoTime() + MAX_RUN.toNanos();
            app.port(); // the endpoint is up
            List<Scrape> scrapes = new ArrayList<>();
            while (!app.stdout().contains("== holding")) {
                if (!app.isAlive()) {
                    throw new AssertionError("the demo exited before the scenario ended:\n" + app.output());
                }
                if (System.nanoTime() - giveUp > 0) {
                    throw new AssertionError("the scenario did not end within " + MAX_RUN + ":\n" + app.output());
                }
                int before = lineCount(app.stdout());
                Metrics m = app.scrape();
                Http.Response extra = alsoGet == null ? null : app.get(alsoGet);
                scrapes.add(new Scrape(before, lineCount(app.stdout()), m, extra));
                Thread.sleep(SCRAPE_EVERY_MILLIS);
            }
            awaitCaughtUp(app);
            Metrics end = app.scrape();
            Http.Response endExtra = alsoGet == null ? null : app.get(alsoGet);
            app.send(""); // let go of --hold
            int exit = app.waitFor(EXIT_WAIT); // fails if a stray non-daemon thread keeps the JVM alive
            DemoRun run = new DemoRun(args[0], scrapes, end, endExtra, app.stdout(), app.output(), app.pid());
            assertEquals(0, exit, "exit code\n" + app.output());
            run.assertEndedCleanly();
            return run;
        }
    }

    /**
     * Some series are fed after the fact: JFR hands its events to the agent about once a second,
     * and the deadlock detector looks every {@code deadlockInterval}. Wait until both have caught up
     * with everything that happened before now, so the final scrape shows the scenario's end.
     */
    private static void awaitCaughtUp(ChildJvm app) throws InterruptedException {
        long since = System.currentTimeMillis();
        long giveUp = System.nanoTime() + CATCH_UP.toNanos();
        while (System.nanoTime() - giveUp < 0) {
            String jfr = app.get("/api/jfr").body();
            boolean jfrDone = jfr.contains("\"enabled\":false") || after(LAST_FLUSH, jfr, since);
            if (jfrDone && after(PASS_TIME, app.get("/api/deadlocks").body(), since)) {
                return;
            }
            Thread.sleep(SCRAPE_EVERY_MILLIS);
        }
        throw new AssertionError("JFR or the deadlock detector did not catch up within " + CATCH_UP + ":\n"
                + app.get("/api/jfr").body() + "\n" + app.get("/api/deadlocks").body());
    }

    private static boolean after(Pattern field, String json, long since) {
        Matcher m = field.matcher(json);
        return m.find() && Long.parseLong(m.group(1)) > since;
    }

    private void assertEndedCleanly() {
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("== " + scenario + ": done in")),
                "the scenario reports its end\n" + output);
        assertFalse(lines.stream().anyMatch(l -> l.contains("WARNING") || l.contains("FAILED")),
                "no failure and no stray non-daemon thread\n" + output);
    }

    List<Scrape> scrapes() {
        return scrapes;
    }

    /** The scrape after the scenario ended. */
    Metrics end() {
        return end;
    }

    Http.Response endExtra() {
        return endExtra;
    }

    long pid() {
        return pid;
    }

    String output() {
        return output;
    }

    List<String> lines() {
        return lines;
    }

    /** Index of the first stdout line matching {@code regex}; fails if none does. */
    int lineIndex(String regex) {
        Pattern p = Pattern.compile(regex);
        for (int i = 0; i < lines.size(); i++) {
            if (p.matcher(lines.get(i)).find()) {
                return i;
            }
        }
        throw new AssertionError("no line matching /" + regex + "/ in\n" + output);
    }

    /** The first stdout line matching {@code regex}. */
    String line(String regex) {
        return lines.get(lineIndex(regex));
    }

    boolean hasLine(String regex) {
        Pattern p = Pattern.compile(regex);
        return lines.stream().anyMatch(l -> p.matcher(l).find());
    }

    /** The groups of the first line matching {@code regex}, as numbers. */
    long[] numbers(String regex) {
        Matcher m = Pattern.compile(regex).matcher(line(regex));
        assertTrue(m.find());
        long[] values = new long[m.groupCount()];
        for (int i = 0; i < values.length; i++) {
            values[i] = Long.parseLong(m.group(i + 1));
        }
        return values;
    }

    long number(String regex) {
        return numbers(regex)[0];
    }

    /**
     * The scrapes taken entirely after the line matching {@code from} was printed and before the
     * one matching {@code to} (or the end, if {@code to} is null).
     */
    List<Scrape> scrapesBetween(String from, String to) {
        int start = lineIndex(from);
        int stop = to == null ? Integer.MAX_VALUE : lineIndex(to);
        List<Scrape> found = new ArrayList<>();
        for (Scrape s : scrapes) {
            if (s.linesBefore > start && s.linesAfter <= stop) {
                found.add(s);
            }
        }
        return found;
    }

    private static int lineCount(String text) {
        int n = 0;
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                n++;
            }
        }
        return n;
    }
}
