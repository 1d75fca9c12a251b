package dev.threadlens.demo.scenarios;

import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * One thread, the "traveller", walks through every {@link Thread.State}, staying in each for a
 * sixth of the duration while main (which only ever sleeps, so it stays TIMED_WAITING) reports
 * it. BLOCKED is a monitor main holds; WAITING is {@code Object.wait()}; TIMED_WAITING is
 * {@code Thread.sleep}.
 */
public final class LifecycleScenario implements Scenario {

    private static final int STAGES = 6;

    private final Object gate = new Object();
    private final Object bell = new Object();
    private boolean rung; // guarded by bell
    private volatile Thread.State stage = Thread.State.NEW;

    @Override
    public String name() {
        return "lifecycle";
    }

    @Override
    public String summary() {
        return "one thread through NEW, RUNNABLE, BLOCKED, WAITING, TIMED_WAITING and TERMINATED";
    }

    @Override
    public void run(Run run) throws Exception {
        long stageMillis = Math.max(200, run.duration().toMillis() / STAGES);
        synchronized (bell) { // the same instance runs again in 'all --loop'
            rung = false;
        }
        stage = Thread.State.NEW;
        run.title("the life of a thread, state by state");
        run.concept("A thread is NEW until started, RUNNABLE while it runs (or could), BLOCKED entering a monitor "
                + "another thread holds, WAITING or TIMED_WAITING for a signal or the clock, TERMINATED once run() ends.");
        run.happens("The thread 'traveller' spends " + stageMillis + " ms in each state; main reports each one "
                + "(main itself only sleeps, so it stays TIMED_WAITING).");
        run.watch("jvm_thread_count{jvm_thread_state=...,jvm_thread_daemon=\"false\"}",
                "one more thread in runnable, then blocked, waiting, timed_waiting (NEW and TERMINATED threads are "
                        + "not live: see jvm_thread_started_total and jvm_thread_terminated_total)", Panel.THREADS);
        run.watch("jvm_lock_wait_seconds{jvm_lock_type=\"monitor\"}, jvm_sync_wait_seconds{jvm_sync_type=\"object_wait\"|\"sleep\"}",
                "the BLOCKED, WAITING and TIMED_WAITING stretches, from JFR", Panel.LOCKS);

        Thread traveller = new Thread(() -> travel(stageMillis), "traveller");
        report(run, traveller, Thread.State.NEW, "created, start() not called yet");
        Thread.sleep(stageMillis);

        stage = Thread.State.RUNNABLE;
        traveller.start();
        awaitState(traveller, Thread.State.RUNNABLE);
        report(run, traveller, Thread.State.RUNNABLE, "started and spinning on the CPU");
        Thread.sleep(stageMillis);

        synchronized (gate) {
            stage = Thread.State.BLOCKED;
            awaitState(traveller, Thread.State.BLOCKED);
            report(run, traveller, Thread.State.BLOCKED, "wants the monitor 'gate', which main holds");
            Thread.sleep(stageMillis);
        }

        awaitState(traveller, Thread.State.WAITING);
        report(run, traveller, Thread.State.WAITING, "in bell.wait(), until main calls bell.notify()");
        Thread.sleep(stageMillis);
        synchronized (bell) {
            rung = true;
            bell.notifyAll();
        }

        awaitState(traveller, Thread.State.TIMED_WAITING);
        report(run, traveller, Thread.State.TIMED_WAITING, "in Thread.sleep(), a wait with a time limit");
        Thread.sleep(stageMillis);
        stage = Thread.State.TERMINATED;

        traveller.join();
        report(run, traveller, Thread.State.TERMINATED, "run() returned; it cannot be started again");
        Thread.sleep(stageMillis);
        run.result("the traveller went through all %d states; jvm_thread_started_total and "
                + "jvm_thread_terminated_total each counted it once", STAGES);
    }

    /** The traveller's side: each step moves it into the next state. */
    private void travel(long stageMillis) {
        while (stage == Thread.State.RUNNABLE) {
            Thread.onSpinWait(); // RUNNABLE: busy on a CPU
        }
        synchronized (gate) { // BLOCKED until main leaves its synchronized (gate) block
            stage = Thread.State.WAITING;
        }
        synchronized (bell) {
            while (!rung) {
                try {
                    bell.wait(); // WAITING, no time limit
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
        while (stage != Thread.State.TERMINATED) {
            try {
                Thread.sleep(Math.min(50, stageMillis)); // TIMED_WAITING
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static void report(Run run, Thread t, Thread.State expected, String why) {
        run.say("state: %s (getState() = %s): %s", expected, t.getState(), why);
    }

    private static void awaitState(Thread t, Thread.State state) throws InterruptedException {
        while (t.getState() != state) {
            Thread.sleep(5);
        }
    }
}
