package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.sun.tools.attach.VirtualMachine;

import dev.threadlens.testapps.FaultsApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Http;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Paths;

/**
 * Many attach/detach cycles on one JVM leave nothing behind: no agent thread, no socket, and
 * neither loaded classes nor metaspace growing with the number of cycles (each attach's class
 * loader, with everything it loaded, is collected). The attach goes through the JDK's attach API
 * from the test JVM (what the CLI does, without two JVM start-ups per cycle).
 *
 * <p>{@value #DEFAULT_CYCLES} cycles by default to keep CI short on two JDKs;
 * {@code -Dthreadlens.test.attachCycles=50} runs the full count.
 */
class AttachDetachCyclesIT {

    static final int DEFAULT_CYCLES = 8;
    private static final int CYCLES = Math.max(8, Integer.getInteger("threadlens.test.attachCycles", DEFAULT_CYCLES));
    /**
     * Compared against the end: by then the JVM's own one-time costs (JIT, attach listener, JFR,
     * the JDK classes the agent is first to use) are paid. Cycle 10 of 50, cycle 3 of 8.
     */
    private static final int WARM_CYCLE = Math.max(3, Math.min(10, CYCLES / 5));
    private static final String STATUS = "threadlens.agent.status";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void attachDetachCyclesLeaveNoThreadSocketOrGrowingMetaspace(Jdk jdk) throws Exception {
        String jar = Paths.agentJar().toString();
        try (ChildJvm app = ChildJvm.builder(jdk).jvmArg("-XX:+EnableDynamicAgentLoading").main(FaultsApp.class)
                .start()) {
            app.awaitStdout("^ready");
            Map<String, Long> before = stats(app);
            Map<String, Long> attached = null;
            Map<String, Long> warm = null;
            Map<String, Long> last = null;
            VirtualMachine vm = VirtualMachine.attach(Long.toString(app.pid()));
            try {
                for (int cycle = 1; cycle <= CYCLES; cycle++) {
                    Path portFile = Files.createTempFile("threadlens-cycle", ".port");
                    Files.delete(portFile);
                    vm.loadAgent(jar, "port=0,portFile=" + portFile);
                    assertEquals("running", vm.getSystemProperties().getProperty(STATUS), "cycle " + cycle + "\n" + app.output());
                    int port = Integer.parseInt(Files.readString(portFile).trim());
                    Files.delete(portFile);
                    Http.Response metrics = Http.get(port, "/metrics");
                    assertEquals(200, metrics.status());
                    assertTrue(metrics.body().contains("threadlens_agent_info{"), "cycle " + cycle);
                    app.command("work 20"); // the probes run on the application's threads
                    if (cycle == 1) {
                        attached = stats(app);
                    }
                    vm.loadAgent(jar, "detach");
                    assertEquals("detached", vm.getSystemProperties().getProperty(STATUS), "cycle " + cycle);
                    assertFalse(Http.listening(port), "cycle " + cycle + ": endpoint closed");
                    if (cycle == WARM_CYCLE || cycle == CYCLES) {
                        Map<String, Long> s = stats(app);
                        assertEquals("", agentThreads(app), "cycle " + cycle + ": no agent thread left");
                        if (cycle == WARM_CYCLE) {
                            warm = s;
                        } else {
                            last = s;
                        }
                    }
                }
            } finally {
                vm.detach();
            }
            long perAttachClasses = attached.get("classes") - before.get("classes");
            long perAttachMetaspace = attached.get("metaspace") - before.get("metaspace");
            System.out.printf("attach/detach cycles on JDK %d: %d cycles; one attach loads %d classes, %d KiB metaspace;"
                    + " after cycle %d: %s; after cycle %d: %s%n", jdk.feature(), CYCLES, perAttachClasses,
                    perAttachMetaspace / 1024, WARM_CYCLE, warm, CYCLES, last);

            assertEquals(warm.get("sockets"), last.get("sockets"), "sockets open: " + warm + " -> " + last);
            assertTrue(last.get("fds") <= warm.get("fds") + 2, "open files: " + warm + " -> " + last);
            assertTrue(last.get("threads") <= warm.get("threads"), "threads: " + warm + " -> " + last);
            // Each cycle's agent class loader is collected: the classes unloaded per cycle are about
            // the agent's own (a leak would unload none). The most recent loader or two can outlive a
            // detach by a few collections (measured: up to two after 50 cycles on JDK 25, none left a
            // cycle later), so loaded classes and metaspace may exceed the warm figures by two
            // attaches' worth, never by the (CYCLES - WARM_CYCLE) attaches' worth a leak would add.
            assertTrue(perAttachClasses > 500, "an attach loads the agent's classes: " + before + " -> " + attached);
            long unloadedPerCycle = (last.get("unloaded") - warm.get("unloaded")) / (CYCLES - WARM_CYCLE);
            assertTrue(unloadedPerCycle > perAttachClasses / 3, "each cycle's agent classes are unloaded: "
                    + unloadedPerCycle + " per cycle, one attach loads " + perAttachClasses);
            assertTrue(last.get("classes") < warm.get("classes") + 2 * perAttachClasses,
                    "loaded classes grow with the cycles: " + warm + " -> " + last + ", one attach: " + perAttachClasses);
            assertTrue(last.get("metaspace") < warm.get("metaspace") + 2 * perAttachMetaspace,
                    "metaspace grows with the cycles: " + warm + " -> " + last + ", one attach: " + perAttachMetaspace);
            app.closeInput();
            assertEquals(0, app.waitFor(ChildJvm.DEFAULT_WAIT), app.output());
        }
    }

    /** The app's figures once collections no longer unload anything (collectable class loaders are gone). */
    private static Map<String, Long> stats(ChildJvm app) {
        String line = app.ask("stats settled", "stats ");
        Map<String, Long> s = new HashMap<>();
        for (String pair : line.substring("stats ".length()).split(" ")) {
            int eq = pair.indexOf('=');
            if (!pair.startsWith("agentThreads=")) {
                s.put(pair.substring(0, eq), Long.parseLong(pair.substring(eq + 1)));
            }
        }
        return s;
    }

    private static String agentThreads(ChildJvm app) {
        String line = app.ask("stats", "stats ");
        return line.substring(line.indexOf("agentThreads=") + "agentThreads=".length());
    }
}
