package dev.threadlens.demo.scenarios;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;

import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * Events: threads wait until another thread says "go". A one-shot event is a
 * {@link CountDownLatch} of one; a resettable event (set, clear, wait) is a few lines on top of
 * a monitor's {@code wait()}/{@code notifyAll()}.
 */
public final class EventScenario implements Scenario {

    @Override
    public String name() {
        return "event";
    }

    @Override
    public String summary() {
        return "wait for a signal: a one-shot event (CountDownLatch) and a resettable one (set/clear/wait)";
    }

    @Override
    public int defaultThreads() {
        return 3;
    }

    @Override
    public void run(Run run) throws Exception {
        run.title("events: waiting for another thread's signal");
        run.concept("An event is a flag threads can wait on: they block until another thread sets it. A one-shot "
                + "event never goes back; a resettable one can be cleared and set again.");
        run.happens(run.threads() + " runners wait for a starting gun (a CountDownLatch) fired after a delay; then "
                + "cars wait at a traffic light (an event set to green and cleared to red) until the end.");
        run.watch("jvm_sync_wait_seconds{jvm_sync_type=\"latch\"}", "the runners waiting for the gun", Panel.LOCKS);
        run.watch("jvm_sync_signals_total{jvm_sync_type=\"latch\",kind=\"count_down\"}", "the gun", Panel.LOCKS);
        run.watch("jvm_sync_wait_seconds{jvm_sync_type=\"object_wait\"}", "cars waiting for green (from JFR)",
                Panel.LOCKS);

        // A one-shot event: the starting gun.
        CountDownLatch startingGun = new CountDownLatch(1);
        long start = System.nanoTime();
        long[] firedAt = {0};
        List<Thread> runners = Workers.startAll("runner", run.threads(), i -> {
            startingGun.await();
            run.say("%s: off, %d ms after the gun", Thread.currentThread().getName(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firedAt[0]));
        });
        long delay = Math.max(200, run.duration().toMillis() / 5);
        run.say("starter: everyone waits on startingGun.await(); firing in %d ms", delay);
        Thread.sleep(delay);
        firedAt[0] = System.nanoTime(); // written before countDown(), which publishes it to the runners
        run.say("starter: bang (countDown()), %d ms after the start", TimeUnit.NANOSECONDS.toMillis(firedAt[0] - start));
        startingGun.countDown();
        Workers.joinAll(runners);

        // A resettable event: a traffic light.
        ResettableEvent green = new ResettableEvent();
        AtomicIntegerArray crossings = new AtomicIntegerArray(2);
        List<Thread> cars = Workers.startAll("car", 2, i -> {
            while (!run.deadline().passed()) {
                if (green.await(200)) {
                    crossings.incrementAndGet(i);
                    Thread.sleep(40); // crossing
                }
            }
        });
        int cycles = 0;
        while (!run.deadline().passed()) {
            green.clear();
            run.deadline().sleepAtMost(400); // red
            green.set();
            run.deadline().sleepAtMost(200); // green
            cycles++;
        }
        green.set(); // let anyone still waiting go home
        Workers.joinAll(cars);
        run.result("%d runners started on one signal; the light went green %d times and the cars crossed %s times",
                run.threads(), cycles, crossings);
    }

    /** An event that can be set, cleared and waited for, on a monitor. */
    static final class ResettableEvent {
        private boolean set; // guarded by this

        synchronized void set() {
            set = true;
            notifyAll(); // wake every waiter: they all may go
        }

        synchronized void clear() {
            set = false;
        }

        /** Waits until set or the time is up; true if set. */
        synchronized boolean await(long timeoutMillis) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (!set) { // a loop: wake-ups can be spurious, and the event may be cleared again
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    return false;
                }
                wait(left);
            }
            return true;
        }
    }
}
