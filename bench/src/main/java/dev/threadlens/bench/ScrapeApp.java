package dev.threadlens.bench;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An application with many series for the scrape timing: {@code sites} locks made at as many
 * source lines (by {@code GeneratedLocks.make(i)}, compiled by the harness into the directory
 * given), each waited on once (a timed-out {@code tryLock} while another thread holds it), and
 * {@code pools} named thread pools that have each run tasks. Prints {@code ready}, then waits
 * until its standard input closes.
 */
public final class ScrapeApp {

    private static final List<Object> KEPT = new ArrayList<>();

    private ScrapeApp() {
    }

    public static void main(String[] args) throws Exception {
        Path classes = Path.of(args[0]);
        int sites = Integer.parseInt(args[1]);
        int pools = Integer.parseInt(args[2]);
        contendAtManySites(classes, sites);
        for (int p = 0; p < pools; p++) {
            KEPT.add(busyPool("pool" + p + "-worker"));
        }
        System.out.println("ready");
        System.out.flush();
        while (System.in.read() >= 0) {
            // keep the series alive
        }
    }

    private static void contendAtManySites(Path classes, int sites) throws Exception {
        URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, ScrapeApp.class.getClassLoader());
        var make = loader.loadClass("GeneratedLocks").getMethod("make", int.class);
        ReentrantLock[] locks = new ReentrantLock[sites];
        for (int i = 0; i < sites; i++) {
            locks[i] = (ReentrantLock) make.invoke(null, i);
        }
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            for (ReentrantLock l : locks) {
                l.lock();
            }
            held.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            for (ReentrantLock l : locks) {
                l.unlock();
            }
        }, "holder");
        holder.start();
        held.await();
        for (ReentrantLock l : locks) {
            if (l.tryLock(1, TimeUnit.NANOSECONDS)) {
                l.unlock();
            }
        }
        release.countDown();
        holder.join();
        KEPT.add(locks);
    }

    private static ExecutorService busyPool(String name) throws Exception {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                r -> {
                    Thread t = new Thread(r, name + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            done.add(pool.submit(() -> Thread.onSpinWait()));
        }
        for (Future<?> f : done) {
            f.get();
        }
        return pool;
    }
}
