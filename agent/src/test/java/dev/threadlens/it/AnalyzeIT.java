package dev.threadlens.it;

import static dev.threadlens.it.JfrSupport.awaitStreamRunning;
import static dev.threadlens.it.JfrSupport.dump;
import static dev.threadlens.it.JfrSupport.json;
import static dev.threadlens.it.JfrSupport.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.threadlens.testapps.JfrApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Cli;
import dev.threadlens.testkit.Jdk;

/** {@code analyze} on recordings made by child JVMs: contention, a deadlock, and broken files. */
class AnalyzeIT {

    private static final String LEDGER = "dev.threadlens.testapps.JfrApp$Ledger";
    private static final String NONFAIR = "java.util.concurrent.locks.ReentrantLock$NonfairSync";

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void contentionInARecordingMadeWithoutTheAgent(Jdk jdk) throws Exception {
        Path file = dir.resolve("contention.jfr");
        String ledgerSite;
        String relockSite;
        String mailboxSite;
        try (ChildJvm app = ChildJvm.builder(jdk).jvmArg("-XX:StartFlightRecording:name=tl").main(JfrApp.class)
                .start()) {
            app.awaitStdout("^ready");
            app.command("monitor 3 60");
            app.command("relock 3 60");
            app.command("objwait 2 100");
            ledgerSite = site(app, "monitor");
            relockSite = site(app, "relock");
            mailboxSite = site(app, "objwait");
            dump(jdk, app, "tl", file);
        }

        Cli.Result r = Cli.run(jdk, "analyze", file.toString(), "--json");
        assertEquals(0, r.exitCode, r.toString());
        JsonNode report = json(r.stdout);
        JsonNode monitor = find(report.path("monitors"), LEDGER, ledgerSite);
        assertEquals("monitor", monitor.path("type").asText());
        assertEquals(3, monitor.path("count").asInt(), monitor.toString());
        assertEquals(3, monitor.path("threads").asInt());
        assertTrue(monitor.path("totalSeconds").asDouble() >= monitor.path("maxSeconds").asDouble());
        assertTrue(monitor.path("maxSeconds").asDouble() > 0);
        assertEquals(ledgerSite, monitor.path("stacks").path(0).path("frames").path(0).asText(),
                "the stack that waited, top frame first: " + monitor);

        JsonNode lock = find(report.path("locks"), NONFAIR, relockSite);
        assertEquals("reentrant_lock", lock.path("type").asText());
        assertEquals(3, lock.path("count").asInt(), lock.toString());

        JsonNode wait = find(report.path("waits"), "dev.threadlens.testapps.JfrApp$Mailbox", mailboxSite);
        assertEquals("object_wait", wait.path("type").asText());
        assertEquals(2, wait.path("count").asInt());

        JsonNode contender = null;
        for (JsonNode t : report.path("threads")) {
            if (t.path("name").asText().startsWith("contender-")) {
                contender = t;
            }
        }
        assertTrue(contender != null && contender.path("blockedSeconds").asDouble() > 0, report.path("threads").toString());
        assertTrue(report.path("threadLifecycle").path("started").asInt() >= 8, report.path("threadLifecycle").toString());
        assertEquals(0, report.path("deadlocks").path("cycles").size());
        assertTrue(report.path("recording").path("jvm").asText().contains("VM"), report.path("recording").toString());

        Cli.Result text = Cli.run(jdk, "analyze", file.toString());
        assertEquals(0, text.exitCode, text.toString());
        assertTrue(text.stdout.contains("Contended monitors"), text.stdout);
        assertTrue(text.stdout.contains(LEDGER + " at " + ledgerSite), text.stdout);
        assertTrue(text.stdout.contains("reentrant_lock: " + NONFAIR + " at " + relockSite), text.stdout);
        assertTrue(text.stdout.contains("contender-"), text.stdout);
        Cli.Result top1 = Cli.run(jdk, "analyze", file.toString(), "--json", "--top", "1");
        assertEquals(1, json(top1.stdout).path("waits").size(), "--top 1 keeps one per section");

        badFiles(jdk, file);
    }

    private void badFiles(Jdk jdk, Path good) throws Exception {
        byte[] bytes = Files.readAllBytes(good);
        Path truncated = dir.resolve("truncated.jfr");
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        assertOneLineError(Cli.run(jdk, "analyze", truncated.toString()), truncated + " is truncated");

        Path text = dir.resolve("notes.jfr");
        Files.writeString(text, "these are notes about a recording, not a recording at all\n".repeat(4));
        assertOneLineError(Cli.run(jdk, "analyze", text.toString(), "--json"), text + " is not a JFR recording");

        Path missing = dir.resolve("missing.jfr");
        assertOneLineError(Cli.run(jdk, "analyze", missing.toString()), "no such file: " + missing);

        Cli.Result usage = Cli.run(jdk, "analyze");
        assertEquals(2, usage.exitCode, usage.toString());
        assertTrue(usage.stderr.contains("usage: analyze <recording.jfr>"), usage.toString());
    }

