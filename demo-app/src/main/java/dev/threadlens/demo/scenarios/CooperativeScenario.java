package dev.threadlens.demo.scenarios;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import dev.threadlens.demo.Deadline;
import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * Cooperative multitasking: tasks that hand control back by themselves, so that one thread can
 * interleave many. First generator-style tasks stepped by a loop on main (no thread at all), then
 * the same as CompletableFuture steps on a one-thread event loop, then (JDK 21+) virtual threads,
 * which are scheduled this way under the hood: a blocking call hands the carrier thread to
 * another virtual thread. Unless the virtual thread is pinned to its carrier.
 */
public final class CooperativeScenario implements Scenario {

    private static final String TYPED = "hello, threadlens";
    private static final int SLICES = 40;
    private static final int VIRTUAL_PER_ROUND = 1_000;
    private static final long PIN_MILLIS = 300;
    private static final long PIN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final Object ledger = new Object();

    @Override
    public String name() {
        return "cooperative";
    }

    @Override
    public String summary() {
        return "cooperative multitasking: generator-style tasks, CompletableFuture steps, virtual threads (JDK 21+)";
    }

    @Override
    public void run(Run run) throws Exception {
        run.title("cooperative multitasking");
        run.concept("Tasks that give control back by themselves (at a yield, or at every blocking call) can share one "
                + "thread. Virtual threads work this way: when one blocks, its carrier thread runs another.");
        run.happens("A long computation and a user typing, interleaved: as generator-style steps on main, then as "
                + "CompletableFuture steps on one 'event-loop' thread, then (JDK 21+) " + VIRTUAL_PER_ROUND
                + " virtual threads at a time on a few carriers, and two that pin their carrier.");
        run.watch("jvm_thread_started_total{jvm_thread_virtual=\"true\"}", "the virtual threads (JDK 21+)",
                Panel.OVERVIEW);
        run.watch("jvm_thread_virtual_pinned_seconds", "virtual threads that blocked while pinned to their carrier",
                Panel.THREADS);

        // A key arrives every keyMillis and a slice of the computation takes keyMillis too, so the
        // typing (17 keys) is over well before the computation (40 slices), on any machine.
        long phaseMillis = run.duration().toMillis() / 3;
        long keyMillis = Math.max(5, Math.min(40, phaseMillis / SLICES));

        int steps = onOneThreadWithGenerators(run, keyMillis);
        run.say("generators: %d steps of two tasks interleaved on main; no thread was started", steps);

        Set<String> loopThreads = ConcurrentHashMap.newKeySet();
        ExecutorService eventLoop = Executors.newSingleThreadExecutor(r -> new Thread(r, "event-loop"));
        try {
            CompletableFuture<Void> crunched = crunchAsync(run, eventLoop, 0, keyMillis, loopThreads);
            CompletableFuture<Void> typed = CompletableFuture.completedFuture(null);
            for (int i = 0; i < TYPED.length(); i++) {
                char c = TYPED.charAt(i);
                typed = typed.thenRunAsync(() -> {
                    loopThreads.add(Thread.currentThread().getName());
                    if (c == ' ' || c == ',') {
                        run.say("[typist] ... '%s'", c);
                    }
                }, CompletableFuture.delayedExecutor(keyMillis, TimeUnit.MILLISECONDS, eventLoop));
            }
            CompletableFuture.allOf(crunched, typed).join();
        } finally {
            eventLoop.shutdown();
            eventLoop.awaitTermination(10, TimeUnit.SECONDS);
        }
        run.say("CompletableFuture: every step of both tasks ran on %s", loopThreads);

        int virtualStarted = 0;
        if (!VirtualThreads.available()) {
            run.say("virtual threads need JDK 21 or newer; this is JDK %d: skipped", Runtime.version().feature());
            run.deadline().sleepUntil();
        } else {
            virtualStarted += pinned(run);
            int rounds = 0;
            int pins = 0;
            Set<String> carriers = ConcurrentHashMap.newKeySet();
            long nextPin = System.nanoTime() + PIN_EVERY_NANOS;
            do {
                virtualStarted += manyVirtualThreads(carriers);
                rounds++;
                if (System.nanoTime() - nextPin >= 0) { // pinning that recurs, as a slow class loader's would
                    virtualStarted += pinnedInClassInit();
                    pins++;
                    nextPin = System.nanoTime() + PIN_EVERY_NANOS;
                }
            } while (!run.deadline().passed());
            run.say("virtual threads: %d rounds of %d, each sleeping 3 times, ran on %d carrier threads; "
                    + "%d more pinned while initializing a class", rounds, VIRTUAL_PER_ROUND, carriers.size(), pins);
        }
        run.result("one thread interleaved two tasks twice over; started %d virtual threads", virtualStarted);
    }

    /** Round-robin over two step-at-a-time tasks on the current thread: a tiny cooperative scheduler. */
    private static int onOneThreadWithGenerators(Run run, long keyMillis) throws InterruptedException {
        List<Task> tasks = List.of(new Task("crunch", new Crunch(keyMillis)), new Task("typist", new Typist(keyMillis)));
        int steps = 0;
        boolean busy = true;
        while (busy) {
            busy = false;
            boolean progressed = false;
            for (Task t : tasks) {
                if (t.steps.hasNext()) {
                    busy = true;
                    String news = t.steps.next(); // the task runs until it hands control back
                    steps++;
                    if (news != null) {
                        progressed = true;
                        if (!news.isEmpty()) {
                            run.say("[%s] %s", t.name, news);
                        }
                    }
                }
            }
            if (busy && !progressed) {
                Thread.sleep(1); // nothing to do right now: an idle scheduler waits a little
            }
        }
        return steps;
    }

