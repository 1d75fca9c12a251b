package dev.threadlens.testapps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Thread lifecycle on command: {@code start N [daemon]}, {@code virtual N},
 * {@code uncaught <ExceptionClass>}, {@code hold N} / {@code release}, {@code busy}.
 */
public final class LifecycleApp {

    private static CountDownLatch held = new CountDownLatch(0);
    private static final List<Thread> holders = new ArrayList<>();

    private LifecycleApp() {
    }

    public static void main(String[] args) throws Exception {
        new CommandLoop()
                .on("start", a -> {
                    int n = Integer.parseInt(a[0]);
                    boolean daemon = a.length > 1 && a[1].equals("daemon");
                    List<Thread> threads = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        Thread t = new Thread(() -> { }, "worker-" + i);
                        t.setDaemon(daemon);
                        t.start();
                        threads.add(t);
                    }
                    for (Thread t : threads) {
                        t.join();
                    }
                })
                .on("virtual", a -> {
                    int n = Integer.parseInt(a[0]);
                    List<Thread> threads = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        threads.add(CommandLoop.startVirtual(() -> { }));
                    }
                    for (Thread t : threads) {
                        t.join();
                    }
                })
                .on("uncaught", a -> {
                    String type = a[0];
                    Thread t = new Thread(() -> {
                        try {
                            throw (RuntimeException) Class.forName(type).getConstructor(String.class)
                                    .newInstance("thrown on purpose by the test");
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException(e);
                        }
                    }, "dies");
                    t.start();
                    t.join();
                })
                .on("hold", a -> {
                    int n = Integer.parseInt(a[0]);
                    held = new CountDownLatch(1);
                    CountDownLatch started = new CountDownLatch(n);
                    CountDownLatch gate = held;
                    for (int i = 0; i < n; i++) {
                        Thread t = new Thread(() -> {
                            started.countDown();
                            try {
                                gate.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }, "held-" + i);
                        t.start();
                        holders.add(t);
                    }
                    started.await();
                    // Counted down is not yet parked: the wait's probe runs first. Return once every
                    // holder is really WAITING, so a scrape right after sees all of them.
                    for (Thread t : holders) {
                        CommandLoop.awaitState(t, Thread.State.WAITING);
                    }
                })
                .on("release", a -> {
                    held.countDown();
                    for (Thread t : holders) {
                        t.join();
                    }
                    holders.clear();
                })
                .run();
    }
}
