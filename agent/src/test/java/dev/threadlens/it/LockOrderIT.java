package dev.threadlens.it;

import static dev.threadlens.testkit.Reports.strings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.DeadlockApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;
import dev.threadlens.testkit.Reports;

/** {@code lockOrder=true}: inversions found before they deadlock; the probes exist only when asked for. */
class LockOrderIT {

    private static final String APP = DeadlockApp.class.getName();

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void reportsAnInversionBetweenTwoPathsThatNeverDeadlocked(Jdk jdk) throws Exception {
        try (ChildJvm app = DeadlockDetectionIT.start(jdk, DeadlockDetectionIT.FAST + ",lockOrder=true")) {
            app.command("inversion");
            Reports r = Reports.await(app, x -> !x.inversions().isEmpty(), "an inversion");
            assertEquals(1, r.inversions().size(), r.text());
            Map<String, Object> i = r.inversions().get(0);
            String first = String.valueOf(i.get("first"));
            String second = String.valueOf(i.get("second"));
            assertTrue(first.startsWith(APP + ".inversion(DeadlockApp.java:"), "creation site of a lock: " + first);
            assertTrue(second.startsWith(APP + ".inversion(DeadlockApp.java:"), second);
            assertNotEquals(first, second);
            assertEquals("path-report", i.get("threadA"), "the second path closed the cycle");
            assertEquals("path-transfer", i.get("threadB"));
            assertTrue(strings(i.get("stackA")).stream().anyMatch(f -> f.startsWith(APP + ".auditThenTransfer(")),
                    "stack of the acquisition in the reverse order: " + i);
            assertTrue(strings(i.get("stackB")).stream().anyMatch(f -> f.startsWith(APP + ".transferThenAudit(")),
                    "stack of the first order: " + i);
            assertEquals(List.of(second, first), strings(i.get("path")));
            assertTrue(r.deadlocks().isEmpty(), "nothing ever deadlocked: " + r.text());
            assertEquals(1, app.scrape().value("jvm_lock_order_inversions_total"));
            DeadlockDetectionIT.assertLoggedOnce(app, "LOCK-ORDER INVERSION");

            app.command("ordered"); // the same locks in one order, and a tryLock: no inversion
            app.command("inversion"); // the same two sites again: already known
            Reports after = Reports.of(app);
            assertEquals(1, after.inversions().size(), after.text());
            Metrics m = app.scrape();
            assertEquals(1, m.value("jvm_lock_order_inversions_total"));
            assertEquals(0, m.value("threadlens_agent_errors_total", "component", "deadlock"));

            // With the creation sites known, a deadlock report names them too.
            app.command("locks3");
            Map<String, Object> d = DeadlockDetectionIT.awaitDeadlock(app, "lock-0");
            Map<String, Object> w = DeadlockDetectionIT.waitsFor(Reports.step(d, "lock-1"));
            assertTrue(String.valueOf(w.get("site")).startsWith(APP + ".locks3(DeadlockApp.java:"), w.toString());
            assertTrue(String.valueOf(d.get("text")).contains("created at " + APP + ".locks3("), d.get("text") + "");

            // Positive control for the test below: the probes do run on every acquisition.
            app.command("spy LockOrderProbes");
            app.command("ordered");
            assertTrue(Integer.parseInt(app.ask("spycount", "spycount ").substring(9)) > 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void probesAreNotInstalledUnlessAskedFor(Jdk jdk) throws Exception {
        try (ChildJvm app = DeadlockDetectionIT.start(jdk, DeadlockDetectionIT.FAST)) {
            app.command("spy LockOrderProbes");
            app.command("inversion");
            app.command("ordered");
            assertEquals("spycount 0", app.ask("spycount", "spycount "), "no advice calls the lock-order dispatcher");
            Reports.awaitPasses(app, 2);
            assertTrue(Reports.of(app).inversions().isEmpty());
            assertEquals(0, app.scrape().value("jvm_lock_order_inversions_total"));
        }
    }
}
