package dev.threadlens.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import dev.threadlens.util.Json;

/** The {@code /api/deadlocks} document (or {@code deadlocks --json} output), read for assertions. */
public final class Reports {

    private final Map<String, Object> doc;
    private final String text;

    private Reports(String text) {
        this.text = text;
        this.doc = asMap(Json.parse(text));
    }

    public static Reports parse(String json) {
        return new Reports(json);
    }

    /** GET /api/deadlocks of a child JVM with the agent. */
    public static Reports of(ChildJvm app) {
        Http.Response r = app.get("/api/deadlocks");
        if (r.status() != 200) {
            throw new AssertionError("GET /api/deadlocks: " + r.status() + " " + r.body());
        }
        return parse(r.body());
    }

    /** Polls until {@code condition} holds (a detection pass runs every few hundred ms in the tests). */
    public static Reports await(ChildJvm app, Predicate<Reports> condition, String what) {
        long deadline = System.nanoTime() + ChildJvm.DEFAULT_WAIT.toNanos();
        Reports last = null;
        while (System.nanoTime() < deadline) {
            last = of(app);
            if (condition.test(last)) {
                return last;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("no report with " + what + " within " + ChildJvm.DEFAULT_WAIT + "; last:\n"
                + (last == null ? "none" : last.text) + "\n" + app.output());
    }

    /** Waits until at least {@code passes} more detection passes have published a report. */
    public static void awaitPasses(ChildJvm app, int passes) {
        long seen = of(app).timestamp();
        for (int i = 0; i < passes; i++) {
            long before = seen;
            seen = await(app, r -> r.timestamp() > before, "a newer pass").timestamp();
        }
    }

    public long timestamp() {
        return ((Number) doc.get("timestamp")).longValue();
    }

    public List<Map<String, Object>> deadlocks() {
        return list(doc.get("deadlocks"));
    }

    public List<Map<String, Object>> hangs() {
        return list(doc.get("hangs"));
    }

    public List<Map<String, Object>> stuck() {
        return list(doc.get("stuck"));
    }

    public List<Map<String, Object>> inversions() {
        return list(doc.get("inversions"));
    }

    public boolean found() {
        return Boolean.TRUE.equals(doc.get("found"));
    }

    /** The deadlock whose threads include {@code thread}, or null. */
    public Map<String, Object> deadlockOf(String thread) {
        for (Map<String, Object> d : deadlocks()) {
            if (strings(d.get("threads")).contains(thread)) {
                return d;
            }
        }
        return null;
    }

    public Map<String, Object> hangOf(String thread) {
        for (Map<String, Object> h : hangs()) {
            if (strings(h.get("threads")).contains(thread)) {
                return h;
            }
        }
        return null;
    }

    /** The cycle entry of {@code thread} in deadlock {@code d}. */
    public static Map<String, Object> step(Map<String, Object> d, String thread) {
        for (Map<String, Object> s : list(d.get("cycle"))) {
            if (thread.equals(s.get("thread"))) {
                return s;
            }
        }
        throw new AssertionError("no cycle entry for " + thread + " in " + d.get("text"));
    }

    public String text() {
        return text;
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> asMap(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> list(Object o) {
        return o == null ? List.of() : (List<Map<String, Object>>) o;
    }

    public static List<String> strings(Object o) {
        List<String> out = new ArrayList<>();
        if (o != null) {
            for (Object e : (List<?>) o) {
                out.add(String.valueOf(e));
            }
        }
        return out;
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
