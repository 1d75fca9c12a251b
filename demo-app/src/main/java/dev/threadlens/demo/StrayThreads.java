package dev.threadlens.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Finds the non-daemon threads a scenario started and left running: each one would keep the
 * JVM from exiting. Daemon threads are fine (the deadlock scenarios leave some on purpose).
 */
final class StrayThreads {

    private static final long GRACE_MILLIS = 2_000;

    private StrayThreads() {
    }

    static Set<Thread> snapshot() {
        return Set.copyOf(Thread.getAllStackTraces().keySet());
    }

    /** Names of non-daemon threads alive now that were not in {@code before}, after a short grace period. */
    static List<String> since(Set<Thread> before) throws InterruptedException {
        long deadline = System.nanoTime() + GRACE_MILLIS * 1_000_000;
        List<Thread> stray = find(before);
        while (!stray.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
            stray = find(before);
        }
        List<String> names = new ArrayList<>();
        for (Thread t : stray) {
            names.add(t.getName());
        }
        return names;
    }

    private static List<Thread> find(Set<Thread> before) {
        List<Thread> stray = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (!t.isDaemon() && t.isAlive() && t != Thread.currentThread() && !before.contains(t)) {
                stray.add(t);
            }
        }
        return stray;
    }
}
