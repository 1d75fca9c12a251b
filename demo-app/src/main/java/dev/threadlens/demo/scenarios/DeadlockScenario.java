package dev.threadlens.demo.scenarios;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * Two ways for threads to get stuck for good. {@code monitor} and {@code lock}: two transfers
 * take the same two account locks in opposite order, and each ends up holding the lock the other
 * wants. {@code abandoned}: a thread dies while holding a lock (no try/finally), so the lock is
 * never released and everyone after it waits in vain, the Java cousin of killing a thread that
 * holds Python's GIL.
 */
public final class DeadlockScenario implements Scenario {

    /**
     * A deadlock on {@code synchronized} can never be broken; its daemon threads stay until the
     * JVM exits. Keep at most one such pair per JVM, so that {@code all --loop} does not pile them up.
     */
    private static Thread[] monitorPair;

    @Override
    public String name() {
        return "deadlock";
    }

    @Override
    public String summary() {
        return "two locks taken in opposite order (--mode monitor|lock), and a lock held by a dead thread (abandoned)";
    }

    @Override
    public List<String> modes() {
        return List.of("monitor", "lock", "abandoned");
    }

    @Override
    public List<String> modesInAll() {
        return List.of("monitor", "abandoned");
    }

    @Override
    public void run(Run run) throws Exception {
        switch (run.mode()) {
            case "lock":
                oppositeOrderOnLocks(run);
                break;
            case "abandoned":
                abandoned(run);
                break;
            default:
                oppositeOrderOnMonitors(run);
                break;
        }
    }

    private static void introduceOppositeOrder(Run run, String how, String kind) {
        run.title("a deadlock: two locks taken in opposite order (" + how + ")");
        run.concept("Thread 1 takes lock A then B; thread 2 takes B then A. If each gets its first lock, each waits "
                + "for the other's forever. Always taking locks in one global order prevents it.");
        run.watch("jvm_deadlock_threads{kind=\"" + kind + "\"}", "the 2 threads in the cycle", Panel.OVERVIEW);
        run.watch("jvm_deadlocks_detected_total{kind=\"" + kind + "\"}", "the cycle, found once", Panel.LOCKS);
    }

    private static void oppositeOrderOnMonitors(Run run) throws InterruptedException {
        introduceOppositeOrder(run, "synchronized", "monitor");
        run.happens("transfer alice->bob holds alice's monitor and wants bob's; transfer bob->alice holds bob's and "
                + "wants alice's. A deadlock on synchronized cannot be broken, not even by interrupt(): the two are "
                + "daemon threads, so they stay stuck until the JVM exits, and do not stop it from exiting.");
        Thread[] pair;
        synchronized (DeadlockScenario.class) {
            if (monitorPair == null) {
                Account alice = new Account("alice");
                Account bob = new Account("bob");
                CountDownLatch bothHoldTheirFirst = new CountDownLatch(2);
                monitorPair = new Thread[] {
                    Workers.start("transfer-alice-to-bob", true, () -> transferOnMonitors(alice, bob, bothHoldTheirFirst)),
                    Workers.start("transfer-bob-to-alice", true, () -> transferOnMonitors(bob, alice, bothHoldTheirFirst))};
            } else {
                run.say("the pair deadlocked in an earlier run is still stuck (nothing can free it); showing it again");
            }
            pair = monitorPair;
        }
        reportCycle(run, pair);
        run.deadline().sleepUntil();
        run.result("the two transfers are still BLOCKED (%s, %s) and will be until the JVM exits; nothing was moved",
                pair[0].getState(), pair[1].getState());
    }

    private static void transferOnMonitors(Account from, Account to, CountDownLatch bothHoldTheirFirst)
            throws InterruptedException {
        synchronized (from) {
            bothHoldTheirFirst.countDown();
            bothHoldTheirFirst.await(); // make the bad timing certain
            synchronized (to) {
                from.balance -= 10;
                to.balance += 10;
            }
        }
    }

