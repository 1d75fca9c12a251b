package dev.threadlens.testapps.conformance;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import dev.threadlens.testapps.CommandLoop;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * A virtual-thread workload over the probed primitives, recorded with jdk.VirtualThreadPinned at
 * threshold 0 (JDK 21+). Command {@code workload} prints
 * {@code pinned total=N deliberate=D other=O} (D: pins in the deliberate class initializers,
 * which pin on every JDK; O: any other pin, each also printed as {@code pinned-other <frames>}).
 * The recording is the app's own, so whatever the agent's JFR stream enables changes nothing
 * here: a threshold of 0 already records every pin, and the agent only reads events.
 */
public final class PinningApp {

    /** How many deliberate pins the workload makes: one sleep in each of these initializers. */
    public static final int DELIBERATE = 3;
    private static final long PATIENCE_S = 60;

    private PinningApp() {
    }

    public static void main(String[] args) throws Exception {
        new CommandLoop().on("workload", a -> record(Integer.parseInt(a[0]))).run();
    }

    /** Sleeping in a class initializer pins the virtual thread that runs it, on every JDK. */
    static final class PinnedInit0 {
        static {
            pause();
        }

        static void touch() {
        }
    }

    static final class PinnedInit1 {
        static {
            pause();
        }

        static void touch() {
        }
    }

    static final class PinnedInit2 {
        static {
            pause();
        }

        static void touch() {
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void record(int rounds) throws Exception {
        Path file = Files.createTempFile("pinning", ".jfr");
        Instant steady;
        try (Recording r = new Recording()) {
            r.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
            r.start();
            workload(); // warm-up: virtual threads racing to load the same class pin, with or without the agent
            steady = Instant.now();
            for (int i = 0; i < rounds; i++) {
                workload();
            }
            join(Virtual.unstarted(PinnedInit0::touch), Virtual.unstarted(PinnedInit1::touch),
                    Virtual.unstarted(PinnedInit2::touch));
            r.stop();
            r.dump(file);
        }
        int total = 0;
        int deliberate = 0;
        int agent = 0;
        List<String> others = new ArrayList<>();
        for (RecordedEvent e : RecordingFile.readAllEvents(file)) {
            if (!e.getEventType().getName().equals("jdk.VirtualThreadPinned")) {
                continue;
            }
            String frames = frames(e);
            if (frames.matches("(.* )?dev\\.threadlens\\.(?!testapps\\.).*")) {
                agent++; // the agent's own code on the stack of a pin, warm-up included
                System.out.println("pinned-agent " + frames);
            }
            if (e.getStartTime().isBefore(steady)) {
                continue;
            }
            total++;
            if (frames.contains(PinningApp.class.getName() + "$PinnedInit")) {
                deliberate++;
            } else {
                others.add(frames);
            }
        }
        Files.delete(file);
        for (String o : others) {
            System.out.println("pinned-other " + o);
        }
        System.out.println("pinned total=" + total + " deliberate=" + deliberate + " other=" + others.size()
                + " agent=" + agent);
    }

    private static String frames(RecordedEvent e) {
        if (e.getStackTrace() == null) {
            return "(no stack)";
        }
        StringBuilder sb = new StringBuilder();
        for (RecordedFrame f : e.getStackTrace().getFrames()) {
            sb.append(f.getMethod().getType().getName()).append('.').append(f.getMethod().getName()).append(' ');
        }
        return sb.toString();
    }

    private static void join(Thread... threads) throws Exception {
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(PATIENCE_S));
            if (t.isAlive()) {
                throw new IllegalStateException(t + " did not finish");
            }
        }
    }

