package dev.threadlens.demo.it;

import java.util.List;
import java.util.stream.Collectors;

import dev.threadlens.testkit.Metrics;

/**
 * Lookups in a scrape by scenario: the agent labels a primitive with the site where it was
 * created ({@code jvm_lock_site}, {@code jvm_sync_site}), the first application frame, so each
 * scenario's primitives carry its class (or a nested class of it) in their site.
 */
final class Samples {

    static final String LOCK_SITE = "jvm_lock_site";
    static final String SYNC_SITE = "jvm_sync_site";

    private Samples() {
    }

    /** Sum of the samples of {@code name} with these labels whose {@code siteLabel} is in {@code scenario}. */
    static double sumAt(Metrics m, String name, String siteLabel, Class<?> scenario, String... labelPairs) {
        return of(m, name, siteLabel, scenario, labelPairs).stream().mapToDouble(s -> s.value).sum();
    }

    static List<Metrics.Sample> of(Metrics m, String name, String siteLabel, Class<?> scenario, String... labelPairs) {
        return m.samples(name, labelPairs).stream().filter(s -> inScenario(s.label(siteLabel), scenario))
                .collect(Collectors.toList());
    }

    /**
     * True for {@code dev...RaceScenario.run(RaceScenario.java:42)} and {@code dev...SemaphoreScenario$ConnectionPool.<init>(...)},
     * and for JFR's monitor sites, {@code java.lang.Object at dev...LifecycleScenario.travel(...)}.
     */
    static boolean inScenario(String site, Class<?> scenario) {
        int at = site == null ? -1 : site.indexOf(" at ");
        if (at >= 0) {
            site = site.substring(at + " at ".length());
        }
        if (site == null || !site.startsWith(scenario.getName())) {
            return false;
        }
        char next = site.length() > scenario.getName().length() ? site.charAt(scenario.getName().length()) : ' ';
        return next == '.' || next == '$';
    }

    /** {@code jvm_thread_started_total} for platform ({@code virtual=false}) or virtual threads. */
    static double started(Metrics m, boolean daemon, boolean virtual) {
        return m.valueOrZero("jvm_thread_started_total", "jvm_thread_daemon", String.valueOf(daemon),
                "jvm_thread_virtual", String.valueOf(virtual));
    }

    static double terminated(Metrics m, boolean daemon, boolean virtual) {
        return m.valueOrZero("jvm_thread_terminated_total", "jvm_thread_daemon", String.valueOf(daemon),
                "jvm_thread_virtual", String.valueOf(virtual));
    }

    /** {@code jvm_thread_count} for a state (lowercase) of non-daemon or daemon threads. */
    static double threadCount(Metrics m, String state, boolean daemon) {
        return m.value("jvm_thread_count", "jvm_thread_state", state, "jvm_thread_daemon", String.valueOf(daemon));
    }

    /** For assertion messages: every line of the exposition that mentions {@code fragment}. */
    static String show(Metrics m, String fragment) {
        return "\n" + m.grep(fragment);
    }
}
