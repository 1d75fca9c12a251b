package dev.threadlens.demo.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Plain helpers for the scenarios' threads: start a named thread whose body may be interrupted
 * (an interrupt means "stop now", so the body simply ends), join a group, sleep a random while.
 * No synchronisation primitive is created here: those live in the scenario classes, so that the
 * agent names their sites after the scenario.
 */
final class Workers {

    /** A thread body that may be interrupted while sleeping or waiting. */
    @FunctionalInterface
    interface Body {
        void run() throws InterruptedException;
    }

    private Workers() {
    }

    /** Starts a non-daemon thread named {@code name}. */
    static Thread start(String name, Body body) {
        return start(name, false, body);
    }

    static Thread start(String name, boolean daemon, Body body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (InterruptedException e) {
                // asked to stop: end quietly, the interrupt has done its job
            }
        }, name);
        t.setDaemon(daemon);
        t.start();
        return t;
    }

    /** Starts {@code count} threads named {@code prefix-1..count}; {@code body} gets the 0-based index. */
    static List<Thread> startAll(String prefix, int count, IndexedBody body) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int index = i;
            threads.add(start(prefix + "-" + (i + 1), () -> body.run(index)));
        }
        return threads;
    }

    /** A body that knows which of the group it is. */
    @FunctionalInterface
    interface IndexedBody {
        void run(int index) throws InterruptedException;
    }

    static void joinAll(List<Thread> threads) throws InterruptedException {
        for (Thread t : threads) {
            t.join();
        }
    }

    static void interruptAll(List<Thread> threads) {
        for (Thread t : threads) {
            t.interrupt();
        }
    }

    /** Sleeps a random time in {@code [min, max]} milliseconds. */
    static void sleepRandom(long min, long max) throws InterruptedException {
        Thread.sleep(ThreadLocalRandom.current().nextLong(min, max + 1));
    }

    /** Some CPU work whose result must be used (so the JIT cannot drop it). */
    static long crunch(long seed, int rounds) {
        long x = seed | 1;
        for (int i = 0; i < rounds; i++) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
        }
        return x;
    }
}