    private static void oppositeOrderOnLocks(Run run) throws InterruptedException {
        introduceOppositeOrder(run, "ReentrantLock", "lock");
        run.happens("The same two transfers on ReentrantLocks taken with lockInterruptibly(): at the end an interrupt "
                + "makes them give up, the finally blocks release the locks, and the cycle is gone.");
        ReentrantLock alice = new ReentrantLock();
        ReentrantLock bob = new ReentrantLock();
        CountDownLatch bothHoldTheirFirst = new CountDownLatch(2);
        Thread[] pair = {
            Workers.start("transfer-alice-to-bob", true, () -> transferOnLocks(alice, bob, bothHoldTheirFirst)),
            Workers.start("transfer-bob-to-alice", true, () -> transferOnLocks(bob, alice, bothHoldTheirFirst))};
        reportCycle(run, pair);
        run.deadline().sleepUntil();
        run.say("time is up: interrupting both; lockInterruptibly() throws and each releases what it holds");
        for (Thread t : pair) {
            t.interrupt();
        }
        for (Thread t : pair) {
            t.join();
        }
        run.result("the deadlock lasted until the interrupt; both threads have ended (alive: %s, %s)",
                pair[0].isAlive(), pair[1].isAlive());
    }

    private static void transferOnLocks(ReentrantLock from, ReentrantLock to, CountDownLatch bothHoldTheirFirst)
            throws InterruptedException {
        from.lockInterruptibly();
        try {
            bothHoldTheirFirst.countDown();
            bothHoldTheirFirst.await();
            to.lockInterruptibly();
            to.unlock();
        } finally {
            from.unlock();
        }
    }

    /** Waits until the JVM itself reports the pair as deadlocked, then says who waits for whom. */
    private static void reportCycle(Run run, Thread[] pair) throws InterruptedException {
        boolean found = Deadlocks.awaitAll(List.of(pair), run.deadline());
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        for (Thread t : pair) {
            ThreadInfo info = mx.getThreadInfo(t.getId());
            if (info != null) {
                run.say("%s is %s on %s, held by %s", t.getName(), info.getThreadState(), info.getLockName(),
                        info.getLockOwnerName());
            }
        }
        run.say("the JVM agrees: ThreadMXBean.findDeadlockedThreads() lists both = %s", found);
    }

    private static void abandoned(Run run) throws InterruptedException {
        run.title("a lock held by a thread that died");
        run.concept("A thread that dies holding a lock (an exception, and no unlock() in finally) never releases it: "
                + "every later lock() waits forever, with no cycle for a deadlock detector to find.");
        run.happens("'careless-worker' locks the ledger and dies of an exception. Two clerks try the ledger with "
                + "tryLock(300 ms) and give up again and again; 'patient-clerk' waits in lock() until interrupted at the end.");
        run.watch("jvm_thread_uncaught_exceptions_total{error_type=\"java.lang.IllegalStateException\"}",
                "the worker's death", Panel.THREADS);
        run.watch("jvm_lock_timeouts_total{jvm_lock_type=\"reentrant_lock\"}", "the clerks giving up", Panel.LOCKS);
        run.watch("jvm_thread_stuck_count", "the patient clerk, once it has waited long enough", Panel.OVERVIEW);

        ReentrantLock ledger = new ReentrantLock();
        Thread careless = new Thread(() -> {
            ledger.lock(); // and no try/finally: the bug
            throw new IllegalStateException("crashed while holding the ledger lock");
        }, "careless-worker");
        careless.setUncaughtExceptionHandler((t, e) -> run.say("%s died: %s", t.getName(), e));
        careless.start();
        careless.join();
        run.say("ledger.isLocked() = %s, by a thread that is gone: %s", ledger.isLocked(), ledger);

        AtomicInteger gaveUp = new AtomicInteger();
        List<Thread> clerks = new ArrayList<>(Workers.startAll("clerk", 2, i -> {
            while (!run.deadline().passed()) {
                if (ledger.tryLock(300, TimeUnit.MILLISECONDS)) {
                    ledger.unlock(); // never happens: the owner is dead
                } else {
                    gaveUp.incrementAndGet();
                }
            }
        }));
        long start = System.nanoTime();
        Thread patient = Workers.start("patient-clerk", () -> {
            ledger.lockInterruptibly();
            ledger.unlock();
        });
        run.deadline().sleepUntil();
        run.say("time is up: interrupting the patient clerk, still waiting (%s)", patient.getState());
        patient.interrupt();
        patient.join();
        Workers.joinAll(clerks);
        run.result("the ledger stayed locked by a dead thread: timed tryLock() gave up %d times, the patient clerk "
                + "waited %d s; the fix is lock(); try { ... } finally { unlock(); }", gaveUp.get(),
                TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start));
    }

    /** A bank account; its monitor is the lock a transfer takes. */
    private static final class Account {
        private final String owner;
        private long balance = 100;

        Account(String owner) {
            this.owner = owner;
        }

        @Override
        public String toString() {
            return "account of " + owner;
        }
    }
}
