package dev.threadlens.testapps;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Exchanger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Locks and signalling primitives on command, each scenario built so the number of contended
 * (or signalled) waits is exact: the main thread holds a primitive and lets the others go only
 * once they are all queued on it. Every primitive is created on the same line as a call to
 * {@link #here()}, and the app prints {@code site <name> <site>} so the test knows the exact site
 * label to expect. Threads the tests count are named {@code app-*}.
 */
public final class LocksApp {

    private static final List<Thread> threads = new ArrayList<>();
    private static ReentrantLock stuck;
    private static Semaphore semaphore;
    private static CountDownLatch semaphoreRelease;
    private static ReentrantLock beforeAttach;
    private static Object[] kept;
    private static final AtomicInteger busyRounds = new AtomicInteger();

    private LocksApp() {
    }

    public static void main(String[] args) throws Exception {
        // For StartupIT: the agent's status on main's first line, and work begun before its probes.
        System.out.println("status-at-main " + System.getProperty("threadlens.agent.status", "none"));
        for (String arg : args) {
            if (arg.equals("prelock")) {
                prelock();
            } else if (arg.equals("busy")) {
                startBusy();
            }
        }
        new CommandLoop()
                .on("lock", a -> lock(Integer.parseInt(a[0])))
                .on("rw", a -> readWrite(Integer.parseInt(a[0]), Integer.parseInt(a[1])))
                .on("stamped", a -> stamped())
                .on("trylock", a -> tryLockTimeout())
                .on("semaphore", a -> {
                    if (a[0].equals("start")) {
                        semaphoreStart();
                    } else {
                        semaphoreRelease();
                    }
                })
                .on("condition", a -> condition(Integer.parseInt(a[0])))
                .on("latch", a -> latch(Integer.parseInt(a[0])))
                .on("barrier", a -> barrier(Integer.parseInt(a[0])))
                .on("phaser", a -> phaser(Integer.parseInt(a[0])))
                .on("exchanger", a -> exchanger())
                .on("join", a -> join())
                .on("sleep", a -> sleep())
                .on("fastpath", a -> fastPath(Integer.parseInt(a[0])))
                .on("pool", a -> pool(Integer.parseInt(a[0]), Integer.parseInt(a[1])))
                .on("idlemark", a -> idleMarked())
                .on("stuck", a -> stuck(Integer.parseInt(a[0])))
                .on("unstuck", a -> unstuck())
                .on("hold", a -> hold(Integer.parseInt(a[0])))
                .on("prelock", a -> prelock())
                .on("busycount", a -> System.out.println("busycount " + busyRounds.get()))
                .on("contendprelock", a -> contend(beforeAttach, "prelock-contended"))
                .on("manysites", a -> manySites(Path.of(a[0]), Integer.parseInt(a[1])))
                .on("drop", a -> kept = null)
                .on("heap", a -> System.out.println("heap " + usedHeapAfterGc()))
                .on("lockspy", a -> LockSpy.install(false))
                .on("lockspyreentrant", a -> LockSpy.install(true))
                .on("lockspycount", a -> System.out.println("lockspycount " + LockSpy.count()))
                .run();
    }

    private static void prelock() {
        beforeAttach = new ReentrantLock(); String site = here();
        System.out.println("site prelock-created " + site);
    }

    /** Four daemon threads taking turns on one lock, from main's first line on, for good. */
    private static void startBusy() {
        ReentrantLock shared = new ReentrantLock();
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> {
                while (true) {
                    shared.lock();
                    try {
                        busyRounds.incrementAndGet();
                        LockSupport.parkNanos(20_000);
                    } finally {
                        shared.unlock();
                    }
                }
            }, "app-busy-" + i);
            t.setDaemon(true);
            t.start();
        }
    }

    /** {@code Class.method(File.java:line)} of the caller: call it on the line that creates a primitive. */
    static String here() {
        StackWalker.StackFrame f = StackWalker.getInstance().walk(s -> s.skip(1).findFirst()).orElseThrow();
        return f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":" + f.getLineNumber() + ")";
    }

    // ---- lock contention -------------------------------------------------------------------

    /** N threads queue on a lock main holds: exactly N contended acquisitions. */
    private static void lock(int n) throws Exception {
        ReentrantLock lock = new ReentrantLock(); String site = here();
        System.out.println("site lock " + site);
        contend(lock, n);
    }

    private static void contend(ReentrantLock lock, int n) throws Exception {
        lock.lock();
        List<Thread> started = start(n, "app-lock", () -> {
            lock.lock();
            lock.unlock();
        });
        until(() -> lock.getQueueLength() == n);
        lock.unlock();
        joinAll(started);
    }

    /** One contended acquisition of {@code lock}, from a call site printed as {@code site <name>}. */
    private static void contend(ReentrantLock lock, String name) throws Exception {
        lock.lock();
        String[] site = new String[1];
        List<Thread> started = start(1, "app-lock", () -> {
            site[0] = here(); lock.lock();
            lock.unlock();
        });
        until(() -> lock.getQueueLength() == 1);
        lock.unlock();
        joinAll(started);
        System.out.println("site " + name + " " + site[0]);
    }

    private static void readWrite(int readers, int writers) throws Exception {
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock(); String site = here();
        System.out.println("site rw " + site);
        rw.writeLock().lock();
        List<Thread> started = start(readers, "app-reader", () -> {
            rw.readLock().lock();
            rw.readLock().unlock();
        });
        started.addAll(start(writers, "app-writer", () -> {
            rw.writeLock().lock();
            rw.writeLock().unlock();
        }));
        until(() -> rw.getQueueLength() == readers + writers);
        rw.writeLock().unlock();
        joinAll(started);
    }

    private static void stamped() throws Exception {
        StampedLock sl = new StampedLock(); String site = here();
        System.out.println("site stamped " + site);
        long stamp = sl.writeLock();
        List<Thread> started = start(1, "app-reader", () -> sl.unlockRead(sl.readLock()));
        started.addAll(start(1, "app-writer", () -> sl.unlockWrite(sl.writeLock())));
        for (Thread t : started) {
            until(() -> LockSupport.getBlocker(t) == sl);
        }
        sl.unlockWrite(stamp);
        joinAll(started);
    }

    /** A timed tryLock that gives up: one contended wait, one timeout. */
    private static void tryLockTimeout() throws Exception {
        ReentrantLock lock = new ReentrantLock(); String site = here();
        System.out.println("site trylock " + site);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch held = new CountDownLatch(1);
        List<Thread> holder = start(1, "holder", () -> {
            lock.lock();
            held.countDown();
            awaitQuietly(release);
            lock.unlock();
        });
        held.await();
        if (lock.tryLock(50, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("tryLock should have timed out");
        }
        release.countDown();
        joinAll(holder);
    }

    /** 3 permits, 5 threads: 3 hold, 2 queue. Returns with all that in place. */
    private static void semaphoreStart() throws Exception {
        semaphore = new Semaphore(3); String site = here();
        System.out.println("site semaphore " + site);
        semaphoreRelease = new CountDownLatch(1);
        AtomicInteger holding = new AtomicInteger();
        Semaphore s = semaphore;
        CountDownLatch release = semaphoreRelease;
        threads.addAll(start(5, "app-permit", () -> {
            s.acquireUninterruptibly();
            holding.incrementAndGet();
            awaitQuietly(release);
            s.release();
        }));
        until(() -> holding.get() == 3 && s.getQueueLength() == 2);
    }

    private static void semaphoreRelease() throws Exception {
        semaphoreRelease.countDown();
        joinAll(threads);
        threads.clear();
    }

    // ---- signalling -------------------------------------------------------------------------

    /** A bounded buffer whose lock and conditions are the application's own. */
    static final class Buffer {
        final ReentrantLock lock = new ReentrantLock(); final String lockSite = here();
        final Condition notEmpty = lock.newCondition(); final String notEmptySite = here();
        final Condition notFull = lock.newCondition(); final String notFullSite = here();
        int count;
        final AtomicInteger taken = new AtomicInteger();
    }

    /**
     * A consumer takes k + 1 items, each after waiting on notEmpty. Main hands over k of them
     * with signal() and the last with signalAll(), plus one signal() on notFull that nobody
     * waits for (lost). Main only takes the lock while the consumer is parked on the condition,
     * so the lock itself is never contended except by the consumer's re-acquire after a signal.
     */
    private static void condition(int k) throws Exception {
        Buffer b = new Buffer();
        System.out.println("site condition-lock " + b.lockSite);
        System.out.println("site condition-notEmpty " + b.notEmptySite);
        System.out.println("site condition-notFull " + b.notFullSite);
        List<Thread> consumer = start(1, "app-consumer", () -> {
            for (int i = 0; i <= k; i++) {
                b.lock.lock();
                try {
                    while (b.count == 0) {
                        b.notEmpty.awaitUninterruptibly();
                    }
                    b.count--;
                    b.taken.incrementAndGet();
                } finally {
                    b.lock.unlock();
                }
            }
        });
        Thread c = consumer.get(0);
        for (int round = 1; round <= k + 1; round++) {
            until(() -> LockSupport.getBlocker(c) == b.notEmpty);
            b.lock.lock();
            b.count++;
            if (round <= k) {
                b.notEmpty.signal();
            } else {
                b.notFull.signal();
                b.notEmpty.signalAll();
            }
            until(() -> b.lock.getQueueLength() == 1); // the consumer now waits to re-acquire
            b.lock.unlock();
            int expected = round;
            until(() -> b.taken.get() == expected);
        }
        joinAll(consumer);
    }

    private static void latch(int n) throws Exception {
        CountDownLatch latch = new CountDownLatch(2); String site = here();
        System.out.println("site latch " + site);
        List<Thread> started = start(n, "app-latch", () -> awaitQuietly(latch));
        for (Thread t : started) {
            until(() -> LockSupport.getBlocker(t) != null && t.getState() == Thread.State.WAITING);
        }
        latch.countDown();
        latch.countDown();
        joinAll(started);
    }

    private static void barrier(int n) throws Exception {
        CyclicBarrier barrier = new CyclicBarrier(n); String site = here();
        System.out.println("site barrier " + site);
        joinAll(start(n, "app-barrier", () -> {
            try {
                barrier.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    private static void phaser(int n) throws Exception {
        Phaser phaser = new Phaser(n); String site = here();
        System.out.println("site phaser " + site);
        joinAll(start(n, "app-phaser", phaser::arriveAndAwaitAdvance));
    }

    private static void exchanger() throws Exception {
        Exchanger<String> exchanger = new Exchanger<>(); String site = here();
        System.out.println("site exchanger " + site);
        joinAll(start(2, "app-exchange", () -> {
            try {
                exchanger.exchange(Thread.currentThread().getName());
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    /** Main joins a thread that ends only once main is waiting in join. */
    private static void join() throws Exception {
        Thread main = Thread.currentThread();
        AtomicInteger go = new AtomicInteger();
        List<Thread> target = start(1, "app-joined", () -> {
            while (go.get() == 0) {
                LockSupport.parkNanos(100_000);
            }
        });
        List<Thread> releaser = start(1, "releaser", () -> {
            while (main.getState() != Thread.State.WAITING) {
                LockSupport.parkNanos(100_000);
            }
            go.set(1);
        });
        String site = here(); target.get(0).join();
        System.out.println("site join " + site);
        releaser.get(0).join();
    }

    private static void sleep() throws Exception {
        String millis = here(); Thread.sleep(20);
        String withNanos = here(); Thread.sleep(20, 1);
        Thread.sleep(0);
        System.out.println("site sleep-millis " + millis);
        System.out.println("site sleep-nanos " + withNanos);
    }

    // ---- executors and the idle worker ------------------------------------------------------

    /**
     * A fixed pool of {@code workers} threads, idle for {@code idleSeconds}, then woken
     * {@code rounds = workers * 2} times by one task at a time. Each round ends when every worker
     * is parked on the work queue again, so each task ends exactly one idle wait (and nothing
     * else contends: main never touches the queue's take lock while a worker holds it).
     */
    private static void pool(int workers, int idleSeconds) throws Exception {
        AtomicInteger n = new AtomicInteger();
        List<Thread> pooled = new ArrayList<>();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "app-pool-" + n.incrementAndGet());
            t.setDaemon(true);
            synchronized (pooled) {
                pooled.add(t);
            }
            return t;
        };
        ExecutorService pool = Executors.newFixedThreadPool(workers, factory); String site = here();
        System.out.println("site pool " + site);
        // One worker at a time (each execute starts a new one while below the core size): workers
        // that finish their first tasks together contend on the queue's take lock, and a wait
        // for that lock while looking for work is idle time too, which would add idle waits.
        for (int i = 1; i <= workers; i++) {
            pool.execute(() -> { });
            untilParkedOnQueue(pooled, i);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(idleSeconds));
        int rounds = workers * 2;
        for (int i = 0; i < rounds; i++) {
            pool.submit(() -> { }).get();
            untilParkedOnQueue(pooled, workers);
        }
        // Not shut down: exiting workers contend on the pool's main lock, which is real contention.
        System.out.println("pool rounds " + rounds);
    }

    private static void untilParkedOnQueue(List<Thread> pooled, int workers) throws Exception {
        until(() -> {
            synchronized (pooled) {
                if (pooled.size() != workers) {
                    return false;
                }
                for (Thread t : pooled) {
                    Object blocker = LockSupport.getBlocker(t);
                    if (t.getState() != Thread.State.WAITING || blocker == null
                            || !blocker.getClass().getName().endsWith("ConditionObject")) {
                        return false;
                    }
                }
                return true;
            }
        });
    }

    /**
     * What the executor probes do around a worker's wait for work, done by hand: a thread marked
     * idle (WaitContext) contends on a lock and then waits on an empty queue. Both waits must be
     * executor_idle, neither lock contention nor a queue wait.
     */
    private static void idleMarked() throws Exception {
        Class<?> context = Class.forName("dev.threadlens.bootstrap.WaitContext", true, null);
        Method enter = context.getMethod("enterExecutorIdle");
        Method exit = context.getMethod("exitExecutorIdle");
        ReentrantLock lock = new ReentrantLock(); String lockSite = here();
        BlockingQueue<String> queue = new LinkedBlockingQueue<>(); String queueSite = here();
        System.out.println("site idle-lock " + lockSite);
        System.out.println("site idle-queue " + queueSite);
        lock.lock();
        List<Thread> worker = start(1, "app-idle", () -> {
            try {
                enter.invoke(null);
                try {
                    lock.lock();
                    lock.unlock();
                    queue.take();
                } finally {
                    exit.invoke(null);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        until(() -> lock.getQueueLength() == 1);
        lock.unlock();
        Thread w = worker.get(0);
        until(() -> w.getState() == Thread.State.WAITING && LockSupport.getBlocker(w) != null
                && LockSupport.getBlocker(w).getClass().getName().endsWith("ConditionObject"));
        queue.put("work");
        joinAll(worker);
    }

    // ---- live view, hold time, sites ---------------------------------------------------------

    /** N threads stuck on a lock main holds, until {@code unstuck}. */
    private static void stuck(int n) throws Exception {
        stuck = new ReentrantLock(); String site = here();
        System.out.println("site stuck " + site);
        stuck.lock();
        ReentrantLock lock = stuck;
        threads.addAll(start(n, "app-stuck", () -> {
            lock.lock();
            lock.unlock();
        }));
        until(() -> lock.getQueueLength() == n);
    }

    private static void unstuck() throws Exception {
        stuck.unlock();
        joinAll(threads);
        threads.clear();
    }

    private static void hold(int times) throws Exception {
        ReentrantLock lock = new ReentrantLock(); String site = here();
        System.out.println("site hold " + site);
        for (int i = 0; i < times; i++) {
            lock.lock();
            lock.lock(); // a re-entry is not a second hold
            LockSupport.parkNanos(1_000_000);
            lock.unlock();
            lock.unlock();
        }
    }

    /**
     * {@code count} locks made by a generated class at many sites ({@code GeneratedLocks.make(i)}),
     * each held by one thread while main's {@code tryLock(1 ns)} on it times out: one contended,
     * timed-out wait per lock. The locks are kept until {@code drop}.
     */
    private static void manySites(Path classes, int count) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, LocksApp.class.getClassLoader());
        Method make = loader.loadClass("GeneratedLocks").getMethod("make", int.class);
        ReentrantLock[] locks = new ReentrantLock[count];
        for (int i = 0; i < count; i++) {
            locks[i] = (ReentrantLock) make.invoke(null, i);
        }
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        List<Thread> holder = start(1, "holder", () -> {
            for (ReentrantLock l : locks) {
                l.lock();
            }
            held.countDown();
            awaitQuietly(release);
            for (ReentrantLock l : locks) {
                l.unlock();
            }
        });
        held.await();
        int timedOut = 0;
        for (ReentrantLock l : locks) {
            if (!l.tryLock(1, TimeUnit.NANOSECONDS)) {
                timedOut++;
            }
        }
        release.countDown();
        joinAll(holder);
        kept = locks;
        System.out.println("timedout " + timedOut);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 5; i++) {
            System.gc();
            LockSupport.parkNanos(50_000_000L);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    // ---- uncontended fast paths --------------------------------------------------------------

    /** {@code n} uncontended operations on each primitive, all on the main thread. */
    private static void fastPath(int n) throws Exception {
        ReentrantLock lock = new ReentrantLock();
        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        Semaphore permits = new Semaphore(1);
        StampedLock stamped = new StampedLock();
        CountDownLatch latch = new CountDownLatch(n + 1);
        long sum = 0;
        for (int i = 0; i < n; i++) {
            lock.lock();
            sum += lock.getHoldCount();
            lock.unlock();
        }
        for (int i = 0; i < n / 10; i++) {
            if (lock.tryLock()) {
                lock.unlock();
            }
            rw.readLock().lock();
            rw.readLock().unlock();
            rw.writeLock().lock();
            rw.writeLock().unlock();
            permits.acquire();
            permits.release();
            stamped.unlockWrite(stamped.writeLock());
            stamped.unlockRead(stamped.readLock());
            latch.countDown();
        }
        System.out.println("fastpath " + sum);
    }

    // ---- helpers ----------------------------------------------------------------------------

    @FunctionalInterface
    interface Body {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface Check {
        boolean ok() throws Exception;
    }

    private static List<Thread> start(int n, String prefix, Body body) {
        List<Thread> list = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Thread t = new Thread(() -> {
                try {
                    body.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, prefix + "-" + i);
            t.setDaemon(true);
            t.start();
            list.add(t);
        }
        return list;
    }

    /** Polls without sleeping (Thread.sleep is itself probed) until the check holds; 60 s at most. */
    private static void until(Check check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!check.ok()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not reached within 60 s");
            }
            LockSupport.parkNanos(100_000);
        }
    }

    private static void joinAll(List<Thread> list) throws InterruptedException {
        for (Thread t : list) {
            t.join();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
