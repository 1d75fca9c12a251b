package dev.threadlens.testapps;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Threads for the JSON API and the live page, on command:
 * <ul>
 * <li>{@code park N} N idle threads ({@code parked-i}), {@code unpark} ends them;</li>
 * <li>{@code block N}: {@code holder} takes a monitor and a {@code ReentrantLock} and keeps them;
 *     N threads {@code blocked-i} are BLOCKED on the monitor and N {@code lock-waiter-i} WAITING on
 *     the lock; {@code unblock} lets them all finish;</li>
 * <li>{@code contend N}: N {@code contender-i} threads fight over a lock and a monitor in a loop
 *     (contention the lock probes record) until {@code calm};</li>
 * <li>{@code name <text>}: a parked thread with exactly that name (the rest of the line);</li>
 * <li>{@code deadlock}: {@code philosopher-1} and {@code philosopher-2} each hold one lock and wait
 *     for the other's, forever;</li>
 * <li>{@code spin}: {@code spinner} burns at least 100 ms of CPU, then parks;</li>
 * <li>{@code pool N}: a fixed pool of N threads ({@code app-pool-i}) with a task queue that
 *     grows while its tasks sleep.</li>
 * </ul>
 */
public final class PageApp {

    private static final Object MONITOR = new Object();
    private static final ReentrantLock LOCK = new ReentrantLock();
    private static final List<Thread> parked = new ArrayList<>();
    private static final List<Thread> blocked = new ArrayList<>();
    private static CountDownLatch releaseHolder = new CountDownLatch(0);
    private static volatile boolean contending;
    private static final List<Thread> contenders = new ArrayList<>();
    private static volatile boolean unparking;

    private PageApp() {
    }

    public static void main(String[] args) throws Exception {
        new CommandLoop()
                .on("park", a -> park(Integer.parseInt(a[0])))
                .on("unpark", a -> unpark())
                .on("block", a -> block(Integer.parseInt(a[0])))
                .on("unblock", a -> unblock())
                .on("contend", a -> contend(Integer.parseInt(a[0])))
                .on("calm", a -> calm())
                .on("name", a -> named(String.join(" ", a)))
                .on("deadlock", a -> deadlock())
                .on("spin", a -> spin())
                .on("pool", a -> pool(Integer.parseInt(a[0])))
                .run();
    }

    private static void park(int n) throws InterruptedException {
        unparking = false;
        CountDownLatch started = new CountDownLatch(n);
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                started.countDown();
                while (!unparking) {
                    LockSupport.park();
                }
            }, "parked-" + i);
            t.setDaemon(true);
            t.start();
            parked.add(t);
        }
        started.await();
        awaitState(parked, Thread.State.WAITING);
    }

    private static void unpark() throws InterruptedException {
        unparking = true;
        for (Thread t : parked) {
            LockSupport.unpark(t);
        }
        for (Thread t : parked) {
            t.join();
        }
        parked.clear();
    }

    private static void block(int n) throws InterruptedException {
        releaseHolder = new CountDownLatch(1);
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = releaseHolder;
        Thread holder = new Thread(() -> {
            LOCK.lock();
            try {
                synchronized (MONITOR) {
                    holding.countDown();
                    awaitQuietly(release);
                }
            } finally {
                LOCK.unlock();
            }
        }, "holder");
        holder.start();
        holding.await();
        List<Thread> monitorWaiters = new ArrayList<>();
        List<Thread> lockWaiters = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread b = new Thread(() -> {
                synchronized (MONITOR) {
                    MONITOR.hashCode();
                }
            }, "blocked-" + i);
            Thread w = new Thread(() -> {
                LOCK.lock();
                LOCK.unlock();
            }, "lock-waiter-" + i);
            b.start();
            w.start();
            monitorWaiters.add(b);
            lockWaiters.add(w);
        }
        awaitState(monitorWaiters, Thread.State.BLOCKED);
        awaitState(lockWaiters, Thread.State.WAITING);
        blocked.add(holder);
        blocked.addAll(monitorWaiters);
        blocked.addAll(lockWaiters);
    }

    private static void unblock() throws InterruptedException {
        releaseHolder.countDown();
        for (Thread t : blocked) {
            t.join();
        }
        blocked.clear();
    }

    private static void contend(int n) {
        contending = true;
        ReentrantLock lock = new ReentrantLock();
        Object monitor = new Object();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                while (contending) {
                    lock.lock();
                    try {
                        sleep(5);
                    } finally {
                        lock.unlock();
                    }
                    synchronized (monitor) {
                        sleep(5);
                    }
                }
            }, "contender-" + i);
            t.setDaemon(true);
            t.start();
            contenders.add(t);
        }
    }

    private static void calm() throws InterruptedException {
        contending = false;
        for (Thread t : contenders) {
            t.join();
        }
        contenders.clear();
    }

    private static void named(String name) throws InterruptedException {
        CountDownLatch started = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            started.countDown();
            while (true) {
                LockSupport.park();
            }
        }, name);
        t.setDaemon(true);
        t.start();
        started.await();
        System.out.println("named id=" + t.getId());
    }

    private static void deadlock() throws InterruptedException {
        ReentrantLock left = new ReentrantLock();
        ReentrantLock right = new ReentrantLock();
        CountDownLatch bothHold = new CountDownLatch(2);
        Thread a = new Thread(() -> crossing(left, right, bothHold), "philosopher-1");
        Thread b = new Thread(() -> crossing(right, left, bothHold), "philosopher-2");
        a.setDaemon(true);
        b.setDaemon(true);
        a.start();
        b.start();
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (mx.findDeadlockedThreads() == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private static void crossing(ReentrantLock first, ReentrantLock second, CountDownLatch bothHold) {
        first.lock();
        bothHold.countDown();
        awaitQuietly(bothHold);
        second.lock(); // never returns: the other philosopher holds it and waits for ours
    }

    private static void spin() throws InterruptedException {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        CountDownLatch spun = new CountDownLatch(1);
        Thread t = new Thread(() -> {
            long x = 0;
            while (mx.getCurrentThreadCpuTime() < 100_000_000L) {
                x += System.nanoTime() % 7;
            }
            if (x == 42) {
                System.out.println("unlikely");
            }
            spun.countDown();
            while (true) {
                LockSupport.park();
            }
        }, "spinner");
        t.setDaemon(true);
        t.start();
        spun.await();
    }

    private static void pool(int n) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "app-pool-" + count.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(n, factory);
        for (int i = 0; i < n * 4; i++) {
            pool.submit(() -> sleep(200));
        }
    }

    private static void awaitState(List<Thread> threads, Thread.State state) throws InterruptedException {
        for (Thread t : threads) {
            CommandLoop.awaitState(t, state);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
