package dev.threadlens.demo.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.openqa.selenium.By;

import dev.threadlens.testkit.Browser;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Paths;

/**
 * The live page, in real headless Chromium, against the demo under the agent: a contention
 * scenario fills the thread-state chart and the contended-locks table, and the deadlocking
 * dining philosophers raise the deadlock banner. (The agent module's LivePageIT covers escaping,
 * basic auth and host binding with test programs.) Screenshots go to demo-app/target.
 */
class LivePageDemoIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void contentionScenarioFillsTheChartAndTheLockTable(Jdk jdk) throws Exception {
        try (ChildJvm demo = ChildJvm.builder(jdk).agent().jar(Paths.demoJar(), "lock", "--duration", "60s").start();
                Browser browser = Browser.start()) {
            demo.awaitStdout("clerk");
            browser.open("http://127.0.0.1:" + demo.port() + "/");
            awaitReady(browser);
            browser.await("the chart has a few samples", d -> number(browser, "#state-chart", "samples") >= 3);
            browser.await("the printer lock in the contention table, with contended acquisitions", d -> {
                Object n = browser.script("return Array.from(document.querySelectorAll('#locks-table tbody tr.row'))"
                        + ".filter(tr => tr.textContent.includes('LockScenario'))"
                        + ".map(tr => Number(tr.querySelector('td:nth-child(2)').textContent.replace(/,/g, '')) || 0)"
                        + ".reduce((a, b) => Math.max(a, b), 0)");
                return ((Number) n).intValue() >= 1;
            });
            assertEquals(List.of(), errors(browser), "browser console");
            browser.screenshot(Path.of("target", "live-page-lock-jdk" + jdk.feature() + ".png"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void deadlockedPhilosophersRaiseTheBanner(Jdk jdk) throws Exception {
        try (ChildJvm demo = ChildJvm.builder(jdk).agent("deadlockInterval=1s")
                .jar(Paths.demoJar(), "dining-philosophers", "--mode", "deadlock", "--duration", "60s").start();
                Browser browser = Browser.start()) {
            demo.awaitStdout("philosopher");
            browser.open("http://127.0.0.1:" + demo.port() + "/");
            awaitReady(browser);
            browser.await("the deadlock banner", d -> d.findElement(By.id("deadlock-banner")).isDisplayed());
            String banner = browser.driver().findElement(By.id("deadlock-banner")).getText();
            for (int seat = 1; seat <= 5; seat++) {
                assertTrue(banner.contains("philosopher-" + seat), "all five philosophers are in the cycle: " + banner);
            }
            assertTrue(banner.contains("DiningPhilosophersScenario"), "the forks' creation site: " + banner);
            assertFalse(browser.alertOpen());
            assertEquals(List.of(), errors(browser), "browser console");
            browser.script("window.scrollTo(0, 0)");
            browser.screenshot(Path.of("target", "live-page-deadlock-jdk" + jdk.feature() + ".png"));
        }
    }

    private static void awaitReady(Browser browser) {
        browser.await("the page has data", d -> "true".equals(browser.script("return document.body.dataset.ready || null")));
    }

    private static double number(Browser browser, String css, String data) {
        Object v = browser.script("var e = document.querySelector(arguments[0]); return e ? Number(e.dataset[arguments[1]] || 0) : 0",
                css, data);
        return ((Number) v).doubleValue();
    }

    private static List<String> errors(Browser browser) {
        return browser.consoleErrors().stream().map(e -> e.getMessage()).toList();
    }
}
