package dev.threadlens.testapps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Deadlocks and hangs on command, each with its own threads (daemons, so {@code exit} works). A
 * command answers {@code ok} once every thread involved is blocked or waiting for good.
 * {@code sync2}, {@code locks3}, {@code mixed}, {@code rw}, {@code upgrade}, {@code philosophers N},
 * {@code starvation}, {@code semaphore}, {@code condition}, {@code futurelock}; and, deadlock-free,
 * {@code inversion} (two paths taking two locks in opposite orders, one after the other) and
 * {@code ordered} (the same locks always in one order).
 */
public final class DeadlockApp {

    private static final List<Object> KEEP = new ArrayList<>();

    private DeadlockApp() {
    }

    public static void main(String[] args) throws Exception {
        new CommandLoop()
                .on("sync2", a -> sync2())
                .on("locks3", a -> locks3())
                .on("mixed", a -> mixed())
                .on("rw", a -> readWrite())
                .on("upgrade", a -> upgrade())
                .on("philosophers", a -> philosophers(Integer.parseInt(a[0])))
                .on("starvation", a -> starvation())
                .on("semaphore", a -> semaphore())
                .on("condition", a -> condition())
                .on("futurelock", a -> futureLock())
                .on("inversion", a -> inversion())
                .on("ordered", a -> ordered())
                .on("traces", a -> traces())
                .run();
    }

    /** Two threads, two monitors, taken in opposite orders. */
    static void sync2() throws Exception {
        Object left = new Object();
        Object right = new Object();
        CyclicBarrier both = new CyclicBarrier(2);
        Thread a = start("sync-a", () -> {
            synchronized (left) {
                await(both);
                synchronized (right) {
                    work();
                }
            }
        });
        Thread b = start("sync-b", () -> {
            synchronized (right) {
                await(both);
                synchronized (left) {
                    work();
                }
            }
        });
        awaitStuck(a, b);
    }

    /** Three threads in a ring of three ReentrantLocks. */
    static void locks3() throws Exception {
        ReentrantLock[] locks = {new ReentrantLock(), new ReentrantLock(), new ReentrantLock()};
        CyclicBarrier all = new CyclicBarrier(3);
        Thread[] threads = new Thread[3];
        for (int i = 0; i < 3; i++) {
            ReentrantLock mine = locks[i];
            ReentrantLock next = locks[(i + 1) % 3];
            threads[i] = start("lock-" + i, () -> {
                mine.lock();
                await(all);
                next.lock();
            });
        }
        awaitStuck(threads);
    }

    /** One thread holds a monitor and wants a lock; the other holds the lock and wants the monitor. */
    static void mixed() throws Exception {
        Object monitor = new Object();
        ReentrantLock lock = new ReentrantLock();
        CyclicBarrier both = new CyclicBarrier(2);
        Thread a = start("mixed-monitor", () -> {
            synchronized (monitor) {
                await(both);
                lock.lock();
            }
        });
        Thread b = start("mixed-lock", () -> {
            lock.lock();
            await(both);
            synchronized (monitor) {
                work();
            }
        });
        awaitStuck(a, b);
    }

    /** Each thread holds one lock's read lock and wants the other's write lock: invisible to the JVM. */
    static void readWrite() throws Exception {
        ReentrantReadWriteLock first = new ReentrantReadWriteLock();
        ReentrantReadWriteLock second = new ReentrantReadWriteLock();
        CyclicBarrier both = new CyclicBarrier(2);
        Thread a = start("rw-1", () -> {
            first.readLock().lock();
            await(both);
            second.writeLock().lock();
        });
        Thread b = start("rw-2", () -> {
            second.readLock().lock();
            await(both);
            first.writeLock().lock();
        });
        awaitStuck(a, b);
    }

    /** One thread holding a read lock asks for the write lock of the same lock. */
    static void upgrade() throws Exception {
        ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        Thread t = start("upgrader", () -> {
            lock.readLock().lock();
            lock.writeLock().lock();
        });
        awaitStuck(t);
    }

