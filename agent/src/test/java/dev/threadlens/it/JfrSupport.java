package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/** Helpers for tests of the JFR pairing: waiting for the stream, reading sites, running jcmd. */
final class JfrSupport {

    static final ObjectMapper JSON = new ObjectMapper();
    static final Duration WAIT = ChildJvm.DEFAULT_WAIT;

    private JfrSupport() {
    }

    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    static JsonNode api(ChildJvm app, String path) {
        return json(app.get(path).body());
    }

    /** Waits until the agent's JFR stream runs (it starts in the background after the agent). */
    static void awaitStreamRunning(ChildJvm app) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode status = null;
        while (System.nanoTime() < deadline) {
            status = api(app, "/api/jfr");
            if (status.path("running").asBoolean()) {
                return;
            }
            if (status.path("state").asText().startsWith("failed")) {
                break;
            }
            pause();
        }
        fail("the JFR stream did not start: " + status + "\n" + app.output());
    }

    /**
     * Waits until JFR has delivered every event that happened before this call. A monitor
     * contention on the app's Marker is something only JFR reports; once a first marker arrived,
     * a second one, made after, arrives in a later flush of the stream, by which time everything
     * of the first flush has been handled.
     */
    static void awaitJfr(ChildJvm app) {
        for (int round = 0; round < 2; round++) {
            double before = markerCount(app.scrape());
            app.command("marker");
            awaitMetrics(app, m -> markerCount(m) > before, "the JFR marker contention");
        }
    }

    private static double markerCount(Metrics m) {
        return sumWhere(m, "jvm_lock_wait_seconds_count", s -> "monitor".equals(s.label("jvm_lock_type"))
                && s.label("jvm_lock_site").contains("JfrApp$Marker.touch"));
    }

    /** Scrapes until {@code condition} holds; returns that scrape. */
    static Metrics awaitMetrics(ChildJvm app, Predicate<Metrics> condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Metrics m = app.scrape();
        while (!condition.test(m)) {
            if (System.nanoTime() > deadline) {
                fail(what + " did not show up in " + WAIT + "; metrics:\n" + m.grep("jvm_") + "\n" + app.output());
            }
            pause();
            m = app.scrape();
        }
        return m;
    }

    static double sumWhere(Metrics m, String name, Predicate<Metrics.Sample> which) {
        return m.samples(name).stream().filter(which).mapToDouble(s -> s.value).sum();
    }

    static List<Metrics.Sample> where(Metrics m, String name, Predicate<Metrics.Sample> which) {
        return m.samples(name).stream().filter(which).collect(Collectors.toList());
    }

    /** The frame a JfrApp scenario waited at ({@code site NAME}). */
    static String site(ChildJvm app, String name) {
        String line = app.ask("site " + name, "site " + name + " ");
        String frame = line.substring(("site " + name + " ").length());
        if (frame.equals("null")) {
            fail("scenario " + name + " has not run\n" + app.output());
        }
        return frame;
    }

    /** Names of the child's threads that match. */
    static List<String> threads(ChildJvm app, Predicate<String> which) {
        String line = app.ask("threads", "threads: ");
        return List.of(line.substring("threads: ".length()).split(",")).stream().filter(which)
                .collect(Collectors.toList());
    }

    /** Runs {@code jcmd <pid> args...} of the JDK and returns its output; fails on a non-zero exit. */
    static String jcmd(Jdk jdk, long pid, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(jdk.home().resolve("bin").resolve("jcmd").toString());
        cmd.add(Long.toString(pid));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            fail("jcmd " + String.join(" ", args) + " failed:\n" + out);
        }
        return out;
    }

    /** Dumps the named recording of the child to {@code file} with jcmd JFR.dump. */
    static void dump(Jdk jdk, ChildJvm app, String recording, Path file) throws IOException, InterruptedException {
        jcmd(jdk, app.pid(), "JFR.dump", "name=" + recording, "filename=" + file.toAbsolutePath());
    }

    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