    private static void assertOneLineError(Cli.Result r, String expected) {
        assertEquals(2, r.exitCode, r.toString());
        assertEquals("", r.stdout, r.toString());
        assertEquals(1, r.stderr.lines().count(), "one line: " + r);
        assertTrue(r.stderr.startsWith("threadlens analyze: " + expected), r.toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void deadlocksInTheThreadDumpsOfARecordingMadeWithTheAgent(Jdk jdk) throws Exception {
        // A thread dump at every chunk end: JFR.dump ends a chunk, so the dump sees the deadlock.
        Path settings = dir.resolve("dumps.jfc");
        Files.writeString(settings, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<configuration version=\"2.0\" label=\"thread dumps\">\n"
                + "  <event name=\"jdk.ThreadDump\"><setting name=\"enabled\">true</setting>"
                + "<setting name=\"period\">everyChunk</setting></event>\n"
                + "  <event name=\"jdk.ThreadStart\"><setting name=\"enabled\">true</setting></event>\n"
                + "</configuration>\n");
        Path file = dir.resolve("deadlock.jfr");
        try (ChildJvm app = ChildJvm.builder(jdk).agent()
                .jvmArg("-XX:StartFlightRecording:name=tl,settings=" + settings).main(JfrApp.class).start()) {
            app.awaitStdout("^ready");
            awaitStreamRunning(app); // the agent's own recording runs beside this one
            app.command("deadlock");
            dump(jdk, app, "tl", file);
        }

        Cli.Result r = Cli.run(jdk, "analyze", file.toString(), "--json");
        assertEquals(0, r.exitCode, r.toString());
        JsonNode deadlocks = json(r.stdout).path("deadlocks");
        assertTrue(deadlocks.path("dumpsWithDeadlock").asInt() >= 1, deadlocks.toString());
        assertEquals(2, deadlocks.path("cycles").size(), deadlocks.toString());
        Set<String> found = new TreeSet<>();
        for (JsonNode cycle : deadlocks.path("cycles")) {
            Set<String> names = new TreeSet<>();
            for (JsonNode t : cycle.path("threads")) {
                names.add(t.path("name").asText());
                assertTrue(t.path("stack").toString().contains("JfrApp"), t.toString());
            }
            JsonNode a = cycle.path("threads").path(0);
            JsonNode b = cycle.path("threads").path(1);
            assertEquals(a.path("name").asText(), b.path("heldBy").asText(), cycle.toString());
            assertEquals(b.path("name").asText(), a.path("heldBy").asText(), cycle.toString());
            String kind = cycle.path("kind").asText();
            if (kind.equals("monitor")) {
                assertEquals(Set.of("dl-monitor-a", "dl-monitor-b"), names);
                assertEquals("java.lang.Object", a.path("waitsFor").asText());
            } else if (kind.equals("lock")) {
                assertEquals(Set.of("dl-lock-a", "dl-lock-b"), names);
                assertEquals(NONFAIR, a.path("waitsFor").asText());
            } else {
                fail("unexpected kind " + cycle);
            }
            found.add(kind);
        }
        assertEquals(Set.of("lock", "monitor"), found);
        for (JsonNode pool : json(r.stdout).path("threadLifecycle").path("pools")) {
            assertTrue(!pool.path("pool").asText().startsWith("threadlens"), "the agent's threads are left out: " + pool);
        }

        Cli.Result text = Cli.run(jdk, "analyze", file.toString());
        assertEquals(0, text.exitCode, text.toString());
        assertTrue(text.stdout.contains("DEADLOCK: 2 cycle(s)"), text.stdout);
        assertTrue(text.stdout.contains("\"dl-monitor-a\" waits for the monitor of a java.lang.Object held by \"dl-monitor-b\""),
                text.stdout);
    }

    /** The group of a report section with this class and site. */
    private static JsonNode find(JsonNode section, String className, String site) {
        for (JsonNode g : section) {
            if (g.path("class").asText().equals(className) && g.path("site").asText().equals(site)) {
                return g;
            }
        }
        return fail("no " + className + " at " + site + " in " + section);
    }
}