    /** Every philosopher takes the left fork, then waits for the right one. */
    static void philosophers(int n) throws Exception {
        ReentrantLock[] forks = new ReentrantLock[n];
        for (int i = 0; i < n; i++) {
            forks[i] = new ReentrantLock();
        }
        CyclicBarrier seated = new CyclicBarrier(n);
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            ReentrantLock left = forks[i];
            ReentrantLock right = forks[(i + 1) % n];
            threads[i] = start("philosopher-" + i, () -> {
                left.lock();
                await(seated);
                right.lock();
            });
        }
        awaitStuck(threads);
    }

    /** A single-thread pool whose only worker waits for a task queued behind it in the same pool. */
    static void starvation() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        KEEP.add(pool);
        Thread[] worker = new Thread[1];
        CountDownLatch running = new CountDownLatch(1);
        pool.submit(() -> {
            worker[0] = Thread.currentThread();
            Future<String> inner = pool.submit(() -> "never runs");
            running.countDown();
            return inner.get();
        });
        running.await();
        awaitStuck(worker[0]);
    }

    /** A thread takes the only permit and ends without releasing it; two others wait for it. */
    static void semaphore() throws Exception {
        Semaphore permits = new Semaphore(1);
        KEEP.add(permits);
        Thread leaker = start("sem-leaker", () -> permits.acquireUninterruptibly());
        leaker.join();
        // Both begin to wait at the same moment, so the detector sees them stuck in the same pass:
        // started one after the other, a pass could fall between them and report one thread.
        CyclicBarrier together = new CyclicBarrier(2);
        Thread a = start("sem-waiter-0", () -> {
            await(together);
            permits.acquireUninterruptibly();
        });
        Thread b = start("sem-waiter-1", () -> {
            await(together);
            permits.acquireUninterruptibly();
        });
        awaitStuck(a, b);
    }

    /** A thread waits for a signal while holding the lock the signaller needs first. */
    static void condition() throws Exception {
        ReentrantLock outer = new ReentrantLock();
        ReentrantLock inner = new ReentrantLock();
        Condition ready = inner.newCondition();
        CountDownLatch waiting = new CountDownLatch(1);
        Thread waiter = start("cond-waiter", () -> {
            outer.lock();
            inner.lock();
            waiting.countDown();
            ready.awaitUninterruptibly();
        });
        waiting.await();
        awaitStuck(waiter);
        Thread signaller = start("cond-signaller", () -> {
            outer.lock();
            inner.lock();
            ready.signal();
        });
        awaitStuck(signaller);
    }

    /** A thread holds a lock and waits for a task running in another thread, which needs the lock. */
    static void futureLock() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        ExecutorService pool = Executors.newFixedThreadPool(1, r -> new Thread(r, "future-runner"));
        KEEP.add(pool);
        CountDownLatch locked = new CountDownLatch(1);
        Thread holder = start("future-waiter", () -> {
            lock.lock();
            locked.countDown();
            try {
                pool.submit(() -> {
                    lock.lock();
                    return null;
                }).get();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        locked.await();
        awaitStuck(holder);
    }

    /** Two code paths take the same two locks in opposite orders, one after the other: no deadlock, but there could be. */
    static void inversion() throws Exception {
        ReentrantLock accounts = new ReentrantLock();
        ReentrantLock audit = new ReentrantLock();
        Thread first = start("path-transfer", () -> transferThenAudit(accounts, audit));
        first.join();
        Thread second = start("path-report", () -> auditThenTransfer(accounts, audit));
        second.join();
    }

    static void transferThenAudit(ReentrantLock accounts, ReentrantLock audit) {
        accounts.lock();
        try {
            audit.lock();
            audit.unlock();
        } finally {
            accounts.unlock();
        }
    }

    static void auditThenTransfer(ReentrantLock accounts, ReentrantLock audit) {
        audit.lock();
        try {
            accounts.lock();
            accounts.unlock();
        } finally {
            audit.unlock();
        }
    }

    /** Many threads take the same locks, always in the same order (with a read lock in between). */
    static void ordered() throws Exception {
        ReentrantLock a = new ReentrantLock();
        ReentrantReadWriteLock b = new ReentrantReadWriteLock();
        ReentrantLock c = new ReentrantLock();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            threads.add(start("ordered-" + i, () -> {
                for (int k = 0; k < 1000; k++) {
                    a.lock();
                    b.readLock().lock();
                    c.lock();
                    c.unlock();
                    b.readLock().unlock();
                    a.unlock();
                    c.lock();
                    if (a.tryLock()) { // a tryLock() never waits, so taking `a` this way is no inversion
                        a.unlock();
                    }
                    c.unlock();
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /**
     * What an agent would leave behind: {@code traces agent=<status> boot=<yes|no> sockets=<n>} (the
     * agent's status property, whether its bootstrap classes are in the boot loader, open sockets).
     */
    static void traces() throws Exception {
        boolean boot;
        try {
            Class.forName("dev.threadlens.bootstrap.AgentThreads", false, null);
            boot = true;
        } catch (ClassNotFoundException e) {
            boot = false;
        }
        int sockets = 0;
        try (java.nio.file.DirectoryStream<java.nio.file.Path> fds =
                java.nio.file.Files.newDirectoryStream(java.nio.file.Path.of("/proc/self/fd"))) {
            for (java.nio.file.Path fd : fds) {
                try {
                    if (java.nio.file.Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        sockets++;
                    }
                } catch (java.io.IOException closedMeanwhile) {
                    // the directory stream's own descriptor
                }
            }
        }
        System.out.println("traces agent=" + System.getProperty("threadlens.agent.status", "none") + " boot="
                + (boot ? "yes" : "no") + " sockets=" + sockets);
    }

    static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        KEEP.add(t);
        return t;
    }

    static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void work() {
        Thread.onSpinWait();
    }

    /** Returns once every thread is blocked or waiting (not running, not timed). */
    static void awaitStuck(Thread... threads) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        for (Thread t : threads) {
            while (t.getState() != Thread.State.BLOCKED && t.getState() != Thread.State.WAITING) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(t.getName() + " never blocked: " + t.getState());
                }
                Thread.sleep(5);
            }
        }
    }
}
