package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.threadlens.testapps.HostileNamesApp;
import dev.threadlens.testkit.ApiJson;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Http;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/**
 * Thread names and an exception message built to break out of JSON strings and into markup
 * ({@link HostileNamesApp}): every JSON document still parses (Jackson, strict about raw control
 * characters), gives the names back exactly, and carries no raw {@code <}, {@code >}, {@code &},
 * control character or line separator at all; a query parameter's text that comes back in an
 * error message is escaped the same way. The page's HTML is the static file, whatever the threads
 * are called, and its script never parses markup ({@code LivePageIT} shows a markup name as text
 * in a real browser).
 */
class HostileNamesIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void hostileNamesComeBackExactlyAndNeverAsMarkup(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent("deadlockInterval=200ms").main(HostileNamesApp.class).start()) {
            app.awaitStdout("^ready");
            app.command("hostile");

            JsonNode threads = api(app, "/api/threads?stacks=true");
            ApiJson.thread(threads, HostileNamesApp.HOLDER);
            ApiJson.thread(threads, HostileNamesApp.BLOCKED);
            for (String name : HostileNamesApp.DEADLOCKED) {
                ApiJson.thread(threads, name);
            }
            for (String name : HostileNamesApp.WAITERS) {
                JsonNode waiter = ApiJson.thread(threads, name);
                assertEquals("waiting", waiter.get("state").asText(), name);
                assertEquals(HostileNamesApp.HOLDER, waiter.get("lockOwner").asText(), "lock owner of " + name);
            }
            assertEquals(HostileNamesApp.HOLDER,
                    ApiJson.thread(threads, HostileNamesApp.BLOCKED).get("lockOwner").asText());
            assertTrue(ApiJson.select(threads.get("threads"), t -> t.get("name").asText()
                    .equals(HostileNamesApp.THROWER)).isEmpty(), "the thrower died");

            // Search text is attacker text too: it matches and is not reflected unescaped.
            JsonNode found = api(app, "/api/threads?q=" + encode(HostileNamesApp.MARKUP));
            Set<String> names = new HashSet<>();
            found.get("threads").forEach(t -> names.add(t.get("name").asText()));
            assertEquals(Set.of(HostileNamesApp.HOLDER, HostileNamesApp.DEADLOCKED.get(0)), names);

            JsonNode locks = await(app, "/api/locks", doc -> !ApiJson.select(doc.get("locks"),
                    l -> HostileNamesApp.HOLDER.equals(l.get("owner").asText(null))
                            && strings(l.get("waiters")).containsAll(HostileNamesApp.WAITERS)).isEmpty());
            JsonNode lock = ApiJson.select(locks.get("locks"),
                    l -> HostileNamesApp.HOLDER.equals(l.get("owner").asText(null))).get(0);
            assertEquals(Set.copyOf(HostileNamesApp.WAITERS), Set.copyOf(strings(lock.get("waiters"))), lock.toString());

            JsonNode deadlocks = await(app, "/api/deadlocks", doc -> doc.get("deadlocks").size() > 0);
            JsonNode deadlock = deadlocks.get("deadlocks").get(0);
            assertEquals(Set.copyOf(HostileNamesApp.DEADLOCKED), Set.copyOf(strings(deadlock.get("threads"))),
                    deadlock.toString());
            for (String name : HostileNamesApp.DEADLOCKED) {
                assertTrue(deadlock.get("text").asText().contains(name), deadlock.get("text").asText());
            }
            Set<String> cycle = new HashSet<>();
            deadlock.get("cycle").forEach(c -> cycle.add(c.get("thread").asText()));
            assertEquals(Set.copyOf(HostileNamesApp.DEADLOCKED), cycle);
            // The agent logs the deadlock with the names in it: no terminal escape gets through.
            app.awaitStderr("dl-2");
            assertFalse(app.stderr().contains("\u001b") || app.stderr().contains("\u0007"),
                    "a control character from a thread name in the agent's log");
            assertTrue(app.stderr().contains("ctl \\u0000\\u0001\\u0007\\u0008\\u000c\\u001b"), app.stderr());

