package dev.threadlens.it;

import static dev.threadlens.it.LocksIT.LOCK_WAIT;
import static dev.threadlens.it.LocksIT.assertNoAgentErrors;
import static dev.threadlens.it.LocksIT.lastSite;
import static dev.threadlens.it.LocksIT.lockWaits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.LocksApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/**
 * {@code startup=background} (opt-in) against {@code startup=blocking} (the default): with the first,
 * main() begins before the probes are in place and the agent reports {@code starting} until
 * they are; a lock made in that moment is sited where it is first contended, as after an attach,
 * and threads already hard at work on a lock while the JDK classes are rewoven keep working.
 * With the second, main() begins with every probe in place.
 */
class StartupIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void backgroundStartsMainFirstAndTheProbesFollow(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent("startup=background").main(LocksApp.class, "prelock")
                .start()) {
            app.awaitStdout("^ready");
            assertEquals("status-at-main starting", app.awaitStdout("^status-at-main "), app.output());
            assertTrue(app.awaitStderr("live page").matches(".*\\(ready in \\d+ ms, beside main\\(\\)\\)$"),
                    app.output());

            app.command("contendprelock");
            app.command("lock 3");
            Metrics m = app.scrape();
            assertEquals(1, lockWaits(m, "reentrant_lock", lastSite(app, "prelock-contended")),
                    "made before the probes: sited at its first contended call: " + m.grep(LOCK_WAIT));
            assertEquals(0, lockWaits(m, "reentrant_lock", lastSite(app, "prelock-created")));
            assertEquals(3, lockWaits(m, "reentrant_lock", lastSite(app, "lock")), "made after: sited at creation");
            assertEquals(1, m.value("threadlens_agent_info", "mode", "premain"), m.grep("threadlens_agent_info"));
            assertNoAgentErrors(m);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void blockingStartsMainWithEveryProbeInPlace(Jdk jdk) throws Exception {
        // The default: no startup option given.
        try (ChildJvm app = ChildJvm.builder(jdk).agent().main(LocksApp.class, "prelock").start()) {
            app.awaitStdout("^ready");
            assertEquals("status-at-main running", app.awaitStdout("^status-at-main "), app.output());
            assertTrue(app.awaitStderr("live page").matches(".*\\(ready in \\d+ ms\\)$"), app.output());

            app.command("contendprelock");
            Metrics m = app.scrape();
            assertEquals(1, lockWaits(m, "reentrant_lock", lastSite(app, "prelock-created")),
                    "made on main's first line, sited at its creation: " + m.grep(LOCK_WAIT));
            assertNoAgentErrors(m);
        }
    }

    /** strict=true promises an exit before main(), so it starts blocking whatever startup says. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void strictStartsBlocking(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent("strict=true,startup=background").main(LocksApp.class).start()) {
            app.awaitStdout("^ready");
            assertEquals("status-at-main running", app.awaitStdout("^status-at-main "), app.output());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void threadsBusyOnALockWhileTheProbesArriveKeepGoing(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent("startup=background").main(LocksApp.class, "busy").start()) {
            app.awaitStdout("^ready");
            assertEquals("status-at-main starting", app.awaitStdout("^status-at-main "), app.output());
            long before = busyRounds(app);
            Metrics first = app.scrape();
            Thread.sleep(500);
            long after = busyRounds(app);
            Metrics second = app.scrape();
            assertTrue(after > before, "the busy threads stopped: " + before + " then " + after);
            double waits = second.sum(LOCK_WAIT, "jvm_lock_type", "reentrant_lock")
                    - first.sum(LOCK_WAIT, "jvm_lock_type", "reentrant_lock");
            assertTrue(waits > 0, "four threads on one lock, and no contention counted: " + second.grep(LOCK_WAIT));
            assertNoAgentErrors(second);
        }
    }

    private static long busyRounds(ChildJvm app) {
        return Long.parseLong(app.ask("busycount", "busycount ").substring("busycount ".length()));
    }
}
