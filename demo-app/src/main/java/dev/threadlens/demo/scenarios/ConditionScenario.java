package dev.threadlens.demo.scenarios;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.threadlens.demo.Deadline;
import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * A condition is a waiting room attached to a lock: a thread holding the lock checks the shared
 * state, and if it must wait, {@code await()} releases the lock and sleeps until another thread
 * changes the state and calls {@code signal()}. The story: a baker and packers around a short
 * conveyor belt (a bounded buffer with "not full" and "not empty" conditions).
 */
public final class ConditionScenario implements Scenario {

    private static final int BELT_CAPACITY = 4;

    @Override
    public String name() {
        return "condition";
    }

    @Override
    public String summary() {
        return "producer/consumer on a lock with two Conditions: await() and signal()";
    }

    @Override
    public int defaultThreads() {
        return 2;
    }

    @Override
    public void run(Run run) throws Exception {
        Belt belt = new Belt(BELT_CAPACITY);
        run.title("producer and consumers on a Condition");
        run.concept("A Condition lets a thread holding a lock wait for the shared state to change: await() releases "
                + "the lock while waiting; the thread that changes the state calls signal() to wake a waiter.");
        run.happens("A baker puts loaves on a belt of " + BELT_CAPACITY + "; " + run.threads() + " packers take them. "
                + "The baker alternates fast batches (the belt fills: he awaits 'not full') with slow ones (the belt "
                + "empties: the packers await 'not empty').");
        run.watch("jvm_sync_wait_seconds{jvm_sync_type=\"condition\"}", "baker and packers waiting on the belt",
                Panel.LOCKS);
        run.watch("jvm_sync_signals_total{jvm_sync_type=\"condition\"}", "signal() calls, by kind", Panel.LOCKS);

        AtomicInteger packed = new AtomicInteger();
        AtomicLong packedSum = new AtomicLong();
        List<Thread> packers = Workers.startAll("packer", run.threads(), i -> {
            Integer loaf;
            while ((loaf = belt.take()) != null) {
                Thread.sleep(40); // wrapping it
                packed.incrementAndGet();
                packedSum.addAndGet(loaf);
            }
        });
        int baked = 0;
        long bakedSum = 0;
        boolean fast = true;
        while (!run.deadline().passed()) {
            Deadline batch = Deadline.after(Duration.ofSeconds(1));
            while (!batch.passed() && !run.deadline().passed()) {
                Thread.sleep(fast ? 5 : 150);
                baked++;
                bakedSum += baked;
                belt.put(baked);
            }
            run.say("baker: %s batch done, %d loaves so far; %d on the belt", fast ? "fast" : "slow", baked, belt.size());
            fast = !fast;
        }
        belt.close();
        Workers.joinAll(packers);
        run.result("baked %d loaves, packed %d (every loaf exactly once: %s)", baked, packed.get(),
                baked == packed.get() && bakedSum == packedSum.get());
    }

    /** A bounded buffer guarded by one lock, with a condition for each reason to wait. */
    static final class Belt {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition notFull = lock.newCondition();
        private final Condition notEmpty = lock.newCondition();
        private final Deque<Integer> loaves = new ArrayDeque<>();
        private final int capacity;
        private boolean closed; // guarded by lock

        Belt(int capacity) {
            this.capacity = capacity;
        }

        void put(int loaf) throws InterruptedException {
            lock.lock();
            try {
                while (loaves.size() == capacity) {
                    notFull.await();
                }
                loaves.addLast(loaf);
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }

        /** The next loaf, or null once the belt is closed and empty. */
        Integer take() throws InterruptedException {
            lock.lock();
            try {
                while (loaves.isEmpty() && !closed) {
                    notEmpty.await();
                }
                if (loaves.isEmpty()) {
                    return null;
                }
                Integer loaf = loaves.removeFirst();
                notFull.signal();
                return loaf;
            } finally {
                lock.unlock();
            }
        }

        void close() {
            lock.lock();
            try {
                closed = true;
                notEmpty.signalAll(); // every packer must see it
            } finally {
                lock.unlock();
            }
        }

        int size() {
            lock.lock();
            try {
                return loaves.size();
            } finally {
                lock.unlock();
            }
        }
    }
}
