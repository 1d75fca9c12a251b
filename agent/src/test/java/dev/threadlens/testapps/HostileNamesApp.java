package dev.threadlens.testapps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Threads whose names are built to break JSON and HTML: markup, quotes, backslashes, control
 * characters, non-BMP characters and a lone surrogate. {@code hostile} starts them all at once:
 * <ul>
 * <li>the {@link #HOLDER} takes {@link #LOCK} (a {@code ReentrantLock}) and {@link #MONITOR} and
 *     keeps them; each of {@link #WAITERS} waits for the lock, {@link #BLOCKED} for the monitor;</li>
 * <li>{@link #DEADLOCKED} are two threads that each hold one lock and want the other's;</li>
 * <li>{@link #THROWER} dies of an {@code IllegalStateException} whose message is
 *     {@link #EXCEPTION_MESSAGE}.</li>
 * </ul>
 * The test reads these constants: the names it expects back are the very strings used here.
 */
public final class HostileNamesApp {

    public static final String MARKUP = "<script>alert(1)</script>";
    public static final String QUOTES = "\"quotes\" and 'apostrophes' \"}]},{\"x\":\"";
    public static final String BACKSLASHES = "back\\slash \\\" \\u0041 \\";
    public static final String CONTROLS = "ctl \u0000\u0001\u0007\b\f\u001b\u001f\t\n\r\u007f\u0085\u2028\u2029 end";
    public static final String NON_BMP = "non-BMP \uD83D\uDE00 \uD834\uDD1E \uD800 lone";
    public static final String CLOSING = "</script><!-- ]]> &amp; &lt;b&gt;";

    public static final String HOLDER = MARKUP + " holder";
    public static final List<String> WAITERS = List.of(QUOTES + " waiter", BACKSLASHES + " waiter",
            CONTROLS + " waiter", NON_BMP + " waiter");
    public static final String BLOCKED = CLOSING + " blocked";
    public static final List<String> DEADLOCKED = List.of(MARKUP + " " + QUOTES + " dl-1",
            NON_BMP + " " + CONTROLS + " dl-2");
    public static final String THROWER = BACKSLASHES + " " + CLOSING + " thrower";
    public static final String EXCEPTION_MESSAGE = "</pre><img src=x onerror=alert(2)> \"}],\"x\":[{\" \\ \u0000 \uD83D\uDE00";

    public static final ReentrantLock LOCK = new ReentrantLock();
    public static final Object MONITOR = new Object();

    private static final List<Thread> started = new ArrayList<>();

    private HostileNamesApp() {
    }

    public static void main(String[] args) throws Exception {
        new CommandLoop().on("hostile", a -> hostile()).run();
    }

    private static void hostile() throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch never = new CountDownLatch(1);
        start(HOLDER, () -> {
            LOCK.lock();
            synchronized (MONITOR) {
                holding.countDown();
                await(never);
            }
        });
        holding.await();
        List<Thread> lockWaiters = new ArrayList<>();
        for (String name : WAITERS) {
            lockWaiters.add(start(name, LOCK::lock));
        }
        Thread blocked = start(BLOCKED, () -> {
            synchronized (MONITOR) {
                MONITOR.notifyAll();
            }
        });
        deadlock();
        Thread thrower = start(THROWER, () -> {
            throw new IllegalStateException(EXCEPTION_MESSAGE);
        });
        thrower.join();
        for (Thread t : lockWaiters) {
            CommandLoop.awaitState(t, Thread.State.WAITING);
        }
        CommandLoop.awaitState(blocked, Thread.State.BLOCKED);
    }

    private static void deadlock() throws InterruptedException {
        ReentrantLock left = new ReentrantLock();
        ReentrantLock right = new ReentrantLock();
        CountDownLatch bothHold = new CountDownLatch(2);
        Thread a = start(DEADLOCKED.get(0), () -> cross(left, right, bothHold));
        Thread b = start(DEADLOCKED.get(1), () -> cross(right, left, bothHold));
        CommandLoop.awaitState(a, Thread.State.WAITING);
        CommandLoop.awaitState(b, Thread.State.WAITING);
    }

    private static void cross(ReentrantLock first, ReentrantLock second, CountDownLatch bothHold) {
        first.lock();
        bothHold.countDown();
        await(bothHold);
        second.lock();
    }

    private static Thread start(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        started.add(t);
        return t;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
