package dev.threadlens.it;

import static dev.threadlens.it.LocksIT.LOCK_WAIT;
import static dev.threadlens.it.LocksIT.TIMEOUTS;
import static dev.threadlens.it.LocksIT.assertNoAgentErrors;
import static dev.threadlens.it.LocksIT.lastSite;
import static dev.threadlens.it.LocksIT.lockWaits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.LocksApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/**
 * Sites: bounded series and memory with many locks at many sites, and where the site is taken
 * when the constructor was not seen ({@code siteCapture=contention}).
 */
class LockSitesIT {

    private static final int SITES = 5_000;
    private static final int LOCKS = 100_000;
    private static final int MAX_SITES = 500;
    private static final Pattern TRACKED = Pattern.compile("\"tracked\":(\\d+)");

    private static Path generated;

    /** {@code GeneratedLocks.make(i)}: a new ReentrantLock made at one of 5,000 source lines. */
    @BeforeAll
    static void generateLockMaker() throws IOException {
        generated = Files.createTempDirectory("threadlens-sites");
        StringBuilder src = new StringBuilder("import java.util.concurrent.locks.ReentrantLock;\n")
                .append("public final class GeneratedLocks {\n")
                .append("    public static Object make(int i) {\n")
                .append("        int site = i % ").append(SITES).append(";\n")
                .append("        switch (site / 500) {\n");
        for (int g = 0; g < SITES / 500; g++) {
            src.append("            case ").append(g).append(": return make").append(g).append("(site % 500);\n");
        }
        src.append("            default: throw new IllegalArgumentException();\n        }\n    }\n");
        for (int g = 0; g < SITES / 500; g++) {
            src.append("    private static Object make").append(g).append("(int k) {\n        switch (k) {\n");
            for (int k = 0; k < 500; k++) {
                src.append("            case ").append(k).append(": return new ReentrantLock();\n");
            }
            src.append("            default: throw new IllegalArgumentException();\n        }\n    }\n");
        }
        src.append("}\n");
        Path file = generated.resolve("GeneratedLocks.java");
        Files.writeString(file, src);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int status = javac.run(null, null, null, "--release", "17", "-d", generated.toString(), file.toString());
        assertEquals(0, status, "could not compile the generated lock maker");
    }

    @AfterAll
    static void deleteLockMaker() throws IOException {
        try (Stream<Path> files = Files.walk(generated)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void manyLocksAtManySitesStayBoundedAndLeaveNothingBehind(Jdk jdk) throws Exception {
        try (ChildJvm app = LocksIT.start(jdk, "maxSites=" + MAX_SITES)) {
            long baseline = heap(app);

            app.command("manysites " + generated + " " + LOCKS);
            assertEquals("timedout " + LOCKS, lastLine(app, "timedout"));
            Metrics m = app.scrape();
            Set<String> sites = new HashSet<>();
            double waits = 0;
            for (Metrics.Sample s : m.samples(LOCK_WAIT, "jvm_lock_type", "reentrant_lock")) {
                String site = s.label("jvm_lock_site");
                if (site.startsWith("GeneratedLocks.") || site.equals("other")) {
                    sites.add(site);
                    waits += s.value;
                }
            }
            assertEquals(LOCKS, waits, "every timed-out tryLock is one contended wait, at its site or in other");
            assertEquals(LOCKS, m.sum(TIMEOUTS, "jvm_lock_type", "reentrant_lock"), "and one timeout");
            assertTrue(sites.contains("other"), "sites past the cap are reported as other");
            assertTrue(m.samples(LOCK_WAIT).size() <= MAX_SITES + 1,
                    "at most maxSites site labels, plus other: " + m.samples(LOCK_WAIT).size());
            assertTrue(sites.size() > MAX_SITES / 2, "the cap admits sites, it does not drop them all: " + sites.size());
            for (String site : sites) {
                assertTrue(site.equals("other") || site.matches("GeneratedLocks\\.make\\d\\(GeneratedLocks\\.java:\\d+\\)"),
                        "creation sites are the generated lines: " + site);
            }

            app.command("drop");
            long afterFirst = settledHeap(app);
            int trackedFirst = tracked(app);

            // The same again: if anything were kept per lock, it would show now.
            app.command("manysites " + generated + " " + LOCKS);
            app.command("drop");
            long afterSecond = settledHeap(app);
            int trackedSecond = tracked(app);
            Metrics again = app.scrape();

            assertTrue(again.samples(LOCK_WAIT).size() <= MAX_SITES + 1, "still bounded");
            assertTrue(trackedFirst < 1_000 && trackedSecond < 1_000,
                    "collected locks leave the registry: " + trackedFirst + ", " + trackedSecond);
            long perSiteState = afterFirst - baseline;
            long growth = afterSecond - afterFirst;
            assertTrue(perSiteState < 16L << 20, "state kept per site is bounded, got " + perSiteState + " bytes");
            assertTrue(growth < 2L << 20, "another 100,000 locks leave nothing behind (a lock with its registry "
                    + "entry is over 100 bytes, so 10 MB if kept); heap grew by " + growth + " bytes");
            assertNoAgentErrors(again);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void withContentionSiteCaptureTheSiteIsTheFirstContendedCall(Jdk jdk) throws Exception {
        try (ChildJvm app = LocksIT.start(jdk, "siteCapture=contention")) {
            app.command("prelock");
            app.command("contendprelock");
            String created = lastSite(app, "prelock-created");
            String contended = lastSite(app, "prelock-contended");
            Metrics m = app.scrape();
            assertEquals(1, lockWaits(m, "reentrant_lock", contended), m.grep("jvm_lock_wait_seconds_count"));
            assertEquals(0, lockWaits(m, "reentrant_lock", created));

            app.command("condition 1");
            Metrics c = app.scrape();
            assertEquals(m.sum(LOCK_WAIT), c.sum(LOCK_WAIT), "re-acquires are still not contention");
            assertEquals(2, c.sum("jvm_sync_wait_seconds_count", "jvm_sync_type", "condition"),
                    "conditions are still conditions, sited where they are first waited on: "
                            + c.grep("jvm_sync_wait_seconds_count"));
            assertNoAgentErrors(c);
        }
    }

    /** Used heap after GC, once the agent has dropped the entries of collected primitives. */
    private static long settledHeap(ChildJvm app) {
        heap(app);
        app.scrape(); // a scrape expunges the weak maps
        return heap(app);
    }

    private static long heap(ChildJvm app) {
        return Long.parseLong(app.ask("heap", "heap ").substring("heap ".length()).trim());
    }

    private static int tracked(ChildJvm app) {
        Matcher m = TRACKED.matcher(app.get("/api/locks").body());
        assertTrue(m.find());
        return Integer.parseInt(m.group(1));
    }

    private static String lastLine(ChildJvm app, String prefix) {
        String found = null;
        for (String l : app.stdout().split("\n")) {
            if (l.startsWith(prefix)) {
                found = l;
            }
        }
        return found;
    }
}