            for (String path : List.of("/api/executors", "/api/time", "/api/jfr", "/api")) {
                api(app, path);
            }

            // An exception message built from a query parameter reaches JSON as text.
            String attack = "</script><img src=x onerror=alert(3)>\"}\\";
            Http.Response bad = app.get("/api/threads?state=" + encode(attack));
            assertEquals(400, bad.status(), bad.body());
            assertEquals("application/json", bad.header("Content-Type"));
            assertEquals("nosniff", bad.header("X-Content-Type-Options"));
            assertClean(bad.body());
            assertTrue(ApiJson.parse(bad.body()).get("error").asText().contains(attack), bad.body());

            // The app's exception message goes nowhere the endpoint serves; its class is counted.
            Http.Response metrics = app.get("/metrics");
            assertTrue(metrics.header("Content-Type").startsWith("text/plain"), metrics.header("Content-Type"));
            Metrics m = Metrics.parse(metrics.body());
            assertEquals(1.0, m.value("jvm_thread_uncaught_exceptions_total", "error_type",
                    "java.lang.IllegalStateException"), metrics.body());
            assertFalse(metrics.body().contains("onerror"), "no message text in the metrics");

            assertPageIsStaticAndTextOnly(app);
        }
    }

    /** GET, 200, application/json, clean text, parsed by Jackson; the message does not leak. */
    private static JsonNode api(ChildJvm app, String path) {
        Http.Response r = app.get(path);
        assertEquals(200, r.status(), path + ": " + r.body());
        assertEquals("application/json", r.header("Content-Type"), path);
        assertEquals("nosniff", r.header("X-Content-Type-Options"), path);
        assertClean(r.body());
        assertFalse(r.body().contains("alert(2)"), path + " carries the app's exception message");
        return ApiJson.parse(r.body());
    }

    private static JsonNode await(ChildJvm app, String path, Predicate<JsonNode> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode doc = api(app, path);
        while (!condition.test(doc)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(path + " did not show it within " + WAIT + ": " + doc);
            }
            Thread.sleep(200);
            doc = api(app, path);
        }
        return doc;
    }

    /**
     * The whole document, not only its strings: nothing a browser could take for markup, and no
     * raw control character or line separator (each comes escaped as {@code \\uXXXX} or
     * {@code \\n}-style).
     */
    private static void assertClean(String body) {
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            boolean bad = c == '<' || c == '>' || c == '&' || c < 0x20 || c == 0x7f || c == '\u2028'
                    || c == '\u2029' || Character.isSurrogate(c) && !paired(body, i);
            if (bad) {
                int from = Math.max(0, i - 40);
                throw new AssertionError(String.format("raw U+%04X at %d: ...%s", (int) c, i,
                        body.substring(from, Math.min(body.length(), i + 40))));
            }
        }
    }

    private static boolean paired(String s, int i) {
        return Character.isHighSurrogate(s.charAt(i)) ? i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
    }

    /** Served HTML = the file in the jar, byte for byte; the script never parses markup. */
    private static void assertPageIsStaticAndTextOnly(ChildJvm app) throws IOException {
        Http.Response page = app.get("/");
        assertEquals(resource("index.html"), page.body(), "the page is the static file");
        assertTrue(page.header("Content-Security-Policy").contains("require-trusted-types-for 'script'"));
        Http.Response script = app.get("/page.js");
        assertEquals(resource("page.js"), script.body());
        String code = withoutComments(script.body());
        for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(",
                "new Function", "srcdoc", "createContextualFragment", "DOMParser", "javascript:")) {
            assertFalse(code.contains(sink), "page.js uses " + sink);
        }
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = HostileNamesIT.class.getResourceAsStream("/dev/threadlens/http/page/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static String withoutComments(String js) {
        return js.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