    private static CompletableFuture<Void> crunchAsync(Run run, ExecutorService loop, int slice, long sliceMillis,
            Set<String> threads) {
        return CompletableFuture.runAsync(() -> {
            threads.add(Thread.currentThread().getName());
            computeFor(slice, sliceMillis);
            if ((slice + 1) % 10 == 0) {
                run.say("[crunch] %d%% done", 100 * (slice + 1) / SLICES);
            }
        }, loop).thenComposeAsync(v -> slice + 1 < SLICES ? crunchAsync(run, loop, slice + 1, sliceMillis, threads)
                : CompletableFuture.completedFuture(null), loop);
    }

    /** One slice of the long computation: about {@code millis} of arithmetic. */
    private static long computeFor(long seed, long millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long x = seed + 1;
        do {
            x = Workers.crunch(x, 10_000);
        } while (System.nanoTime() - end < 0);
        return x;
    }

    /** Two virtual threads that block while pinned to their carrier; returns how many were started. */
    private int pinned(Run run) throws Exception {
        ThreadFactory factory = VirtualThreads.factory("pinned-");
        Thread inMonitor = factory.newThread(() -> {
            synchronized (ledger) {
                sleep(PIN_MILLIS); // JDK 21-23: cannot unmount while holding a monitor
            }
        });
        inMonitor.start();
        inMonitor.join();
        pinnedInClassInit();
        run.say("pinned: one virtual thread slept inside synchronized (this pins its carrier on JDK 21-23; since "
                + "JDK 24, JEP 491, it unmounts), one slept while initializing a class (pins on JDK %d too)",
                Runtime.version().feature());
        return 2;
    }

    /** One virtual thread that sleeps in a class initializer, pinned on every JDK 21+; returns 1. */
    private static int pinnedInClassInit() throws InterruptedException {
        Thread inClassInit = VirtualThreads.factory("pinned-").newThread(CooperativeScenario::initializeSlowClass);
        inClassInit.start();
        inClassInit.join();
        return 1;
    }

    /**
     * Initializes a fresh copy of {@link SlowToInitialize} (a new class loader each time, so that
     * every run really runs its static initializer, which sleeps).
     */
    private static void initializeSlowClass() {
        try {
            URL code = Path.of(CooperativeScenario.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toUri().toURL();
            try (URLClassLoader fresh = new URLClassLoader(new URL[] {code}, null)) {
                Class.forName(SlowToInitialize.class.getName(), true, fresh);
            }
        } catch (IOException | URISyntaxException | ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int manyVirtualThreads(Set<String> carriers) throws InterruptedException {
        ExecutorService perTask = VirtualThreads.perTaskExecutor(VirtualThreads.factory("virtual-"));
        try {
            for (int i = 0; i < VIRTUAL_PER_ROUND; i++) {
                perTask.execute(() -> {
                    for (int k = 0; k < 3; k++) {
                        carriers.add(VirtualThreads.carrierOfCurrent());
                        sleep(100); // blocking: the carrier runs another virtual thread meanwhile
                    }
                });
            }
        } finally {
            perTask.shutdown();
            perTask.awaitTermination(1, TimeUnit.MINUTES);
        }
        return VIRTUAL_PER_ROUND;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A step-at-a-time task (a generator): each {@code steps.next()} does one step and hands
     * control back, returning news to print, "" for a step with nothing to say, or null when it
     * had nothing to do yet.
     */
    private static final class Task {
        final String name;
        final Iterator<String> steps;

        Task(String name, Iterator<String> steps) {
            this.name = name;
            this.steps = steps;
        }
    }

    /** A long computation cut into slices: each next() computes one and hands control back. */
    private static final class Crunch implements Iterator<String> {
        private final long sliceMillis;
        private int slice;
        private long result;

        Crunch(long sliceMillis) {
            this.sliceMillis = sliceMillis;
        }

        @Override
        public boolean hasNext() {
            return slice < SLICES;
        }

        @Override
        public String next() {
            result += computeFor(slice, sliceMillis);
            slice++;
            return slice % 10 == 0 ? (100 * slice / SLICES) + "% done" + (slice == SLICES ? ", result " + result : "")
                    : "";
        }
    }

    /** A user typing: each next() handles a key if one has arrived (one every few ms), else reports nothing. */
    private static final class Typist implements Iterator<String> {
        private final long keyNanos;
        private final long start = System.nanoTime();
        private final StringBuilder typed = new StringBuilder();

        Typist(long keyMillis) {
            this.keyNanos = TimeUnit.MILLISECONDS.toNanos(keyMillis);
        }

        @Override
        public boolean hasNext() {
            return typed.length() < TYPED.length();
        }

        @Override
        public String next() {
            long arrived = (System.nanoTime() - start) / keyNanos;
            if (typed.length() >= arrived) {
                return null; // no new key yet: give control straight back
            }
            typed.append(TYPED.charAt(typed.length()));
            return typed.length() % 6 == 0 || !hasNext() ? "typed so far: '" + typed + "'" : "";
        }
    }

    /** A class whose static initializer blocks: a virtual thread running it cannot unmount. */
    static final class SlowToInitialize {
        static {
            sleepInInitializer();
        }

        private SlowToInitialize() {
        }

        private static void sleepInInitializer() {
            try {
                Thread.sleep(PIN_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
