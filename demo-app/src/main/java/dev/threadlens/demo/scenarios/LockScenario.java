package dev.threadlens.demo.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.ReentrantLock;

import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * Mutual exclusion with a {@link ReentrantLock}: {@code lock()}/{@code unlock()} in
 * try/finally, {@code tryLock()} that never waits, {@code tryLock(timeout)} that gives up, and
 * {@code isLocked()}. The story: one shared printer, several clerks. Beside them two bookkeepers
 * share a ledger through {@code synchronized}, the lock built into every object, which has no
 * {@code tryLock} and no timeout.
 */
public final class LockScenario implements Scenario {

    @Override
    public String name() {
        return "lock";
    }

    @Override
    public String summary() {
        return "mutual exclusion: lock/unlock in try/finally, tryLock() and tryLock(timeout), isLocked(); synchronized";
    }

    @Override
    public int defaultThreads() {
        return 3;
    }

    @Override
    public void run(Run run) throws Exception {
        ReentrantLock printer = new ReentrantLock();
        run.title("a lock around a shared printer");
        run.concept("A lock lets one thread at a time into a critical section; unlock() goes in finally, or an "
                + "exception leaves the lock held forever. tryLock() asks without waiting, tryLock(timeout) waits a while.");
        run.happens(run.threads() + " clerks print documents one at a time; an impatient clerk uses tryLock() and does "
                + "other work when the printer is busy; a hurried one waits 15 ms at most with tryLock(timeout). "
                + "Two bookkeepers take turns at one ledger with synchronized: no tryLock there, a bookkeeper just waits.");
        run.watch("jvm_lock_wait_seconds{jvm_lock_type=\"reentrant_lock\"}", "clerks queueing for the printer",
                Panel.LOCKS);
        run.watch("jvm_lock_timeouts_total{jvm_lock_type=\"reentrant_lock\"}", "the hurried clerk giving up",
                Panel.LOCKS);
        run.watch("jvm_lock_wait_seconds{jvm_lock_type=\"monitor\"}", "the bookkeepers waiting for the ledger, from JFR",
                Panel.LOCKS);

        // First, each call once, with main holding the lock so every answer is certain.
        printer.lock();
        try {
            run.say("main holds the printer: isLocked() = %s, isHeldByCurrentThread() = %s", printer.isLocked(),
                    printer.isHeldByCurrentThread());
            Thread asker = Workers.start("asker", () -> {
                run.say("asker: tryLock() = %s, at once: busy, so do something else", printer.tryLock());
                long start = System.nanoTime();
                boolean got = printer.tryLock(200, TimeUnit.MILLISECONDS);
                run.say("asker: tryLock(200 ms) = %s after %d ms: gave up", got,
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            });
            asker.join();
        } finally {
            printer.unlock();
        }
        run.say("main released the printer: isLocked() = %s", printer.isLocked());

        // Then the office at work until the end.
        AtomicIntegerArray pages = new AtomicIntegerArray(run.threads());
        AtomicInteger otherWork = new AtomicInteger();
        AtomicInteger quickPrints = new AtomicInteger();
        AtomicInteger gaveUp = new AtomicInteger();
        Ledger ledger = new Ledger();
        List<Thread> office = new ArrayList<>(Workers.startAll("clerk", run.threads(), i -> {
            while (!run.deadline().passed()) {
                printer.lock();
                try {
                    Workers.sleepRandom(20, 60); // printing a page
                    pages.incrementAndGet(i);
                } finally {
                    printer.unlock();
                }
                Workers.sleepRandom(0, 20);
            }
        }));
        office.add(Workers.start("impatient-clerk", () -> {
            while (!run.deadline().passed()) {
                if (printer.tryLock()) {
                    try {
                        quickPrints.incrementAndGet();
                        Thread.sleep(5);
                    } finally {
                        printer.unlock();
                    }
                } else {
                    otherWork.incrementAndGet();
                }
                Thread.sleep(30);
            }
        }));
        office.add(Workers.start("hurried-clerk", () -> {
            while (!run.deadline().passed()) {
                if (printer.tryLock(15, TimeUnit.MILLISECONDS)) {
                    try {
                        quickPrints.incrementAndGet();
                        Thread.sleep(5);
                    } finally {
                        printer.unlock();
                    }
                } else {
                    gaveUp.incrementAndGet();
                }
                Thread.sleep(30);
            }
        }));
        office.addAll(Workers.startAll("bookkeeper", 2, i -> {
            while (!run.deadline().passed()) {
                ledger.enter();
                Thread.sleep(5);
            }
        }));
        while (!run.deadline().passed()) {
            run.deadline().sleepAtMost(1_000);
            run.say("main: printer isLocked() = %s, clerks waiting = %d", printer.isLocked(), printer.getQueueLength());
        }
        Workers.joinAll(office);
        run.result("pages per clerk %s; quick prints %d; the impatient clerk did other work %d times; "
                + "the hurried clerk gave up %d times; the bookkeepers made %d ledger entries", pages, quickPrints.get(),
                otherWork.get(), gaveUp.get(), ledger.entries());
    }

    /** The bookkeepers' shared book: {@code synchronized}, so one writes at a time. */
    private static final class Ledger {

        private int entries; // guarded by this

        synchronized void enter() throws InterruptedException {
            Workers.sleepRandom(20, 40); // writing an entry, while the other bookkeeper waits
            entries++;
        }

        synchronized int entries() {
            return entries;
        }
    }
}
