package dev.threadlens.it;

import static dev.threadlens.it.JfrSupport.awaitJfr;
import static dev.threadlens.it.JfrSupport.awaitStreamRunning;
import static dev.threadlens.it.JfrSupport.site;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.JfrApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/** Virtual threads pinned to their carrier while blocking: jvm_thread_virtual_pinned_seconds (JDK 21+). */
class VirtualPinningIT {

    private static final String PINNED = "jvm_thread_virtual_pinned_seconds_count";
    /** JEP 491: from JDK 24 a virtual thread blocking inside synchronized unmounts instead of pinning. */
    private static final int SYNCHRONIZED_UNPINNED_SINCE = 24;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#withVirtualThreads")
    void pinnedVirtualThreadsAreRecordedWhereThePinHappened(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent().main(JfrApp.class).start()) {
            app.awaitStdout("^ready");
            awaitStreamRunning(app);
            app.command("vpin-sync 100");   // sleeps 100 ms inside synchronized
            app.command("vpin-clinit 100"); // sleeps 100 ms inside a class initializer: pinned on every JDK
            awaitJfr(app);
            Metrics m = app.scrape();

            assertEquals(1, m.value(PINNED, "jvm_sync_site", site(app, "vpin-clinit")), m.grep("pinned"));
            String insideMonitor = site(app, "vpin-sync");
            if (jdk.feature() < SYNCHRONIZED_UNPINNED_SINCE) {
                assertEquals(1, m.value(PINNED, "jvm_sync_site", insideMonitor), m.grep("pinned"));
            } else {
                assertFalse(m.has(PINNED, "jvm_sync_site", insideMonitor),
                        "JDK 24+ does not pin a virtual thread that sleeps inside synchronized: " + m.grep("pinned"));
            }
            assertEquals(0, m.value("jvm_thread_virtual_submit_failed_total"));
        }
    }
}