    private static Thread[] virtual(int n, Checks.Body body) throws Exception {
        Thread[] ts = new Thread[n];
        for (int i = 0; i < n; i++) {
            ts[i] = Virtual.unstarted(() -> {
                try {
                    body.run();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        return ts;
    }

    /** Every probed primitive, contended, from virtual threads; none of it should pin. */
    private static void workload() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        int[] counter = {0};
        join(virtual(20, () -> {
            for (int i = 0; i < 200; i++) {
                lock.lock();
                try {
                    counter[0]++;
                    Thread.yield();
                } finally {
                    lock.unlock();
                }
            }
        }));
        check(counter[0] == 4000, "lock counter " + counter[0]);

        Condition ready = lock.newCondition();
        int[] items = {0};
        Thread[] consumers = virtual(10, () -> {
            for (int k = 0; k < 10; k++) {
                lock.lock();
                try {
                    while (items[0] == 0) {
                        ready.await();
                    }
                    items[0]--;
                } finally {
                    lock.unlock();
                }
            }
        });
        Thread[] producer = virtual(1, () -> {
            for (int k = 0; k < 100; k++) {
                lock.lock();
                try {
                    items[0]++;
                    ready.signal();
                } finally {
                    lock.unlock();
                }
                if (k % 10 == 0) {
                    Thread.sleep(1);
                }
            }
        });
        List<Thread> all = new ArrayList<>(List.of(consumers));
        all.addAll(List.of(producer));
        join(all.toArray(new Thread[0]));

        Semaphore permits = new Semaphore(2);
        join(virtual(20, () -> {
            permits.acquire();
            try {
                Thread.sleep(2);
            } finally {
                permits.release();
            }
        }));

        CountDownLatch gate = new CountDownLatch(1);
        Thread[] waiters = virtual(10, () -> {
            if (!gate.await(PATIENCE_S, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch");
            }
        });
        for (Thread t : waiters) {
            t.start();
        }
        Thread.sleep(20);
        gate.countDown();
        for (Thread t : waiters) {
            t.join();
        }

        ReentrantReadWriteLock rw = new ReentrantReadWriteLock();
        CyclicBarrier barrier = new CyclicBarrier(4);
        Phaser phaser = new Phaser(4);
        join(virtual(4, () -> {
            for (int i = 0; i < 20; i++) {
                if (i % 4 == 0) {
                    rw.writeLock().lock();
                    try {
                        Thread.sleep(1);
                    } finally {
                        rw.writeLock().unlock();
                    }
                } else {
                    rw.readLock().lock();
                    rw.readLock().unlock();
                }
            }
            barrier.await(PATIENCE_S, TimeUnit.SECONDS);
            phaser.arriveAndAwaitAdvance();
        }));

        for (BlockingQueue<Integer> q : List.<BlockingQueue<Integer>>of(new LinkedBlockingQueue<>(4),
                new ArrayBlockingQueue<>(4), new SynchronousQueue<>())) {
            AtomicInteger sum = new AtomicInteger();
            Thread[] taker = virtual(1, () -> {
                for (int i = 0; i < 100; i++) {
                    sum.addAndGet(q.take());
                }
                if (q.poll(5, TimeUnit.MILLISECONDS) != null) {
                    throw new IllegalStateException("extra element");
                }
            });
            Thread[] putter = virtual(1, () -> {
                for (int i = 0; i < 100; i++) {
                    q.put(1);
                }
            });
            join(taker[0], putter[0]);
            check(sum.get() == 100, "queue sum " + sum.get());
        }

        ExecutorService pool = Executors.newFixedThreadPool(2);
        ExecutorService vpool = Virtual.perTaskExecutor();
        try {
            join(virtual(10, () -> {
                Future<Integer> f = pool.submit(() -> {
                    Thread.sleep(1);
                    return 1;
                });
                Future<Integer> g = vpool.submit(() -> {
                    Thread.sleep(1);
                    return 2;
                });
                int v = f.get(PATIENCE_S, TimeUnit.SECONDS) + g.get(PATIENCE_S, TimeUnit.SECONDS)
                        + CompletableFuture.supplyAsync(() -> 3, vpool).join();
                check(v == 6, "futures " + v);
            }));
        } finally {
            pool.shutdown();
            vpool.shutdown();
            check(pool.awaitTermination(PATIENCE_S, TimeUnit.SECONDS), "pool did not end");
            check(vpool.awaitTermination(PATIENCE_S, TimeUnit.SECONDS), "virtual pool did not end");
        }

        Thread sleeper = Virtual.unstarted(() -> pause());
        sleeper.start();
        join(virtual(5, () -> {
            sleeper.join();
            Thread.sleep(1);
        }));
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }
}
