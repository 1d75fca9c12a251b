package dev.threadlens.demo.scenarios;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;

import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * Atomic operations: an operation no other thread can see half done. {@code counter++} is not
 * one; {@link AtomicLong#incrementAndGet()} is (a single compare-and-swap instruction, retried
 * if another thread got there first), and never blocks. Compared here with no protection, a
 * monitor, a lock, and a {@link LongAdder} (a counter striped across cells to avoid contention).
 */
public final class AtomicScenario implements Scenario {

    private static final int INCREMENTS = 100_000;

    private volatile long plain;
    private long guarded; // guarded by this (synchronized) in the monitor variant, by lock in the lock variant
    private final ReentrantLock lock = new ReentrantLock();
    private final AtomicLong atomic = new AtomicLong();
    private final LongAdder adder = new LongAdder();
    private final AtomicLong casRetries = new AtomicLong();

    @Override
    public String name() {
        return "atomic";
    }

    @Override
    public String summary() {
        return "atomic operations vs a lock vs nothing: correct counts and throughput";
    }

    @Override
    public int minThreads() {
        return 2;
    }

    @Override
    public void run(Run run) throws Exception {
        int n = run.threads();
        long expected = (long) n * INCREMENTS;
        run.title("atomic operations vs locks vs nothing");
        run.concept("An atomic operation cannot be seen half done. counter++ is three steps; AtomicLong does it in "
                + "one compare-and-swap, retried when another thread won, and never blocks.");
        run.happens(n + " threads add " + INCREMENTS + " each, six ways: nothing, synchronized, ReentrantLock, "
                + "AtomicLong.incrementAndGet, a compareAndSet loop, LongAdder; round after round until the end.");
        run.watch("jvm_lock_wait_seconds{jvm_lock_type=\"reentrant_lock\"|\"monitor\"}",
                "only the lock and synchronized rounds wait; the atomics never block", Panel.LOCKS);

        Map<String, Runnable> ways = new LinkedHashMap<>();
        ways.put("nothing (counter++)", () -> {
            for (int i = 0; i < INCREMENTS; i++) {
                plain++;
            }
        });
        ways.put("synchronized", () -> {
            for (int i = 0; i < INCREMENTS; i++) {
                synchronized (this) {
                    guarded++;
                }
            }
        });
        ways.put("ReentrantLock", () -> {
            for (int i = 0; i < INCREMENTS; i++) {
                lock.lock();
                try {
                    guarded++;
                } finally {
                    lock.unlock();
                }
            }
        });
        ways.put("AtomicLong.incrementAndGet", () -> {
            for (int i = 0; i < INCREMENTS; i++) {
                atomic.incrementAndGet();
            }
        });
        ways.put("compareAndSet loop", () -> {
            for (int i = 0; i < INCREMENTS; i++) {
                long seen = atomic.get();
                while (!atomic.compareAndSet(seen, seen + 1)) { // another thread won: read again, retry
                    casRetries.incrementAndGet();
                    seen = atomic.get();
                }
            }
        });
        ways.put("LongAdder.increment", () -> {
            for (int i = 0; i < INCREMENTS; i++) {
                adder.increment();
            }
        });

        Map<String, Double> bestRate = new LinkedHashMap<>();
        Map<String, Boolean> alwaysExact = new LinkedHashMap<>();
        long lost = 0;
        int rounds = 0;
        do {
            rounds++;
            for (Map.Entry<String, Runnable> way : ways.entrySet()) {
                reset();
                long start = System.nanoTime();
                race(n, way.getValue());
                double seconds = (System.nanoTime() - start) / 1e9;
                long total = total(way.getKey());
                bestRate.merge(way.getKey(), expected / seconds, Math::max);
                alwaysExact.merge(way.getKey(), total == expected, Boolean::logicalAnd);
                if (way.getKey().startsWith("nothing")) {
                    lost += expected - total;
                }
            }
        } while (!run.deadline().passed());
        for (String way : ways.keySet()) {
            run.say("%-28s exact every round: %-5s  best %6.1f M increments/s", way, alwaysExact.get(way),
                    bestRate.get(way) / 1e6);
        }
        boolean safeExact = true;
        for (Map.Entry<String, Boolean> e : alwaysExact.entrySet()) {
            if (!e.getKey().startsWith("nothing")) {
                safeExact &= e.getValue();
            }
        }
        run.result("in %d rounds 'nothing' lost %d increments; every other way was exact: %s; the compareAndSet "
                + "loop retried %d times instead of blocking", rounds, lost, safeExact, casRetries.get());
    }

    private void reset() {
        plain = 0;
        synchronized (this) {
            guarded = 0;
        }
        atomic.set(0);
        adder.reset();
    }

    private long total(String way) {
        if (way.startsWith("nothing")) {
            return plain;
        }
        if (way.equals("synchronized") || way.equals("ReentrantLock")) {
            synchronized (this) {
                return guarded;
            }
        }
        if (way.startsWith("LongAdder")) {
            return adder.sum();
        }
        return atomic.get();
    }

    private static void race(int n, Runnable work) throws InterruptedException {
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> threads = Workers.startAll("adder", n, i -> {
            go.await();
            work.run();
        });
        go.countDown();
        Workers.joinAll(threads);
    }
}
