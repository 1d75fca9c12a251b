package dev.threadlens.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import dev.threadlens.testkit.Browser;

/**
 * The live page in real headless Chromium against the JSON API contract (docs/ARCHITECTURE.md),
 * served by the agent's own router from fixed data ({@link CannedApi}): every section renders,
 * at 2,000 threads and 500 lock sites it caps what it puts in the DOM, unchanged rows are left
 * alone, missing or empty endpoints are explained rather than errors, and attacker-style text in
 * names, owners, sites and frames stays text.
 */
class LivePageContractIT {

    private Browser browser;

    @BeforeEach
    void startBrowser() throws Exception {
        browser = Browser.start();
    }

    @AfterEach
    void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void rendersEverySectionOfTheContract() throws Exception {
        try (PageServer server = PageServer.start(CannedApi.full())) {
            browser.open(server.url());
            awaitRows("locks-table", 50);
            awaitRows("executors-table", 3);
            browser.await("deadlock banner shown", d -> d.findElement(By.id("deadlock-banner")).isDisplayed());

            WebElement banner = browser.driver().findElement(By.id("deadlock-banner"));
            assertTrue(banner.getText().contains("philosopher-1 \u2192 philosopher-2 \u2192 philosopher-1"), banner.getText());
            assertTrue(banner.getText().contains("held by philosopher-2"), banner.getText());
            assertEquals(CannedApi.DEADLOCK_TEXT, browser.script(
                    "return document.querySelector('#deadlock-banner pre').textContent"), "the full cycle report, verbatim");
            assertTrue(browser.driver().findElement(By.id("hang-banner")).getText().contains(CannedApi.XSS_THREAD));
            assertTrue(text("#findings").contains("Deadlock: 2 threads wait for each other"), text("#findings"));

            // Locks: the largest total first, the owner's XSS name as text, a stack on click.
            assertTrue(text("#locks-table tbody tr.row .site").contains("Shop$Counter0.<init>"), text("#locks-table tbody tr.row"));
            assertTrue(text("#locks-table tbody tr.row").contains(CannedApi.XSS_OWNER));
            browser.driver().findElement(By.cssSelector("#locks-table tbody tr.row")).click();
            browser.await("lock stack shown", d -> !d.findElements(By.cssSelector("#locks-table tr.detail .frames")).isEmpty());
            assertTrue(text("#locks-table tr.detail .frames").contains("at " + CannedApi.XSS_FRAME), text("#locks-table tr.detail"));

            // Executors: the saturated one first and marked.
            WebElement firstExecutor = browser.driver().findElement(By.cssSelector("#executors-table tbody tr.row"));
            assertTrue(firstExecutor.getAttribute("class").contains("saturated"));
            assertTrue(firstExecutor.getText().contains("saturated"), firstExecutor.getText());
            assertTrue(firstExecutor.getText().contains("200 ms / 1.60 s / 1.80 s"), firstExecutor.getText());
            assertTrue(firstExecutor.getText().contains("2 / 2"), "active / max: " + firstExecutor.getText());

            awaitRows("semaphores-table", 1);
            awaitRows("signals-table", 1);
            awaitRows("stuck-table", 1);
            awaitRows("inversions-table", 1);
            assertTrue(text("#stuck-table tbody").contains(CannedApi.XSS_FRAME));
            awaitRows("time-table", 3);
            assertEquals(3L, browser.script("return document.querySelectorAll('#time-table .stack').length"));

            // Thread dump: 2,000 threads, 200 rows in the DOM.
            showThreadDump(200);
            assertTrue(text("#thread-count").contains("2,000 of 2,000 live threads"), text("#thread-count"));
            assertTrue(browser.driver().findElement(By.cssSelector("#threads .more")).isDisplayed());
            assertTrue(text("#threads-table tbody").contains(CannedApi.XSS_THREAD));
            assertTrue(text("#pools-table").contains(CannedApi.XSS_THREAD));

            browser.script("window.scrollTo(0, 0)");
            browser.screenshot(Path.of("target", "live-page-contract.png"));
            assertNothingInjected();
        }
    }

    @Test
    void searchFiltersAndStacksInTheThreadDump() throws Exception {
        try (PageServer server = PageServer.start(CannedApi.full())) {
            browser.open(server.url());
            showThreadDump(200);

            browser.driver().findElement(By.id("thread-search")).sendKeys("philosopher");
            awaitRows("threads-table", 2);
            assertTrue(text("#thread-count").startsWith("2 matching"), text("#thread-count"));
            assertTrue(text("#threads-table tbody").contains("philosopher-2"));

            browser.driver().findElement(By.id("thread-search")).clear();
            browser.script("var s = document.getElementById('thread-search'); s.value = 'onerror';"
                    + "s.dispatchEvent(new Event('input'))");
            awaitRows("threads-table", 1);
            browser.driver().findElement(By.cssSelector("#threads-table tbody tr.row")).click();
            browser.await("stack of the clicked thread", d -> text("#threads-table tr.detail").contains(CannedApi.XSS_FRAME));

            browser.script("var s = document.getElementById('thread-search'); s.value = '';"
                    + "s.dispatchEvent(new Event('input'))");
            browser.driver().findElement(By.cssSelector("#state-chips button[data-state='blocked']")).click();
            browser.await("only blocked threads", d -> "blocked".equals(browser.script(
                    "var s = new Set([...document.querySelectorAll('#threads-table tbody tr.row .badge[class*=state-]')]"
                            + ".map(b => b.className.replace(/.*state-/, '')));"
                            + "return s.size === 1 ? [...s][0] : null")));

            browser.driver().findElement(By.id("show-stacks")).click();
            browser.await("stacks shown inline", d -> !d.findElements(By.cssSelector("#threads-table tbody tr.row .frames")).isEmpty());
            assertNothingInjected();
        }
    }

