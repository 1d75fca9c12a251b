package dev.threadlens.testapps.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

/**
 * A list of named conformance checks and the tools they are written with. A check either
 * returns (PASS) or throws (FAIL with the reason). Everything that "should happen" gets a
 * generous deadline; only things that "should time out" use short timeouts, so a loaded machine
 * makes a check slower, never wrong.
 */
public final class Checks {

    /** A check body. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** One named check. */
    public static final class Check {
        final String name;
        final Body body;

        Check(String name, Body body) {
            this.name = name;
            this.body = body;
        }
    }

    /** How long anything that should happen may take on a loaded two-core machine. */
    public static final long PATIENCE_MS = 30_000;
    /** The short timeout of things that should time out. */
    public static final long SHORT_MS = 50;

    private final List<Check> checks = new ArrayList<>();

    public Checks add(String name, Body body) {
        checks.add(new Check(name, body));
        return this;
    }

    List<Check> all() {
        return checks;
    }

    /** Thrown by a failed expectation. */
    public static final class Failed extends Exception {
        private static final long serialVersionUID = 1L;

        Failed(String detail) {
            super(detail, null, false, false);
        }
    }

    public static void expect(boolean condition, String detail) throws Failed {
        if (!condition) {
            throw new Failed(detail);
        }
    }

    public static void expectEquals(Object expected, Object actual, String what) throws Failed {
        if (expected == null ? actual != null : !expected.equals(actual)) {
            throw new Failed(what + ": expected " + expected + " but was " + actual);
        }
    }

    /** Runs {@code body} and expects it to throw {@code type}; returns the throwable. */
    public static <T extends Throwable> T expectThrows(Class<T> type, Body body, String what) throws Failed {
        try {
            body.run();
        } catch (Throwable t) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
            throw new Failed(what + ": expected " + type.getSimpleName() + " but got " + t);
        }
        throw new Failed(what + ": expected " + type.getSimpleName() + " but nothing was thrown");
    }

    /** Polls until {@code condition} holds, failing after {@link #PATIENCE_MS}. */
    public static void eventually(BooleanSupplier condition, String what) throws Failed, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PATIENCE_MS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new Failed("timed out waiting for: " + what);
            }
            Thread.sleep(1);
        }
    }

    /** Waits until {@code t} is parked or waiting (untimed or timed). */
    public static void awaitBlocked(Thread t) throws Failed, InterruptedException {
        eventually(() -> {
            Thread.State s = t.getState();
            return s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING || s == Thread.State.BLOCKED;
        }, t.getName() + " blocked (is " + t.getState() + ")");
    }

    /** Elapsed milliseconds since {@code startNanos}. */
    public static long since(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** A platform thread that runs a body and keeps what it threw, for {@link Helper#finish()}. */
    public static final class Helper {
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Helper(String name, Body body, boolean virtual) throws Exception {
            Runnable r = () -> {
                try {
                    body.run();
                } catch (Throwable t) {
                    failure.set(t);
                }
            };
            thread = virtual ? Virtual.unstarted(r) : new Thread(r);
            thread.setName(name);
            thread.setDaemon(true);
        }

        public Thread thread() {
            return thread;
        }

        /** Joins (generously) and rethrows what the body threw. */
        public void finish() throws Exception {
            thread.join(PATIENCE_MS);
            if (thread.isAlive()) {
                throw new Failed(thread.getName() + " did not finish; state " + thread.getState());
            }
            Throwable t = failure.get();
            if (t instanceof Exception) {
                throw (Exception) t;
            }
            if (t != null) {
                throw new Failed(thread.getName() + " threw " + t);
            }
        }
    }

    /** Starts a platform helper thread. */
    public static Helper start(String name, Body body) throws Exception {
        Helper h = new Helper(name, body, false);
        h.thread.start();
        return h;
    }

    /** Starts a virtual helper thread (JDK 21+). */
    public static Helper startVirtual(String name, Body body) throws Exception {
        Helper h = new Helper(name, body, true);
        h.thread.start();
        return h;
    }

    private Checks() {
    }

    static Checks create() {
        return new Checks();
    }
}
