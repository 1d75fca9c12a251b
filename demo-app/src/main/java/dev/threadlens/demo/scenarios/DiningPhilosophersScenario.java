package dev.threadlens.demo.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.ReentrantLock;

import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * The dining philosophers: five at a round table, a fork between each pair, two forks to eat.
 * If everyone picks up the left fork first, everyone can end up holding one and waiting for the
 * other forever: a deadlock. Taking the lower-numbered fork first (resource ordering), or a
 * waiter who seats at most four at a time, makes a cycle impossible.
 */
public final class DiningPhilosophersScenario implements Scenario {

    @Override
    public String name() {
        return "dining-philosophers";
    }

    @Override
    public String summary() {
        return "five philosophers, five forks: --mode deadlock deadlocks; ordered and waiter never do";
    }

    @Override
    public List<String> modes() {
        return List.of("deadlock", "ordered", "waiter");
    }

    @Override
    public List<String> modesInAll() {
        return modes();
    }

    @Override
    public int defaultThreads() {
        return 5;
    }

    @Override
    public int minThreads() {
        return 2;
    }

    @Override
    public void run(Run run) throws Exception {
        int n = run.threads();
        ReentrantLock[] forks = new ReentrantLock[n];
        for (int i = 0; i < n; i++) {
            forks[i] = new ReentrantLock();
        }
        Semaphore waiter = new Semaphore(n - 1, true);
        CountDownLatch everyoneHoldsLeft = new CountDownLatch(n);
        AtomicIntegerArray meals = new AtomicIntegerArray(n);
        boolean deadlock = run.mode().equals("deadlock");

        run.title("the dining philosophers");
        run.concept("Philosophers are threads, forks are locks, and each needs two locks. A deadlock needs a cycle of "
                + "threads, each holding a lock the next one wants; break the cycle and it cannot happen.");
        switch (run.mode()) {
            case "deadlock":
                run.happens(n + " philosophers all pick up their left fork at the same moment, then reach for the right "
                        + "one, which their neighbour holds: nobody ever eats. They wait with lockInterruptibly() and are "
                        + "daemon threads, so at the end an interrupt breaks the cycle and the JVM can exit.");
                run.watch("jvm_deadlock_threads{kind=\"lock\"}", n + " threads in one cycle", Panel.OVERVIEW);
                run.watch("jvm_deadlocks_detected_total", "the cycle, found once", Panel.LOCKS);
                break;
            case "ordered":
                run.happens(n + " philosophers eat and think until the end; each picks up the lower-numbered of their "
                        + "two forks first, so the last one reaches the other way and no cycle can form.");
                run.watch("jvm_lock_wait_seconds{jvm_lock_type=\"reentrant_lock\"}", "waiting for forks: contention, "
                        + "but it always ends", Panel.LOCKS);
                run.watch("jvm_deadlock_threads", "stays 0", Panel.OVERVIEW);
                break;
            default:
                run.happens(n + " philosophers eat and think until the end; a waiter (a semaphore of " + (n - 1)
                        + " permits) lets at most " + (n - 1) + " sit at once, so one fork is always free.");
                run.watch("jvm_lock_wait_seconds{jvm_lock_type=\"semaphore\"}", "waiting for a seat", Panel.LOCKS);
                run.watch("jvm_deadlock_threads", "stays 0", Panel.OVERVIEW);
                break;
        }

        List<Thread> philosophers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int seat = i;
            ReentrantLock left = forks[seat];
            ReentrantLock right = forks[(seat + 1) % n];
            Workers.Body body;
            if (deadlock) {
                body = () -> {
                    left.lockInterruptibly();
                    try {
                        everyoneHoldsLeft.countDown();
                        everyoneHoldsLeft.await(); // make the unlucky timing certain: all hold their left fork
                        right.lockInterruptibly(); // held by the neighbour, who waits for theirs: forever
                        try {
                            if (!run.deadline().passed()) { // a fork freed by the final interrupt is too late
                                meals.incrementAndGet(seat);
                            }
                        } finally {
                            right.unlock();
                        }
                    } finally {
                        left.unlock();
                    }
                };
            } else if (run.mode().equals("ordered")) {
                ReentrantLock first = seat < (seat + 1) % n ? left : right;
                ReentrantLock second = first == left ? right : left;
                body = () -> {
                    while (!run.deadline().passed()) {
                        Workers.sleepRandom(5, 25); // thinking
                        first.lockInterruptibly();
                        try {
                            second.lockInterruptibly();
                            try {
                                Workers.sleepRandom(5, 25); // eating
                                meals.incrementAndGet(seat);
                            } finally {
                                second.unlock();
                            }
                        } finally {
                            first.unlock();
                        }
                    }
                };
            } else {
                body = () -> {
                    while (!run.deadline().passed()) {
                        Workers.sleepRandom(5, 25); // thinking
                        waiter.acquire();
                        try {
                            left.lockInterruptibly();
                            try {
                                right.lockInterruptibly();
                                try {
                                    Workers.sleepRandom(5, 25); // eating
                                    meals.incrementAndGet(seat);
                                } finally {
                                    right.unlock();
                                }
                            } finally {
                                left.unlock();
                            }
                        } finally {
                            waiter.release();
                        }
                    }
                };
            }
            philosophers.add(Workers.start("philosopher-" + (seat + 1), deadlock, body));
        }

        if (deadlock) {
            boolean stuck = Deadlocks.awaitAll(philosophers, run.deadline());
            run.say("every philosopher holds the left fork and waits for the right one; the JVM agrees: "
                    + "ThreadMXBean.findDeadlockedThreads() lists all %d = %s", n, stuck);
            run.deadline().sleepUntil();
            run.say("time is up: interrupting the philosophers; lockInterruptibly() gives up and each puts the fork down");
            Workers.interruptAll(philosophers);
        } else {
            while (!run.deadline().passed()) {
                run.deadline().sleepAtMost(2_000);
                run.say("meals so far %s", meals);
            }
        }
        Workers.joinAll(philosophers);
        run.result("meals per philosopher %s%s", meals, deadlock ? ": nobody ate, the table was deadlocked" : "");
    }
}
