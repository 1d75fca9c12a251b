package dev.threadlens.demo.it;

import java.util.HashMap;
import java.util.Map;

import dev.threadlens.testkit.Jdk;

/**
 * One recorded run per JDK and command line, shared by the test methods of a class that assert
 * different things about the same run (and need different probe families). A run that failed
 * fails every method that asks for it, without being run again. Each class clears its cache
 * when done.
 */
final class RunCache {

    private final Map<String, Object> runs = new HashMap<>();

    DemoRun get(Jdk jdk, String... args) throws Exception {
        return getWith(jdk, null, args);
    }

    /** A run that also GETs {@code alsoGet} with every scrape. */
    synchronized DemoRun getWith(Jdk jdk, String alsoGet, String... args) throws Exception {
        String key = jdk.feature() + " " + alsoGet + " " + String.join(" ", args);
        Object cached = runs.get(key);
        if (cached == null) {
            try {
                cached = DemoRun.recordWith(jdk, alsoGet, args);
            } catch (Exception | AssertionError e) {
                cached = e;
            }
            runs.put(key, cached);
        }
        if (cached instanceof Exception) {
            throw (Exception) cached;
        }
        if (cached instanceof AssertionError) {
            throw new AssertionError("this run failed earlier: " + ((AssertionError) cached).getMessage(),
                    (AssertionError) cached);
        }
        return (DemoRun) cached;
    }

    synchronized void clear() {
        runs.clear();
    }
}
