package dev.threadlens.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A little concurrency (a pool, a contended lock), then a settle time so every agent has started
 * its threads and streams, then heap used after GC and Metaspace used, printed as
 * {@code footprint <heapBytes> <metaspaceBytes>}.
 */
public final class FootprintApp {

    private FootprintApp() {
    }

    public static void main(String[] args) throws Exception {
        long settleMillis = args.length > 0 ? Long.parseLong(args[0]) : 3_000;
        ReentrantLock lock = new ReentrantLock();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(500);
        while (System.nanoTime() < end) {
            Future<?> a = pool.submit(() -> hold(lock));
            Future<?> b = pool.submit(() -> hold(lock));
            a.get();
            b.get();
        }
        pool.shutdown();
        Thread.sleep(settleMillis);
        long heap = 0;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
        }
        heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long metaspace = 0;
        for (MemoryPoolMXBean pool1 : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool1.getName().equals("Metaspace")) {
                metaspace = pool1.getUsage().getUsed();
            }
        }
        System.out.println("footprint " + heap + " " + metaspace);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }

    private static void hold(ReentrantLock lock) {
        lock.lock();
        try {
            long until = System.nanoTime() + 20_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
        } finally {
            lock.unlock();
        }
    }
}
