package dev.threadlens.demo.scenarios;

import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * Daemon versus non-daemon threads, interruption, and the shutdown hook. The JVM exits when its
 * last non-daemon thread ends and simply abandons daemon threads. Interrupting a thread is a
 * request it answers at its next blocking call. A shutdown hook runs when the JVM is stopped
 * (Ctrl+C, SIGTERM), which is the moment to ask the workers to finish cleanly.
 */
public final class DaemonScenario implements Scenario {

    /** One heartbeat per JVM: a daemon thread lives until the JVM exits, so later runs reuse it. */
    private static Thread heartbeat;
    private static volatile Run audience;

    @Override
    public String name() {
        return "daemon";
    }

    @Override
    public String summary() {
        return "a daemon heartbeat vs a non-daemon worker; interrupt; a shutdown hook for Ctrl+C";
    }

    @Override
    public void run(Run run) throws Exception {
        run.title("daemon threads, interrupt and the shutdown hook (the Ctrl+C story)");
        run.concept("The JVM waits for every non-daemon thread before it exits, but abandons daemon threads "
                + "wherever they are. interrupt() asks a thread to stop; a shutdown hook runs on Ctrl+C or SIGTERM.");
        run.happens("A daemon 'heartbeat' beats twice a second; a non-daemon 'worker' works step by step. "
                + "At the end main interrupts the worker, which cleans up and ends; nobody stops the heartbeat. "
                + "Press Ctrl+C meanwhile: the shutdown hook interrupts the worker and waits for its clean-up.");
        run.watch("jvm_thread_count{jvm_thread_daemon=\"true\"} vs {jvm_thread_daemon=\"false\"}",
                "the heartbeat is a daemon thread, the worker is not", Panel.THREADS);
        run.watch("jvm_thread_started_total - jvm_thread_terminated_total {jvm_thread_daemon=\"true\"}",
                "the heartbeat started and never ends", Panel.OVERVIEW);

        audience = run;
        startHeartbeatOnce(run);

        Thread worker = new Thread(() -> work(run), "worker"); // non-daemon: inherited from main
        Thread hook = new Thread(() -> {
            run.say("shutdown hook: the JVM is stopping; interrupting the worker and waiting for it");
            worker.interrupt();
            try {
                worker.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            run.say("shutdown hook: worker alive = %s; the heartbeat just stops with the JVM", worker.isAlive());
        }, "demo-shutdown-hook");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            worker.start();
            run.say("main: worker.isDaemon() = %s, heartbeat.isDaemon() = %s", worker.isDaemon(), heartbeat.isDaemon());
            run.deadline().sleepUntil();
            run.say("main: time is up; interrupting the worker (a request: it stops at its next sleep or check)");
            worker.interrupt();
            worker.join();
        } finally {
            Runtime.getRuntime().removeShutdownHook(hook);
            audience = null;
        }
        run.result("worker ended (isAlive = %s); heartbeat still alive = %s: the JVM will exit without waiting "
                + "for it, as it does for every daemon thread", worker.isAlive(), heartbeat.isAlive());
    }

    private static synchronized void startHeartbeatOnce(Run run) {
        if (heartbeat != null && heartbeat.isAlive()) {
            run.say("main: the heartbeat from an earlier run is still beating: daemon threads live until the JVM exits");
            return;
        }
        heartbeat = new Thread(DaemonScenario::beat, "heartbeat");
        heartbeat.setDaemon(true); // before start(): a started thread cannot change
        heartbeat.start();
    }

    /** Beats forever; only prints while a daemon scenario is running, so it does not clutter later ones. */
    private static void beat() {
        long beats = 0;
        while (true) {
            Run run = audience;
            if (run != null) {
                run.say("heartbeat: %d", ++beats);
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                // nobody should interrupt the heartbeat; keep beating
            }
        }
    }

    private static void work(Run run) {
        int step = 0;
        try {
            while (true) {
                step++;
                run.say("worker: step %d", step);
                Thread.sleep(400); // an interrupt lands here, as an InterruptedException
            }
        } catch (InterruptedException e) {
            run.say("worker: interrupted in step %d; saving progress and stopping cleanly", step);
        }
    }
}
