package dev.threadlens.testapps;

import static dev.threadlens.testapps.CommandLoop.awaitState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Waits JFR sees, on command. Each scenario notes the frame it waits at ({@code site <name>}
 * prints it), captured on the very line of the wait so the test compares with what JFR reports.
 * Threads that could outlive a command are daemons: closing stdin ends the program.
 *
 * <pre>
 * monitor N ms     N threads contend for a synchronized Ledger the main thread holds for ms
 * marker           one short monitor contention on a Marker (what only JFR reports)
 * objwait N ms     N threads Object.wait(ms) on a Mailbox
 * park N ms        N threads LockSupport.parkNanos(gate, ms)
 * handoff ms       a producer blocks in SynchronousQueue.put for ms
 * relock N ms      N threads wait for a ReentrantLock the main thread holds for ms
 * cached ms        a cached pool's workers sit idle in SynchronousQueue.poll(ms) and retire
 * sleepers N ms    N threads named sleepy-i sleep ms in a loop (until stop)
 * idlepool N       a fixed pool of N idle-worker-i threads waiting for tasks (until stop)
 * stop             stops sleepers and idle pools
 * vpin-sync ms     a virtual thread sleeps ms inside synchronized (pins before JDK 24)
 * vpin-clinit ms   a virtual thread sleeps ms inside a class initializer (pins on every JDK)
 * deadlock         two threads deadlock on monitors, two on ReentrantLocks
 * recordings       prints the JVM's JFR recordings (without starting JFR)
 * site NAME        prints the frame a scenario waits at
 * </pre>
 */
public final class JfrApp {

    static final Map<String, String> SITES = new ConcurrentHashMap<>();
    private static final List<Thread> BACKGROUND = new ArrayList<>();
    private static final List<ThreadPoolExecutor> POOLS = new ArrayList<>();
    private static volatile boolean stopped;

    private JfrApp() {
    }

    /** The caller's frame, formatted as JFR's sites are: {@code class.method(File.java:line)}. */
    static String here() {
        StackTraceElement e = new Throwable().getStackTrace()[1];
        return e.getClassName() + "." + e.getMethodName() + "(" + e.getFileName() + ":" + e.getLineNumber() + ")";
    }

    static final class Ledger {
        void post(long ms) throws InterruptedException {
            synchronized (this) { SITES.put("monitor", here()); Thread.sleep(ms); } // one line: the site is this line
        }
    }

    static final class Marker {
        void touch() throws InterruptedException {
            synchronized (this) { SITES.put("marker", here()); Thread.sleep(1); }
        }
    }

    static final class Mailbox {
        synchronized void await(long ms) throws InterruptedException {
            SITES.put("objwait", here()); wait(ms);
        }
    }

