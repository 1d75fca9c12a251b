package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;

import dev.threadlens.testapps.PageApp;
import dev.threadlens.testkit.ApiJson;
import dev.threadlens.testkit.Browser;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Http;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Jdks;

/**
 * The live page in real headless Chromium against the real agent in a child JVM: it loads with
 * no console error, the thread-state chart fills, contention and a deadlock show, a thread
 * named like markup is shown as text, and the endpoint's basic auth and host binding hold for
 * the page as for the API.
 *
 * <p>The contention table and the deadlock banner are fed by {@code /api/locks} and
 * {@code /api/deadlocks}. Where the agent serves them, the test waits for the workload's lock
 * and deadlock on the page; where it does not, it checks that the page says so instead of
 * failing (and {@code LivePageContractIT} covers their rendering from the contract).
 */
class LivePageIT {

    private static final String XSS = "<img src=x onerror=alert(1)>";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void showsWhatTheThreadsOfALiveWorkloadAreDoing(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent().main(PageApp.class).start(); Browser browser = Browser.start()) {
            app.awaitStdout("^ready");
            app.command("park 20");
            app.command("block 3");
            app.command("contend 4");
            app.command("name " + XSS);
            app.command("deadlock");
            app.command("pool 2");
            assertTrue(endpoints(app).containsAll(Set.of("/api/threads", "/api/locks", "/api/executors",
                    "/api/deadlocks", "/api/time")), "every section has its endpoint");

            browser.open("http://127.0.0.1:" + app.port() + "/");
            browser.await("the page has data", d -> "true".equals(browser.script("return document.body.dataset.ready || null")));
            browser.await("the chart has a few samples", d -> number(browser, "#state-chart", "samples") >= 3);
            assertTrue(number(browser, "#state-chart", "blocked") >= 3, "blocked-0..2 wait for the monitor 'holder' keeps");
            assertTrue(number(browser, "#state-chart", "waiting") >= 20, "parked-0..19");
            assertTrue(Integer.parseInt(text(browser, "#card-blocked")) >= 3, text(browser, "#card-blocked"));
            assertTrue(text(browser, "#pools-table").contains("parked"), text(browser, "#pools-table"));
            assertTrue(text(browser, "#findings").contains("blocked on a monitor"), text(browser, "#findings"));

            // contender-0..3 fight over a ReentrantLock and a monitor: contended acquisitions show up.
            browser.await("contended lock sites in the table", d -> Integer.parseInt(String.valueOf(browser.script(
                    "return document.getElementById('locks-table').dataset.rows"))) >= 1);
            // Sites still being waited on rank first (the deadlocked philosophers, count 0 so far):
            // look for any row with a contended acquisition counted.
            browser.await("with contended acquisitions counted", d -> ((Number) browser.script(
                    "return Math.max(0, ...Array.from(document.querySelectorAll('#locks-table tbody tr.row td:nth-child(2)'),"
                            + " td => Number(td.textContent.replace(/,/g, '')) || 0))")).intValue() >= 1);
            browser.await("deadlock banner", d -> d.findElement(By.id("deadlock-banner")).isDisplayed());
            String banner = browser.driver().findElement(By.id("deadlock-banner")).getText();
            assertTrue(banner.contains("philosopher-1") && banner.contains("philosopher-2"), banner);
            browser.await("the app-pool executor listed", d -> Integer.parseInt(String.valueOf(browser.script(
                    "return document.getElementById('executors-table').dataset.rows"))) >= 1);
            browser.await("thread time by pool", d -> Integer.parseInt(String.valueOf(browser.script(
                    "return document.getElementById('time-table').dataset.rows"))) >= 1);

            // The thread dump: search, a stack on click, and the markup-named thread as text.
            browser.script("document.getElementById('threads').scrollIntoView()");
            search(browser, "philosopher");
            browser.await("two philosophers listed", d -> "2".equals(rows(browser)));
            browser.driver().findElement(By.cssSelector("#threads-table tbody tr.row")).click();
            browser.await("the philosopher's stack", d -> text(browser, "#threads-table tr.detail .frames")
                    .contains("dev.threadlens.testapps.PageApp.crossing(PageApp.java:"));
            search(browser, "onerror");
            browser.await("the markup-named thread listed", d -> "1".equals(rows(browser)));
            assertEquals(XSS, text(browser, "#threads-table tbody tr.row .name"), "shown as text, exactly");
            assertTrue(text(browser, "#pools-table").contains(XSS));

            assertEquals(0L, browser.script("return document.querySelectorAll('img, iframe, object, embed').length"));
            assertFalse(browser.alertOpen(), "no alert() ran");
            assertEquals(List.of(), errors(browser), "browser console");
            search(browser, "");
            browser.await("all threads listed again", d -> Integer.parseInt(rows(browser)) > 20);
            browser.script("window.scrollTo(0, 0)");
            browser.screenshot(Path.of("target", "live-page-jdk" + jdk.feature() + ".png"));
        }
    }

    @Test
    void pageAndApiAskForBasicAuthAndWorkWithIt() throws Exception {
        try (ChildJvm app = ChildJvm.builder(Jdks.current()).agent("basicAuthUser=ops")
                .env("THREADLENS_BASIC_AUTH_PASSWORD", "s3cret").main(PageApp.class).start();
                Browser browser = Browser.start()) {
            app.awaitStdout("^ready");
            app.command("block 2");
            String good = "Basic " + Base64.getEncoder().encodeToString("ops:s3cret".getBytes());
            String bad = "Basic " + Base64.getEncoder().encodeToString("ops:nope".getBytes());
            for (String path : List.of("/", "/page.js", "/page.css", "/api", "/api/threads")) {
                assertEquals(401, app.get(path).status(), path);
                assertEquals(401, Http.get(app.port(), path, Map.of("Authorization", bad)).status(), path);
                assertEquals(200, Http.get(app.port(), path, Map.of("Authorization", good)).status(), path);
            }
            browser.open("http://ops:s3cret@127.0.0.1:" + app.port() + "/");
            browser.await("the page has data behind basic auth",
                    d -> "true".equals(browser.script("return document.body.dataset.ready || null")));
            browser.await("the chart fills", d -> number(browser, "#state-chart", "blocked") >= 2);
            assertEquals(List.of(), errors(browser), "browser console");
        }
    }

    @Test
    void pageAndApiAreServedOnlyWhereTheEndpointIsBound() throws Exception {
        try (ChildJvm app = ChildJvm.builder(Jdks.current()).agent("host=127.0.0.2").main(PageApp.class).start();
                Browser browser = Browser.start()) {
            app.awaitStdout("^ready");
            int port = app.port();
            assertFalse(Http.listening(port), "nothing on 127.0.0.1:" + port);
            assertEquals(200, Http.get("127.0.0.2", port, "/api/threads?limit=0", Map.of()).status());
            browser.open("http://127.0.0.2:" + port + "/");
            browser.await("the page has data", d -> "true".equals(browser.script("return document.body.dataset.ready || null")));
            assertTrue(Integer.parseInt(text(browser, "#card-live")) > 0);
            assertEquals(List.of(), errors(browser), "browser console");
        }
    }

    @Test
    void pageIsServedWithAStrictPolicy() throws Exception {
        try (ChildJvm app = ChildJvm.builder(Jdks.current()).agent().main(PageApp.class).start()) {
            app.awaitStdout("^ready");
            Http.Response page = app.get("/");
            String csp = page.header("Content-Security-Policy");
            assertTrue(csp.contains("script-src 'self';") && csp.contains("style-src 'self';"), csp);
            assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), csp);
            assertTrue(csp.contains("require-trusted-types-for 'script'") && csp.contains("frame-ancestors 'none'"), csp);
            assertEquals("no-referrer", page.header("Referrer-Policy"));
            assertFalse(page.body().contains("<script>") || page.body().contains("style="), "no inline script or style");
            Http.Response js = app.get("/page.js");
            assertEquals("text/javascript; charset=utf-8", js.header("Content-Type"));
            assertEquals("nosniff", js.header("X-Content-Type-Options"));
            assertFalse(js.body().contains("innerHTML") || js.body().contains("insertAdjacentHTML")
                    || js.body().contains("document.write"), "the script never parses HTML");
            assertEquals("text/css; charset=utf-8", app.get("/page.css").header("Content-Type"));
            assertTrue(app.get("/api/threads?limit=0").header("Server-Timing").startsWith("api;dur="));
        }
    }

    private static Set<String> endpoints(ChildJvm app) {
        Set<String> paths = new HashSet<>();
        ApiJson.get(app, "/api").get("endpoints").forEach(p -> paths.add(p.asText()));
        assertTrue(paths.contains("/api/threads"), paths.toString());
        return paths;
    }

    private static void search(Browser browser, String text) {
        browser.script("var s = document.getElementById('thread-search'); s.value = arguments[0];"
                + "s.dispatchEvent(new Event('input'))", text);
    }

    private static String rows(Browser browser) {
        return String.valueOf(browser.script("return document.getElementById('threads-table').dataset.rows"));
    }

    private static double number(Browser browser, String css, String data) {
        Object v = browser.script("var e = document.querySelector(arguments[0]); return e ? Number(e.dataset[arguments[1]] || 0) : 0",
                css, data);
        return ((Number) v).doubleValue();
    }

    private static String text(Browser browser, String css) {
        return String.valueOf(browser.script("var e = document.querySelector(arguments[0]); return e ? e.textContent : ''", css));
    }

    private static List<String> errors(Browser browser) {
        return browser.consoleErrors().stream().map(e -> e.getMessage()).toList();
    }
}
