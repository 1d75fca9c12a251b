package dev.threadlens.demo.scenarios;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * Thread interference: {@code counter++} is three steps (read, add, write). When a thread is
 * switched out between its read and its write, another thread's increments in between are
 * overwritten and lost. The same work under a lock, and with an atomic, is exact.
 */
public final class RaceScenario implements Scenario {

    private static final int INCREMENTS = 200_000;

    private volatile long unsafeCounter;
    private long lockedCounter; // guarded by lock
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong atomicCounter = new AtomicLong();

    @Override
    public String name() {
        return "race";
    }

    @Override
    public String summary() {
        return "thread interference: an unsynchronized counter loses updates; with a lock or an atomic it is exact";
    }

    @Override
    public int minThreads() {
        return 2;
    }

    @Override
    public void run(Run run) throws Exception {
        int n = run.threads();
        long expected = (long) n * INCREMENTS;
        run.title("thread interference (a race condition on a shared counter)");
        run.concept("Threads share memory, and counter++ is read, add, write: a thread switched out between its "
                + "read and its write overwrites what the others did meanwhile.");
        run.happens(n + " threads each add 1 to a shared counter " + INCREMENTS + " times: without any lock, "
                + "then under a ReentrantLock, then with an AtomicLong; round after round until the end.");
        run.watch("jvm_lock_wait_seconds_count{jvm_lock_type=\"reentrant_lock\"}",
                "the lock round's contended acquisitions (the unsynchronized round waits for nothing, and is wrong)",
                Panel.LOCKS);

        long lost = 0;
        int rounds = 0;
        boolean exact = true;
        do {
            rounds++;
            unsafeCounter = 0;
            race(n, this::addUnsafely);
            long unsafe = unsafeCounter;
            lockedCounter = 0;
            race(n, this::addWithLock);
            long locked;
            lock.lock();
            try {
                locked = lockedCounter;
            } finally {
                lock.unlock();
            }
            atomicCounter.set(0);
            race(n, () -> {
                for (int i = 0; i < INCREMENTS; i++) {
                    atomicCounter.incrementAndGet();
                }
            });
            long atomic = atomicCounter.get();
            lost += expected - unsafe;
            exact &= locked == expected && atomic == expected;
            run.say("round %d: expected %d; unsynchronized %d (lost %d), with a lock %d, atomic %d", rounds, expected,
                    unsafe, expected - unsafe, locked, atomic);
            run.deadline().sleepAtMost(500);
        } while (!run.deadline().passed());
        run.result("unsynchronized lost %d updates in %d rounds; with the lock and with the atomic the count was %s",
                lost, rounds, exact ? "exact every time" : "NOT exact (this should never happen)");
    }

    private void addUnsafely() {
        for (int i = 0; i < INCREMENTS; i++) {
            long seen = unsafeCounter; // read
            if ((i & 0x3FFF) == 0) {
                Thread.yield(); // now and then, be switched out between the read and the write
            }
            unsafeCounter = seen + 1; // write: whatever others added since the read is lost
        }
    }

    private void addWithLock() {
        for (int i = 0; i < INCREMENTS; i++) {
            lock.lock();
            try {
                lockedCounter++;
            } finally {
                lock.unlock();
            }
        }
    }

    /** Runs {@code work} on {@code n} threads that all start at the same moment. */
    private static void race(int n, Runnable work) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> racers = Workers.startAll("racer", n, i -> {
            go.await();
            work.run();
        });
        go.countDown();
        Workers.joinAll(racers);
    }
}
