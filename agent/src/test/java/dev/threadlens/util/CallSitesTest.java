package dev.threadlens.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

class CallSitesTest {

    @Test
    void skipsJdkAndAgentFrames() throws Exception {
        // The test class is in dev.threadlens (agent code), so the first application frame is JUnit's.
        Callable<String> viaJdk = CallSites::firstApplicationFrame;
        String site = viaJdk.call();
        assertTrue(site.startsWith("org.junit."), site);
        assertTrue(site.matches(".+\\..+\\(.+\\.java:\\d+\\)"), site);
    }

    @Test
    void classifiesClassNames() {
        assertTrue(CallSites.isApplication("com.example.Bank"));
        assertFalse(CallSites.isApplication("java.util.concurrent.locks.ReentrantLock"));
        assertFalse(CallSites.isApplication("jdk.internal.misc.Unsafe"));
        assertFalse(CallSites.isApplication("dev.threadlens.waits.WaitMetrics"));
        assertTrue(CallSites.isApplication("dev.threadlens.demo.DemoApp"), "the demo is an application");
        assertTrue(CallSites.isApplication("dev.threadlens.testapps.JfrApp$Ledger"), "so are the test apps");
        assertTrue(CallSites.isApplication("dev.threadlens.testapps.DeadlockApp"), "so are the test programs");
        assertTrue(CallSites.isApplication("dev.threadlens.testapps.ExecutorApp"), "the project's own apps are applications");
    }

    @Test
    void stackTraceElementsToo() {
        StackTraceElement[] stack = {
            new StackTraceElement("java.lang.Object", "wait", "Object.java", 1),
            new StackTraceElement("com.example.Shop", "checkout", "Shop.java", 77),
        };
        assertEquals("com.example.Shop.checkout(Shop.java:77)", CallSites.firstApplicationFrame(stack));
    }
}