    @Test
    void showMoreGrowsTheLockTableInSteps() throws Exception {
        try (PageServer server = PageServer.start(CannedApi.full())) {
            browser.open(server.url());
            awaitRows("locks-table", 50);
            browser.driver().findElement(By.cssSelector("#locks .more button")).click();
            awaitRows("locks-table", 150);
            assertNothingInjected();
        }
    }

    @Test
    void unchangedRowsAreLeftAlone() throws Exception {
        try (PageServer server = PageServer.start(CannedApi.full())) {
            browser.open(server.url());
            awaitRows("locks-table", 50);
            browser.script("document.querySelectorAll('#locks-table tbody tr.row, #executors-table tbody tr.row')"
                    + ".forEach(r => r.threadlensMark = true)");
            long refreshes = refreshes();
            browser.await("two more refreshes", d -> refreshes() >= refreshes + 2);
            assertEquals(53L, browser.script("return [...document.querySelectorAll("
                    + "'#locks-table tbody tr.row, #executors-table tbody tr.row')].filter(r => r.threadlensMark).length"),
                    "the same row elements are still there: nothing was rebuilt");
        }
    }

    @Test
    void missingEndpointsAreExplainedWithoutErrors() throws Exception {
        try (PageServer server = PageServer.start(CannedApi.build(Set.of("/api/threads"), false))) {
            browser.open(server.url());
            browser.await("page ready", d -> "true".equals(browser.script("return document.body.dataset.ready || null")));
            for (String section : List.of("locks", "semaphores", "signals", "executors", "stuck", "inversions", "time")) {
                browser.await(section + " marked unavailable",
                        d -> "unavailable".equals(browser.script("return document.getElementById(arguments[0]).dataset.status", section)));
                assertTrue(text("#" + section + " .note").contains("not available from this agent"), text("#" + section + " .note"));
            }
            assertFalse(browser.driver().findElement(By.id("deadlock-banner")).isDisplayed());
            assertTrue(Integer.parseInt(text("#card-live").replace(",", "")) == CannedApi.THREADS);
            assertNothingInjected();
        }
    }

    @Test
    void emptyDocumentsShowEmptyStates() throws Exception {
        Set<String> all = Set.of("/api/threads", "/api/locks", "/api/executors", "/api/deadlocks", "/api/time");
        try (PageServer server = PageServer.start(CannedApi.build(all, true))) {
            browser.open(server.url());
            browser.await("empty lock table", d -> text("#locks-table tbody").contains("No contended lock acquisition recorded yet"));
            assertTrue(text("#executors-table tbody").contains("No executor seen yet"));
            assertTrue(text("#stuck-table tbody").contains("No stuck thread"));
            assertTrue(text("#findings").contains("No deadlock"), text("#findings"));
            assertFalse(browser.driver().findElement(By.id("deadlock-banner")).isDisplayed());
            assertNothingInjected();
        }
    }

    private void assertNothingInjected() {
        assertEquals(0L, browser.script("return document.querySelectorAll('img, iframe, object, embed').length"),
                "markup in the data must never become elements");
        assertEquals(1L, browser.script("return document.scripts.length"), "only page.js");
        assertFalse(browser.alertOpen(), "no alert() ran");
        assertEquals(List.of(), browser.consoleErrors().stream().map(e -> e.getMessage()).toList(), "console errors");
    }

    /**
     * Scrolls to the thread dump, which the page loads only while it is visible. Sections above it
     * grow as their data arrives and can push it out of view again, so the scroll is repeated
     * until the rows are there.
     */
    private void showThreadDump(int rows) {
        String read = "document.getElementById('threads').scrollIntoView();"
                + "return document.getElementById('threads-table').dataset.rows";
        try {
            browser.await("threads-table has " + rows + " rows", d -> String.valueOf(rows).equals(browser.script(read)));
        } catch (AssertionError e) {
            throw new AssertionError("threads-table has " + browser.script(read) + " rows, not " + rows
                    + "; status: " + text("#status-text") + "; " + e.getMessage(), e);
        }
    }

    private void awaitRows(String tableId, int rows) {
        String read = "return document.getElementById(arguments[0]).dataset.rows";
        try {
            browser.await(tableId + " has " + rows + " rows", d -> String.valueOf(rows).equals(browser.script(read, tableId)));
        } catch (AssertionError e) {
            throw new AssertionError(tableId + " has " + browser.script(read, tableId) + " rows, not " + rows
                    + "; status: " + text("#status-text") + "; " + e.getMessage(), e);
        }
    }

    private long refreshes() {
        Object v = browser.script("return Number(document.body.dataset.refreshes || 0)");
        return ((Number) v).longValue();
    }

    private String text(String css) {
        Object v = browser.script("var e = document.querySelector(arguments[0]); return e ? e.textContent : ''", css);
        return String.valueOf(v);
    }
}