    static final class Gate {
        void hold(long ms) {
            SITES.put("park", here()); LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(ms));
        }
    }

    static final class Handoff {
        static void produce(SynchronousQueue<Object> queue) throws InterruptedException {
            SITES.put("handoff", here()); queue.put("item");
        }
    }

    static final class Relock {
        static void take(ReentrantLock lock) {
            SITES.put("relock", here()); lock.lock();
            lock.unlock();
        }
    }

    /** A pool thread whose class is the application's, so idle parks have an application frame. */
    static final class AppThread extends Thread {
        AppThread(Runnable r, String name) {
            super(r, name);
            setDaemon(true);
        }

        @Override
        public void run() {
            super.run();
        }
    }

    static final class Pinning {
        static final Object LOCK = new Object();

        static void insideMonitor(long ms) throws InterruptedException {
            synchronized (LOCK) { SITES.put("vpin-sync", here()); Thread.sleep(ms); }
        }
    }

    /** Initialised by the first virtual thread that touches it; how long it sleeps comes from a property. */
    static final class SlowInit {
        static {
            try { SITES.put("vpin-clinit", here()); Thread.sleep(Long.getLong("jfrapp.clinit.ms", 100)); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
        }

        static void touch() {
        }
    }

    public static void main(String[] args) throws Exception {
        new CommandLoop()
                .on("monitor", a -> contend(new Ledger(), Integer.parseInt(a[0]), Long.parseLong(a[1])))
                .on("marker", a -> markerContention())
                .on("objwait", a -> {
                    Mailbox box = new Mailbox();
                    long ms = Long.parseLong(a[1]);
                    runAll("waiter", Integer.parseInt(a[0]), () -> box.await(ms));
                })
                .on("park", a -> {
                    Gate gate = new Gate();
                    long ms = Long.parseLong(a[1]);
                    runAll("parker", Integer.parseInt(a[0]), () -> gate.hold(ms));
                })
                .on("handoff", a -> {
                    SynchronousQueue<Object> queue = new SynchronousQueue<>();
                    Thread producer = new Thread(() -> {
                        try {
                            Handoff.produce(queue);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }, "producer");
                    producer.start();
                    awaitState(producer, Thread.State.WAITING);
                    Thread.sleep(Long.parseLong(a[0]));
                    queue.take();
                    producer.join();
                })
                .on("relock", a -> relock(Integer.parseInt(a[0]), Long.parseLong(a[1])))
                .on("cached", a -> {
                    long ms = Long.parseLong(a[0]);
                    AtomicInteger n = new AtomicInteger();
                    ThreadPoolExecutor pool = new ThreadPoolExecutor(0, 4, ms, TimeUnit.MILLISECONDS,
                            new SynchronousQueue<>(), r -> new AppThread(r, "cached-worker-" + n.incrementAndGet()));
                    pool.submit(() -> { }).get();
                    pool.submit(() -> { }).get();
                    while (pool.getPoolSize() > 0) { // workers retire after ms idle in SynchronousQueue.poll
                        Thread.sleep(20);
                    }
                    pool.shutdown();
                })
                .on("sleepers", a -> {
                    long ms = Long.parseLong(a[1]);
                    for (int i = 1; i <= Integer.parseInt(a[0]); i++) {
                        Thread t = new Thread(() -> {
                            while (!stopped) {
                                try {
                                    Thread.sleep(ms);
                                } catch (InterruptedException e) {
                                    return;
                                }
                            }
                        }, "sleepy-" + i);
                        t.setDaemon(true);
                        t.start();
                        BACKGROUND.add(t);
                    }
                })
                .on("idlepool", a -> {
                    int n = Integer.parseInt(a[0]);
                    AtomicInteger next = new AtomicInteger();
                    ThreadPoolExecutor pool = new ThreadPoolExecutor(n, n, 0, TimeUnit.MILLISECONDS,
                            new LinkedBlockingQueue<>(), r -> new AppThread(r, "idle-worker-" + next.incrementAndGet()));
                    pool.prestartAllCoreThreads();
                    POOLS.add(pool);
                })
                .on("stop", a -> {
                    stopped = true;
                    for (Thread t : BACKGROUND) {
                        t.interrupt();
                        t.join();
                    }
                    BACKGROUND.clear();
                    for (ThreadPoolExecutor p : POOLS) {
                        p.shutdownNow();
                        p.awaitTermination(10, TimeUnit.SECONDS);
                    }
                    POOLS.clear();
                    stopped = false;
                })
                .on("vpin-sync", a -> {
                    long ms = Long.parseLong(a[0]);
                    CommandLoop.startVirtual(() -> {
                        try {
                            Pinning.insideMonitor(ms);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }).join();
                })
                .on("vpin-clinit", a -> {
                    System.setProperty("jfrapp.clinit.ms", a[0]);
                    CommandLoop.startVirtual(SlowInit::touch).join();
                })
                .on("deadlock", a -> deadlock())
                .on("recordings", a -> System.out.println("recordings: " + Recordings.describe()))
                .on("site", a -> System.out.println("site " + a[0] + " " + SITES.get(a[0])))
                .run();
    }

    private static void contend(Ledger ledger, int n, long ms) throws Exception {
        List<Thread> threads = new ArrayList<>();
        synchronized (ledger) {
            for (int i = 1; i <= n; i++) {
                Thread t = new Thread(() -> {
                    try {
                        ledger.post(ms);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "contender-" + i);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                awaitState(t, Thread.State.BLOCKED);
            }
            Thread.sleep(ms);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    private static void markerContention() throws Exception {
        Marker marker = new Marker();
        Thread t;
        synchronized (marker) {
            t = new Thread(() -> {
                try {
                    marker.touch();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "marker");
            t.start();
            awaitState(t, Thread.State.BLOCKED);
            Thread.sleep(30);
        }
        t.join();
    }

    private static void relock(int n, long ms) throws Exception {
        SITES.put("relock-created", here()); ReentrantLock lock = new ReentrantLock();
        List<Thread> threads = new ArrayList<>();
        lock.lock();
        try {
            for (int i = 1; i <= n; i++) {
                Thread t = new Thread(() -> Relock.take(lock), "relocker-" + i);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                awaitState(t, Thread.State.WAITING);
            }
            Thread.sleep(ms);
        } finally {
            lock.unlock();
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** Returns once all four threads are stuck: two on monitors, two on ReentrantLocks. */
    private static void deadlock() throws InterruptedException {
        Object left = new Object();
        Object right = new Object();
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(4);
        Thread a = daemon("dl-monitor-a", () -> {
            synchronized (left) {
                holding.countDown();
                awaitQuietly(holding);
                synchronized (right) {
                    holding.countDown();
                }
            }
        });
        Thread b = daemon("dl-monitor-b", () -> {
            synchronized (right) {
                holding.countDown();
                awaitQuietly(holding);
                synchronized (left) {
                    holding.countDown();
                }
            }
        });
        Thread c = daemon("dl-lock-a", () -> {
            first.lock();
            holding.countDown();
            awaitQuietly(holding);
            second.lock();
        });
        Thread d = daemon("dl-lock-b", () -> {
            second.lock();
            holding.countDown();
            awaitQuietly(holding);
            first.lock();
        });
        awaitState(a, Thread.State.BLOCKED);
        awaitState(b, Thread.State.BLOCKED);
        while (!first.hasQueuedThread(d) || !second.hasQueuedThread(c)) {
            Thread.sleep(1);
        }
    }

    private static Thread daemon(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void awaitQuietly(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a task on n threads named {@code prefix-i} and waits for all of them. */
    private static void runAll(String prefix, int n, Task task) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            Thread t = new Thread(() -> {
                try {
                    task.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, prefix + "-" + i);
            t.start();
            threads.add(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    /** A piece of work that may throw. */
    @FunctionalInterface
    interface Task {
        void run() throws Exception;
    }
}
