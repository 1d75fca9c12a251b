package dev.threadlens.demo.scenarios;

import java.util.ArrayList;
import java.util.List;

import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * Threads 101: a thread runs a task (a {@link Runnable}, here a lambda carrying its arguments),
 * has a name, is started once, and can be joined; or it is a {@link Thread} subclass that
 * overrides {@code run()}.
 */
public final class ThreadsBasicsScenario implements Scenario {

    @Override
    public String name() {
        return "threads-basics";
    }

    @Override
    public String summary() {
        return "create threads with a task and arguments, name, start, join and isAlive; a Thread subclass";
    }

    @Override
    public void run(Run run) throws Exception {
        run.title("creating, starting and joining threads");
        run.concept("A thread is one flow of execution inside the process; all threads share the process's memory.");
        run.happens("A thread runs a task with one argument, " + run.threads() + " named threads run with several, "
                + "a Thread subclass overrides run(); then small batches of short-lived threads until the end.");
        run.watch("jvm_thread_started_total{jvm_thread_daemon=\"false\",jvm_thread_virtual=\"false\"}",
                "goes up by one for every start()", Panel.OVERVIEW);
        run.watch("jvm_thread_lifetime_seconds_count", "one more each time a thread ends, with how long it lived",
                Panel.THREADS);

        int started = 0;

        // 1. A task with one argument: the lambda captures it.
        String greeting = "hello from a thread";
        Thread echo = new Thread(() -> {
            run.say("%s: %s", Thread.currentThread().getName(), greeting);
            pause(100);
        }, "echo");
        run.say("main: created '%s', isAlive() = %s (NEW: created, not started)", echo.getName(), echo.isAlive());
        echo.start();
        started++;
        run.say("main: started it, isAlive() = %s", echo.isAlive());
        echo.join();
        run.say("main: joined it (waited for it to end), isAlive() = %s", echo.isAlive());

        // 2. Several threads, each with a name and its own arguments.
        List<Thread> workers = new ArrayList<>();
        for (int i = 1; i <= run.threads(); i++) {
            String item = "order-" + i;
            int quantity = i * 10;
            workers.add(new Thread(() -> pack(run, item, quantity), "packer-" + i));
        }
        for (Thread t : workers) {
            t.start();
            started++;
        }
        run.say("main: started %d packers; they run at the same time, so their lines come in any order", workers.size());
        for (Thread t : workers) {
            t.join();
        }
        run.say("main: joined all %d packers", workers.size());

        // 3. A Thread subclass that overrides run().
        Countdown countdown = new Countdown(run, 3);
        countdown.start();
        started++;
        countdown.join();

        // 4. Until the end: batches of short-lived threads, so the start rate shows on the dashboard.
        int batches = 0;
        int quiet = 0;
        while (!run.deadline().passed()) {
            List<Thread> batch = new ArrayList<>();
            for (int i = 1; i <= run.threads(); i++) {
                int seed = i;
                batch.add(new Thread(() -> Workers.crunch(seed, 200_000), "batch-" + i));
            }
            for (Thread t : batch) {
                t.start();
                quiet++;
            }
            for (Thread t : batch) {
                t.join();
            }
            batches++;
            run.deadline().sleepAtMost(250);
        }
        started += quiet;
        run.result("started %d threads in all (%d of them in %d quiet batches), every one joined", started, quiet,
                batches);
    }

    private static void pack(Run run, String item, int quantity) {
        run.say("%s: packing %d x %s", Thread.currentThread().getName(), quantity, item);
        pause(50 + quantity);
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The other way to give a thread its work: extend Thread and override run(). */
    private static final class Countdown extends Thread {
        private final Run run;
        private final int from;

        Countdown(Run run, int from) {
            super("countdown");
            this.run = run;
            this.from = from;
        }

        @Override
        public void run() {
            for (int i = from; i > 0; i--) {
                run.say("%s (a Thread subclass): %d", getName(), i);
                pause(100);
            }
        }
    }
}
