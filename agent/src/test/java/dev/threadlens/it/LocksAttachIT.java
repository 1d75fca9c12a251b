package dev.threadlens.it;

import static dev.threadlens.it.LocksIT.assertNoAgentErrors;
import static dev.threadlens.it.LocksIT.lastSite;
import static dev.threadlens.it.LocksIT.lockWaits;
import static dev.threadlens.it.LocksIT.syncWaits;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.LocksApp;
import dev.threadlens.testkit.AgentAttach;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Http;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/**
 * The lock probes in a JVM the agent is attached to: primitives made before the attach are sited
 * at their first contended call, later ones at their creation; after detach the advice is gone
 * from the bytecode (a spy sink hears nothing), and a second attach works from scratch.
 */
class LocksAttachIT {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void attachSitesThenDetachRemovesTheAdvice(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).main(LocksApp.class).start()) {
            app.awaitStdout("^ready");
            app.command("prelock");
            app.command("lock 2"); // before the agent: never counted

            int port = AgentAttach.attach(jdk, app, "");
            app.command("contendprelock");
            app.command("lock 3");
            app.command("latch 2");
            Metrics m = Metrics.parse(Http.get(port, "/metrics").body());
            assertEquals(1, lockWaits(m, "reentrant_lock", lastSite(app, "prelock-contended")),
                    "made before the attach: sited at its first contended call: " + m.grep("jvm_lock_wait_seconds_count"));
            assertEquals(0, lockWaits(m, "reentrant_lock", lastSite(app, "prelock-created")));
            assertEquals(3, lockWaits(m, "reentrant_lock", lastSite(app, "lock")), "made after: sited at creation");
            assertEquals(2, syncWaits(m, "latch", lastSite(app, "latch")));
            assertNoAgentErrors(m);

            // Positive control for the spy: while attached, it hears the probes.
            app.command("lockspy");
            app.command("lock 2");
            String attached = app.ask("lockspycount", "lockspycount ");
            org.junit.jupiter.api.Assertions.assertTrue(attached.endsWith("app[created=0 waits=2 signals=0]"), attached);
            org.junit.jupiter.api.Assertions.assertTrue(attached.startsWith("lockspycount main[created=1 "), attached);

            AgentAttach.detach(jdk, app);
            assertAdviceGone(app);

            int again = AgentAttach.attach(jdk, app, "");
            app.command("lock 4");
            Metrics second = Metrics.parse(Http.get(again, "/metrics").body());
            assertEquals(4, lockWaits(second, "reentrant_lock", lastSite(app, "lock")),
                    "a new attach starts from fresh state");
            assertNoAgentErrors(second);
            AgentAttach.detach(jdk, app);
            assertAdviceGone(app);
        }
    }

    /** Constructors, contention, conditions, latches, joins and sleeps: none of them calls the dispatcher. */
    private static void assertAdviceGone(ChildJvm app) {
        app.command("lockspy");
        app.command("lock 3");
        app.command("condition 2");
        app.command("latch 2");
        app.command("barrier 3");
        app.command("join");
        app.command("sleep");
        assertEquals("lockspycount main[created=0 waits=0 signals=0] app[created=0 waits=0 signals=0]",
                app.ask("lockspycount", "lockspycount "), "probed methods still call the dispatcher after detach");
    }
}
