package dev.threadlens.it;

import static dev.threadlens.testkit.ApiJson.select;
import static dev.threadlens.testkit.ApiJson.thread;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.threadlens.testapps.PageApp;
import dev.threadlens.testkit.ApiJson;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Http;
import dev.threadlens.testkit.Jdk;

/** {@code GET /api/threads} read with Jackson: counts, lifecycle, per-thread facts, stacks, search. */
class ThreadsApiIT {

    private static final Set<String> STATES = Set.of("new", "runnable", "blocked", "waiting", "timed_waiting", "terminated");
    private static final String XSS = "<img src=x onerror=alert(1)>";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void countsStatesAndLifecycleExactly(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            JsonNode before = ApiJson.get(app, "/api/threads");
            app.command("park 12");
            JsonNode after = ApiJson.get(app, "/api/threads");

            assertEquals(STATES, names(after.get("counts")), "every state, lowercase");
            int live = after.get("live").asInt();
            assertEquals(live, sum(after.get("counts")), "counts add up to the live threads");
            assertEquals(live, after.get("threads").size(), "one entry per live thread");
            assertEquals(live, after.get("matched").asInt());
            for (String s : STATES) {
                assertEquals(after.get("counts").get(s).asInt(), select(after.get("threads"), t -> t.get("state").asText().equals(s)).size(),
                        "entries in state " + s + " agree with counts");
            }
            assertEquals(after.get("daemon").asInt(), select(after.get("threads"), t -> t.get("daemon").asBoolean()).size());

            List<JsonNode> parked = select(after.get("threads"), t -> t.get("name").asText().startsWith("parked-"));
            assertEquals(12, parked.size());
            for (JsonNode t : parked) {
                assertEquals("waiting", t.get("state").asText());
                assertTrue(t.get("daemon").asBoolean());
                assertEquals("parked", t.get("pool").asText());
                assertTrue(t.get("blockedOn").isNull(), "LockSupport.park() without a blocker: " + t);
                assertTrue(t.get("lockOwner").isNull());
                assertTrue(t.get("cpuSeconds").isNumber());
                assertFalse(t.has("stack"), "stacks only when asked for");
                assertEquals(Set.of("id", "name", "state", "daemon", "pool", "cpuSeconds", "blockedOn", "lockOwner"), names(t));
            }
            JsonNode pool = select(after.get("pools"), p -> p.get("pool").asText().equals("parked")).get(0);
            assertEquals(12, pool.get("threads").asInt());
            assertEquals(12, pool.get("counts").get("waiting").asInt());

            assertEquals(12, after.get("started").asLong() - before.get("started").asLong(), "lifecycle: started");
            assertEquals(0, after.get("terminated").asLong() - before.get("terminated").asLong());
            app.command("unpark");
            JsonNode ended = ApiJson.get(app, "/api/threads");
            assertEquals(12, ended.get("terminated").asLong() - after.get("terminated").asLong(), "lifecycle: terminated");
            assertEquals(0, ended.get("virtualStarted").asLong());
            assertTrue(ended.get("peak").asInt() >= live);
            assertTrue(ended.get("timestamp").asLong() > 1_600_000_000_000L, "epoch millis");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void showsWhatEachThreadIsBlockedOnAndWhoOwnsIt(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            app.command("block 2");
            JsonNode doc = ApiJson.get(app, "/api/threads?state=blocked,waiting");
            select(doc.get("threads"), t -> true).forEach(t -> assertTrue(
                    Set.of("blocked", "waiting").contains(t.get("state").asText()), "state filter: " + t));
            assertEquals(doc.get("threads").size(), doc.get("matched").asInt());

            JsonNode holder = thread(doc, "holder");
            assertTrue(holder.get("blockedOn").asText().startsWith("java.util.concurrent.CountDownLatch$Sync@"), holder.toString());
            assertTrue(holder.get("lockOwner").isNull());

            JsonNode monitorWaiter = thread(doc, "blocked-0");
            assertEquals("blocked", monitorWaiter.get("state").asText());
            assertTrue(monitorWaiter.get("blockedOn").asText().startsWith("java.lang.Object@"), monitorWaiter.toString());
            assertEquals("holder", monitorWaiter.get("lockOwner").asText());
            assertEquals(holder.get("id").asLong(), monitorWaiter.get("lockOwnerId").asLong());
            assertEquals("blocked", monitorWaiter.get("pool").asText());
            assertFalse(monitorWaiter.get("daemon").asBoolean());

            JsonNode lockWaiter = thread(doc, "lock-waiter-1");
            assertEquals("waiting", lockWaiter.get("state").asText());
            assertTrue(lockWaiter.get("blockedOn").asText().startsWith("java.util.concurrent.locks.ReentrantLock$"), lockWaiter.toString());
            assertEquals("holder", lockWaiter.get("lockOwner").asText());
            assertEquals("lock-waiter", lockWaiter.get("pool").asText());

            app.command("unblock");
            JsonNode after = ApiJson.get(app, "/api/threads?q=blocked-");
            assertEquals(0, after.get("matched").asInt(), after.toString());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void stacksSearchFiltersAndLimits(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            app.command("deadlock");
            String named = app.ask("name " + XSS, "named id=");
            long xssId = Long.parseLong(named.substring("named id=".length()));
            app.command("spin");

            JsonNode plain = ApiJson.get(app, "/api/threads");
            select(plain.get("threads"), t -> true).forEach(t -> assertFalse(t.has("stack")));
            JsonNode withStacks = ApiJson.get(app, "/api/threads?stacks=true");
            select(withStacks.get("threads"), t -> true).forEach(t -> assertTrue(t.get("stack").isArray(), t.toString()));
            JsonNode philosopher = thread(withStacks, "philosopher-1");
            assertTrue(frames(philosopher).stream().anyMatch(f -> f.contains("dev.threadlens.testapps.PageApp.crossing(PageApp.java:")),
                    philosopher.toString());
            assertTrue(frames(philosopher).get(0).contains("park"), "innermost frame first: " + philosopher);

            JsonNode byFrame = ApiJson.get(app, "/api/threads?q=PageApp.crossing");
            assertEquals(Set.of("philosopher-1", "philosopher-2"), threadNames(byFrame), "search matches stack frames");
            assertFalse(byFrame.get("threads").get(0).has("stack"), "a search alone does not return stacks");
            assertEquals(Set.of("philosopher-1", "philosopher-2"), threadNames(ApiJson.get(app, "/api/threads?q=PHILOSOPHER")),
                    "search is case-insensitive");
            assertEquals(plain.get("live").asInt(), byFrame.get("live").asInt(), "counts are of all threads, not the matches");

            Http.Response raw = app.get("/api/threads?q=onerror");
            assertFalse(raw.body().contains("<") || raw.body().contains(">"), "markup characters are escaped: " + raw.body());
            JsonNode xss = ApiJson.parse(raw.body());
            assertEquals(XSS, thread(xss, XSS).get("name").asText(), "the name survives exactly");
            assertEquals(xssId, thread(xss, XSS).get("id").asLong());
            assertEquals(Set.of(XSS), threadNames(ApiJson.get(app, "/api/threads?id=" + xssId)));

            JsonNode one = ApiJson.get(app, "/api/threads?limit=1");
            assertEquals(1, one.get("threads").size());
            assertTrue(one.get("matched").asInt() > 1);
            JsonNode none = ApiJson.get(app, "/api/threads?limit=0");
            assertEquals(0, none.get("threads").size());
            assertTrue(none.get("pools").size() > 0 && none.get("counts").get("waiting").asInt() >= 2);

            JsonNode spinner = thread(ApiJson.get(app, "/api/threads?q=spinner"), "spinner");
            assertTrue(spinner.get("cpuSeconds").asDouble() >= 0.1, "spinner burnt 100 ms of CPU: " + spinner);

            for (String bad : List.of("limit=-1", "limit=many", "state=sleeping", "stacks=yes", "id=x")) {
                Http.Response r = app.get("/api/threads?" + bad);
                assertEquals(400, r.status(), bad + ": " + r.body());
                assertTrue(ApiJson.parse(r.body()).get("error").asText().length() > 10, r.body());
            }
        }
    }

    /** 2,000 live threads: the listing is complete, and its cost is written down (not asserted). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void listsTwoThousandThreadsAndRecordsTheCost(Jdk jdk) throws Exception {
        try (ChildJvm app = start(jdk)) {
            app.command("park 2000");
            JsonNode summary = ApiJson.get(app, "/api/threads?limit=0");
            assertEquals(2000, select(summary.get("pools"), p -> p.get("pool").asText().equals("parked")).get(0)
                    .get("threads").asInt());
            JsonNode all = ApiJson.get(app, "/api/threads");
            assertEquals(all.get("live").asInt(), all.get("threads").size());
            assertTrue(all.get("live").asInt() >= 2000);

            StringBuilder report = new StringBuilder("/api/threads with " + all.get("live").asInt() + " live threads on "
                    + jdk + " (median of 15 requests after 10 warm-up; server time = Server-Timing, the agent's work):\n");
            for (String query : List.of("?limit=0", "?limit=200", "", "?stacks=true&limit=100", "?stacks=true")) {
                List<Double> server = new ArrayList<>();
                int bytes = 0;
                for (int i = 0; i < 10; i++) {
                    app.get("/api/threads" + query); // warm-up: a long-running agent is compiled
                }
                for (int i = 0; i < 15; i++) {
                    Http.Response r = app.get("/api/threads" + query);
                    assertEquals(200, r.status());
                    server.add(Double.parseDouble(r.header("Server-Timing").replaceAll(".*dur=", "")));
                    bytes = r.body().length();
                }
                Collections.sort(server);
                report.append(String.format(Locale.ROOT, "  %-26s %8.2f ms  %9d bytes%n", "/api/threads" + query,
                        server.get(server.size() / 2), bytes));
            }
            System.out.print(report);
            Path out = Path.of("target", "page-cost", "threads-api-" + jdk.feature() + ".txt");
            Files.createDirectories(out.getParent());
            Files.writeString(out, report);
        }
    }

    private static ChildJvm start(Jdk jdk) throws IOException {
        ChildJvm app = ChildJvm.builder(jdk).agent().main(PageApp.class).start();
        app.awaitStdout("^ready");
        // Both HTTP threads of the agent exist before anything is counted.
        for (int i = 0; i < 3; i++) {
            app.get("/api/threads?limit=0");
        }
        return app;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static int sum(JsonNode object) {
        int total = 0;
        for (JsonNode v : object) {
            total += v.asInt();
        }
        return total;
    }

    private static Set<String> threadNames(JsonNode doc) {
        Set<String> names = new TreeSet<>();
        doc.get("threads").forEach(t -> names.add(t.get("name").asText()));
        return names;
    }

    private static List<String> frames(JsonNode thread) {
        List<String> frames = new ArrayList<>();
        thread.get("stack").forEach(f -> frames.add(f.asText()));
        return frames;
    }
}
