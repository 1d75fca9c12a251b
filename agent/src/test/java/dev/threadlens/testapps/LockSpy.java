package dev.threadlens.testapps;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Replaces the sink of {@code LockProbes} with counters of the calls made by the test's own
 * threads ({@code main} and {@code app-*}; the JDK's threads may use locks at any time), by
 * kind: constructors, waits (start and end), signals (and hold times). With
 * {@code reentrant}, every call also does what a careless sink might: creates a lock, takes a
 * contended one, sleeps and signals, all of them probed operations. The probe guard must keep
 * those from reaching the sink again (no recursion, no extra calls) and nothing may deadlock.
 * {@code ignoresSignals}, which the dispatcher asks before its guard, answers false and does
 * nothing else, as its contract requires.
 */
final class LockSpy {

    /** created, waits, signals: [0..2] by main, [3..5] by app-* threads. */
    private static final AtomicIntegerArray CALLS = new AtomicIntegerArray(6);
    private static final ReentrantLock CONTENDED = new ReentrantLock();
    private static final Condition NOBODY_WAITS = CONTENDED.newCondition();
    private static volatile boolean hogging;

    private LockSpy() {
    }

    static void install(boolean reentrant) throws Exception {
        if (reentrant && !hogging) {
            hogging = true;
            Thread hog = new Thread(() -> {
                while (true) {
                    CONTENDED.lock();
                    LockSupport.parkNanos(20_000);
                    CONTENDED.unlock();
                    LockSupport.parkNanos(20_000);
                }
            }, "hog");
            hog.setDaemon(true);
            hog.start();
        }
        Class<?> probes = Class.forName("dev.threadlens.bootstrap.LockProbes", true, null);
        Class<?> sink = Class.forName(probes.getName() + "$Sink", true, null);
        Object spy = Proxy.newProxyInstance(LockSpy.class.getClassLoader(), new Class<?>[] {sink},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == args[0]
                                : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "spy";
                    }
                    if (method.getName().equals("ignoresSignals")) {
                        return false; // asked outside the guard: by contract it touches nothing probed
                    }
                    String name = Thread.currentThread().getName();
                    if (name.equals("main") || name.startsWith("app-")) {
                        String m = method.getName();
                        int kind = m.equals("created") ? 0 : m.startsWith("wait") ? 1 : 2;
                        CALLS.incrementAndGet((name.equals("main") ? 0 : 3) + kind);
                    }
                    if (reentrant) {
                        misbehave();
                    }
                    return null;
                });
        for (int i = 0; i < CALLS.length(); i++) {
            CALLS.set(i, 0);
        }
        probes.getMethod("install", sink).invoke(null, spy);
    }

    /** Probed operations from inside the sink. */
    private static void misbehave() throws InterruptedException {
        ReentrantLock fresh = new ReentrantLock();
        fresh.lock();
        fresh.unlock();
        CONTENDED.lock();
        try {
            NOBODY_WAITS.signal();
        } finally {
            CONTENDED.unlock();
        }
        Thread.sleep(0, 1);
    }

    /** {@code main[created=N waits=N signals=N] app[...]}: sink calls by the test's threads since install. */
    static String count() {
        return "main" + group(0) + " app" + group(3);
    }

    private static String group(int at) {
        return "[created=" + CALLS.get(at) + " waits=" + CALLS.get(at + 1) + " signals=" + CALLS.get(at + 2) + "]";
    }
}
