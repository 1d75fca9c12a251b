package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.FaultsApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Cli;
import dev.threadlens.testkit.Http;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/**
 * {@code detach} in the middle of heavy contention: 50 threads on locks, a monitor, a semaphore,
 * conditions and a queue, every wait untimed, while the bytecode under them is restored. Every
 * worker goes on after the detach, all of them finish, the counts add up exactly and nobody is
 * left waiting (a lost wake-up would leave a thread parked forever: the app's watchdog names it
 * and dumps the threads).
 */
class DetachUnderContentionIT {

    private static final Duration WAIT = ChildJvm.DEFAULT_WAIT;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void detachDuringHeavyContentionLeavesEveryLockWorking(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent().main(FaultsApp.class).start()) {
            app.awaitStdout("^ready");
            int port = app.port();
            app.command("hammer start");
            awaitEveryWorkerAtLeast(app, 200);
            // The probes are live on these very primitives: waits are being measured as the detach comes.
            Metrics during = app.scrape();
            assertTrue(during.sum("jvm_lock_wait_seconds_count", "jvm_lock_type", "reentrant_lock") > 0,
                    during.grep("jvm_lock_wait"));
            assertTrue(during.sum("jvm_lock_wait_seconds_count", "jvm_lock_type", "semaphore") > 0,
                    during.grep("jvm_lock_wait"));

            Cli.Result detach = Cli.run(jdk, "detach", Long.toString(app.pid()));
            assertEquals(0, detach.exitCode, detach + "\n" + app.output());
            assertFalse(Http.listening(port), "endpoint closed");

            app.command("hammer mark");
            awaitNoneBehind(app);
            long min = minOps(app);
            awaitEveryWorkerAtLeast(app, min + 500); // a while more of it, all without the agent
            String result = app.ask("hammer stop", "hammer ");
            assertTrue(result.startsWith("hammer ok"), result + "\n" + app.output());
            String stats = app.ask("stats", "stats ");
            assertTrue(stats.endsWith("agentThreads="), "no agent thread left: " + stats);
            app.closeInput();
            assertEquals(0, app.waitFor(WAIT), app.output());
        }
    }

    private static long minOps(ChildJvm app) {
        return Long.parseLong(app.ask("hammer progress", "hammer min ").substring("hammer min ".length()));
    }

    private static void awaitEveryWorkerAtLeast(ChildJvm app, long ops) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        long min = 0;
        while (System.nanoTime() < deadline) {
            min = minOps(app);
            if (min >= ops) {
                return;
            }
            Thread.sleep(100);
        }
        fail("some worker did only " + min + " operations, expected " + ops + "\n" + dump(app));
    }

    private static void awaitNoneBehind(ChildJvm app) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        String behind = "";
        while (System.nanoTime() < deadline) {
            behind = app.ask("hammer behind", "hammer behind ");
            if (behind.equals("hammer behind 0")) {
                return;
            }
            Thread.sleep(100);
        }
        fail("workers without progress after the detach: " + behind + "\n" + dump(app));
    }

    /** The workers' state for a failure message: stop runs the watchdog, which dumps stuck threads. */
    private static String dump(ChildJvm app) {
        app.send("hammer stop");
        try {
            app.awaitStdout("^hammer (ok|wrong|stuck)", Duration.ofSeconds(90));
        } catch (AssertionError e) {
            // the output below says what there is
        }
        return app.output();
    }
}
