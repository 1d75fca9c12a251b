package dev.threadlens.testapps;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * A busy, healthy program: dozens of threads contending for locks, monitors, read/write and
 * stamped locks, semaphores, queues, latches, barriers and futures, and signalling each other,
 * all without a deadlock or a hang. {@code start} sets it going, {@code stop} ends it and prints
 * {@code ops kind=count ...} so the test can see every part made progress.
 */
public final class BusyApp {

    private static volatile boolean running;
    private static final Map<String, AtomicLong> OPS = new ConcurrentHashMap<>();
    private static final List<Thread> THREADS = new ArrayList<>();
    private static final List<ExecutorService> POOLS = new ArrayList<>();

    private BusyApp() {
    }

    public static void main(String[] args) throws Exception {
        new CommandLoop()
                .on("start", a -> start())
                .on("stop", a -> stop())
                .run();
    }

    static void start() {
        running = true;
        bank();
        monitors();
        cache();
        connectionPool();
        producersAndConsumers();
        boundedBuffer();
        latchRounds();
        nestedFutures();
        stamped();
        pingPong();
        joins();
        barrier();
    }

    static void stop() throws Exception {
        running = false;
        for (Thread t : THREADS) {
            t.interrupt();
        }
        for (Thread t : THREADS) {
            t.join(10_000);
        }
        for (ExecutorService pool : POOLS) {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
        StringBuilder sb = new StringBuilder("ops");
        new java.util.TreeMap<>(OPS).forEach((k, v) -> sb.append(' ').append(k).append('=').append(v.get()));
        System.out.println(sb);
    }

    /** Transfers between accounts, each with its own lock, always taken in account order. */
    static void bank() {
        int n = 10;
        ReentrantLock[] locks = new ReentrantLock[n];
        long[] balances = new long[n];
        for (int i = 0; i < n; i++) {
            locks[i] = new ReentrantLock();
            balances[i] = 1_000;
        }
        for (int w = 0; w < 6; w++) {
            loop("bank-" + w, "transfer", () -> {
                int a = ThreadLocalRandom.current().nextInt(n);
                int b = (a + 1 + ThreadLocalRandom.current().nextInt(n - 1)) % n;
                ReentrantLock first = locks[Math.min(a, b)];
                ReentrantLock second = locks[Math.max(a, b)];
                first.lock();
                try {
                    second.lock();
                    try {
                        balances[a] -= 1;
                        balances[b] += 1;
                        pause(50);
                    } finally {
                        second.unlock();
                    }
                } finally {
                    first.unlock();
                }
                if (locks[a].tryLock(1, TimeUnit.MILLISECONDS)) { // timed tries that sometimes give up
                    locks[a].unlock();
                }
            });
        }
    }

    /** Nested synchronized blocks, in one order. */
    static void monitors() {
        Object outer = new Object();
        Object inner = new Object();
        long[] counter = new long[1];
        for (int w = 0; w < 4; w++) {
            loop("sync-" + w, "monitor", () -> {
                synchronized (outer) {
                    synchronized (inner) {
                        counter[0]++;
                        pause(20);
                    }
                }
            });
        }
    }

    static void cache() {
        ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        Map<Integer, Integer> map = new HashMap<>();
        for (int w = 0; w < 4; w++) {
            loop("reader-" + w, "read", () -> {
                lock.readLock().lock();
                try {
                    map.get(ThreadLocalRandom.current().nextInt(100));
                    pause(20);
                } finally {
                    lock.readLock().unlock();
                }
            });
        }
        for (int w = 0; w < 2; w++) {
            loop("writer-" + w, "write", () -> {
                lock.writeLock().lock();
                try {
                    map.put(ThreadLocalRandom.current().nextInt(100), 1);
                    pause(50);
                } finally {
                    lock.writeLock().unlock();
                }
                pause(200);
            });
        }
    }

    /** Eight clients, three connections. */
    static void connectionPool() {
        Semaphore connections = new Semaphore(3);
        for (int w = 0; w < 8; w++) {
            loop("client-" + w, "semaphore", () -> {
                connections.acquire();
                try {
                    pause(100);
                } finally {
                    connections.release();
                }
            });
        }
    }

    static void producersAndConsumers() {
        BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(8);
        for (int w = 0; w < 2; w++) {
            loop("producer-" + w, "produce", () -> queue.put(1));
            loop("consumer-" + w, "consume", () -> {
                queue.take();
                pause(30);
            });
        }
    }

    /** A bounded buffer of its own, with a lock and two conditions. */
    static void boundedBuffer() {
        ReentrantLock lock = new ReentrantLock();
        Condition notFull = lock.newCondition();
        Condition notEmpty = lock.newCondition();
        int[] count = new int[1];
        loop("buffer-put", "signal", () -> {
            lock.lock();
            try {
                while (count[0] == 4) {
                    notFull.await();
                }
                count[0]++;
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        });
        loop("buffer-take", "await", () -> {
            lock.lock();
            try {
                while (count[0] == 0) {
                    notEmpty.await();
                }
                count[0]--;
                notFull.signal();
            } finally {
                lock.unlock();
            }
            pause(40);
        });
    }

    /** A coordinator hands out rounds of work and waits for each with a latch. */
    static void latchRounds() {
        ExecutorService workers = pool(3, "latch-worker");
        loop("coordinator", "latch", () -> {
            CountDownLatch done = new CountDownLatch(3);
            for (int i = 0; i < 3; i++) {
                workers.execute(() -> {
                    pause(100);
                    done.countDown();
                });
            }
            done.await();
        });
    }

    /** Tasks in one pool wait for tasks they hand to another pool, and for completable futures. */
    static void nestedFutures() {
        ExecutorService front = pool(4, "front");
        ExecutorService back = pool(4, "back");
        loop("submitter", "future", () -> {
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                results.add(front.submit(() -> back.submit(() -> {
                    pause(100);
                    return 1;
                }).get() + CompletableFuture.supplyAsync(() -> 1, back).thenApply(x -> x + 1).join()));
            }
            for (Future<Integer> f : results) {
                f.get();
            }
        });
    }

    static void stamped() {
        StampedLock lock = new StampedLock();
        long[] point = new long[2];
        for (int w = 0; w < 2; w++) {
            loop("stamped-reader-" + w, "optimistic", () -> {
                long stamp = lock.tryOptimisticRead();
                long x = point[0];
                if (!lock.validate(stamp)) {
                    stamp = lock.readLock();
                    try {
                        x = point[0];
                    } finally {
                        lock.unlockRead(stamp);
                    }
                }
                pause(x >= 0 ? 20 : 30);
            });
        }
        loop("stamped-writer", "stamped_write", () -> {
            long stamp = lock.writeLock();
            try {
                point[0]++;
                pause(20);
            } finally {
                lock.unlockWrite(stamp);
            }
            pause(50);
        });
    }

    /** Two threads take turns with wait/notify. */
    static void pingPong() {
        Object table = new Object();
        boolean[] pingTurn = {true};
        for (String side : new String[] {"ping", "pong"}) {
            boolean ping = side.equals("ping");
            loop(side, "wait_notify", () -> {
                synchronized (table) {
                    while (pingTurn[0] != ping) {
                        table.wait();
                    }
                    pingTurn[0] = !ping;
                    table.notifyAll();
                }
                pause(10);
            });
        }
    }

    static void joins() {
        loop("joiner", "join", () -> {
            Thread t = new Thread(() -> pause(50), "short-lived");
            t.start();
            t.join();
        });
    }

    static void barrier() {
        CyclicBarrier barrier = new CyclicBarrier(3);
        for (int w = 0; w < 3; w++) {
            loop("party-" + w, "barrier", () -> {
                pause(ThreadLocalRandom.current().nextInt(10, 60));
                barrier.await();
            });
        }
    }

    /** A named thread running {@code step} until stopped, counting its rounds under {@code kind}. */
    private static void loop(String name, String kind, Step step) {
        AtomicLong ops = OPS.computeIfAbsent(kind, k -> new AtomicLong());
        Thread t = new Thread(() -> {
            while (running) {
                try {
                    step.run();
                    ops.incrementAndGet();
                } catch (InterruptedException e) {
                    return;
                } catch (Exception e) {
                    if (running) {
                        System.out.println("error in " + name + ": " + e);
                    }
                    return;
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
        THREADS.add(t);
    }

    private static ExecutorService pool(int n, String name) {
        AtomicLong next = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, name + "-" + next.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        POOLS.add(pool);
        return pool;
    }

    /** A short piece of "work": parks for about {@code micros} microseconds. */
    private static void pause(long micros) {
        LockSupport.parkNanos(micros * 1_000);
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }
}
