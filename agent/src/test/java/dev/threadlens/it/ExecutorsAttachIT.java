package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.ExecutorApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Cli;
import dev.threadlens.testkit.Http;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Metrics;

/**
 * Executors and {@code attach}/{@code detach}: pools that existed before the agent are found and
 * measured (the probes sit in methods each task passes, never in a worker's long-lived loop), and
 * after a detach no executor probe is called any more, in old pools or new ones.
 */
class ExecutorsAttachIT {

    private static final String COMPLETED = "jvm_executor_task_completed_total";

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void poolsFromBeforeTheAttachAreMeasuredAndDetachRemovesTheProbes(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk)
                .jvmArg("-Djava.util.concurrent.ForkJoinPool.common.parallelism=2")
                .main(ExecutorApp.class).start()) {
            app.awaitStdout("^ready");
            app.command("named pre 2 pre-worker");
            app.command("submit pre 2 0");
            app.command("await pre");

            int port = attach(jdk, app);
            // A worker already blocked waiting for a task when the agent arrived hands that
            // one task over unseen; from its next task on it is measured.
            app.command("submit pre 4 0");
            app.command("await pre");
            app.command("quiet pre-worker");
            String[] pool = {"jvm_executor_name", "pre-worker", "jvm_executor_type", "thread_pool"};
            Metrics before = scrape(port);
            assertTrue(before.value(COMPLETED, pool) >= 2, "at most one task per worker goes unseen: " + before.grep(COMPLETED));
            app.command("submit pre 4 0");
            app.command("await pre");
            double base = before.value(COMPLETED, pool);
            Metrics after = settle(port, "4 more completed", m -> m.value(COMPLETED, pool) - base == 4);
            assertEquals(4, after.value("jvm_executor_task_queue_wait_seconds_count", pool)
                    - before.value("jvm_executor_task_queue_wait_seconds_count", pool), after.grep("pre-worker"));

            // Positive control: the spy hears the probes while they are woven in.
            app.command("spy ExecutorProbes");
            app.command("submit pre 2 0");
            app.command("await pre");
            assertTrue(spyCount(app) > 0, "the probes are live while attached");

            detach(jdk, app);
            // A frame that was inside an instrumented method at the detach finishes with the old
            // code (the JVM swaps code for new calls only): a worker waiting in getTask returns
            // through its exit advice once, to a dispatcher whose sink is gone. Let each worker
            // take one task, so every call from here on is a new one.
            app.command("gate");
            app.command("submit pre 2 0 gated");
            app.command("started pre 2");
            app.command("open");
            app.command("await pre");
            app.command("quiet pre-worker");
            app.command("spy ExecutorProbes");
            app.command("submit pre 3 0"); // workers whose run loop began under the agent
            app.command("await pre");
            app.command("fixed fresh 2");
            app.command("submit fresh 3 0");
            app.command("await fresh");
            app.command("scheduled sched 1 ticker");
            app.command("schedule sched 10");
            app.command("await sched");
            app.command("supply 3 0");
            app.command("execute-fail pre");
            app.command("await pre");
            assertEquals(0, spyCount(app), "executor methods still call the dispatcher after detach");

            app.command("spy FutureProbes");
            app.command("future-wait pre");
            app.command("supply 2 50");
            assertEquals(0, spyCount(app), "future waits still call the dispatcher after detach");
        }
    }

    private static int spyCount(ChildJvm app) {
        return Integer.parseInt(app.ask("spycount", "spycount ").substring("spycount ".length()));
    }

    private static Metrics scrape(int port) {
        return Metrics.parse(Http.get(port, "/metrics").body());
    }

    private static Metrics settle(int port, String what, Predicate<Metrics> done) throws InterruptedException {
        long deadline = System.nanoTime() + ChildJvm.DEFAULT_WAIT.toNanos();
        Metrics m = scrape(port);
        while (!done.test(m)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("never settled: " + what + "\n" + m.grep("jvm_executor_"));
            }
            Thread.sleep(50);
            m = scrape(port);
        }
        return m;
    }

    private static int attach(Jdk jdk, ChildJvm app) throws Exception {
        Path portFile = Files.createTempFile("threadlens-attach", ".port");
        Files.delete(portFile);
        Cli.Result r = Cli.run(jdk, "attach", Long.toString(app.pid()), "port=0,portFile=" + portFile);
        assertEquals(0, r.exitCode, r + "\n" + app.output());
        int port = Integer.parseInt(Files.readString(portFile).trim());
        Files.delete(portFile);
        return port;
    }

    private static void detach(Jdk jdk, ChildJvm app) throws Exception {
        Cli.Result r = Cli.run(jdk, "detach", Long.toString(app.pid()));
        assertEquals(0, r.exitCode, r + "\n" + app.output());
    }
}
