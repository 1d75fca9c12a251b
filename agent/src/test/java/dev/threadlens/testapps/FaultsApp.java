package dev.threadlens.testapps;

import java.io.IOException;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.ThreadInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Stream;

/**
 * The application side of the fault tests: workloads whose results it checks itself, so a fault
 * that reached it (an exception, a wrong count, a thread that never woke) shows as
 * {@code result wrong ...} or {@code hammer stuck ...} instead of {@code ... ok}.
 *
 * <ul>
 * <li>{@code work <rounds>}: contended locks and monitors, executor tasks, thread starts and
 * joins; prints {@code result ok ...} when every count is exact.</li>
 * <li>{@code hammer start|progress|mark|behind|stop}: 50 threads on three ReentrantLocks, a
 * monitor, a Semaphore, a Condition-based buffer and a LinkedBlockingQueue, all untimed waits
 * (a lost wake-up hangs a thread rather than hiding behind a timeout), until {@code stop}
 * checks the invariants; a watchdog dumps the threads that did not finish.</li>
 * <li>{@code stats}: metaspace used, loaded classes, sockets open, and the agent's threads.</li>
 * </ul>
 */
public final class FaultsApp {

    private static Hammer hammer;
    /**
     * The pools {@code work} used, shut down but kept reachable: a pool that is garbage leaves
     * /metrics with its counts, and the tests read those counts after the work is done.
     */
    private static final List<ExecutorService> USED_POOLS = new ArrayList<>();

    private FaultsApp() {
    }

    public static void main(String[] args) throws Exception {
        new CommandLoop()
                .on("work", a -> System.out.println(work(Integer.parseInt(a[0]))))
                .on("hammer", a -> hammer(a[0]))
                .on("stats", a -> {
                    if (a.length > 0 && a[0].equals("settled")) {
                        settle();
                    }
                    System.out.println(stats());
                })
                .run();
    }

    // ---- work: every component's recording point, results checked --------------------------

    private static String work(int rounds) throws Exception {
        List<String> wrong = new ArrayList<>();
        // Locks: 8 threads, each holding the lock a moment so the others queue (contended waits).
        ReentrantLock lock = new ReentrantLock();
        Object monitor = new Object();
        long[] counter = new long[2];
        int lockThreads = 8;
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < lockThreads; t++) {
            threads.add(new Thread(() -> {
                for (int i = 0; i < rounds; i++) {
                    lock.lock();
                    try {
                        counter[0]++;
                        if (i % 10 == 0) {
                            sleepQuietly(1);
                        }
                    } finally {
                        lock.unlock();
                    }
                    synchronized (monitor) {
                        counter[1]++;
                        if (i % 10 == 0) {
                            sleepQuietly(1);
                        }
                    }
                }
            }, "app-locker-" + t));
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        long expected = (long) lockThreads * rounds;
        if (counter[0] != expected || counter[1] != expected) {
            wrong.add("locked counters " + counter[0] + "," + counter[1] + " expected " + expected);
        }
        // Executors: tasks whose results must all come back.
        ExecutorService pool = new ThreadPoolExecutor(4, 4, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
        List<Future<Long>> futures = new ArrayList<>();
        for (int i = 1; i <= rounds; i++) {
            long n = i;
            futures.add(pool.submit(() -> n * n));
        }
        long sum = 0;
        for (Future<Long> f : futures) {
            sum += f.get(60, TimeUnit.SECONDS);
        }
        pool.shutdown();
        USED_POOLS.add(pool);
        if (!pool.awaitTermination(60, TimeUnit.SECONDS)) {
            wrong.add("pool did not terminate");
        }
        long squares = (long) rounds * (rounds + 1) * (2L * rounds + 1) / 6;
        if (sum != squares) {
            wrong.add("task sum " + sum + " expected " + squares);
        }
        // Thread lifecycle: threads started, each doing its part.
        AtomicInteger ran = new AtomicInteger();
        List<Thread> starters = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            starters.add(new Thread(ran::incrementAndGet, "app-started-" + i));
        }
        starters.forEach(Thread::start);
        for (Thread t : starters) {
            t.join();
        }
        if (ran.get() != 20) {
            wrong.add("threads ran " + ran.get() + " expected 20");
        }
        return wrong.isEmpty() ? "result ok locked=" + counter[0] + " tasks=" + sum + " threads=" + ran.get()
                : "result wrong " + String.join("; ", wrong);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- hammer: heavy contention across a detach ------------------------------------------

    private static void hammer(String what) throws Exception {
        switch (what) {
            case "start":
                hammer = new Hammer();
                hammer.start();
                break;
            case "progress": // the fewest operations any worker has done so far
                System.out.println("hammer min " + hammer.minOps());
                break;
            case "mark":
                hammer.mark();
                break;
            case "behind": // workers that did nothing since the mark
                System.out.println("hammer behind " + hammer.behind());
                break;
            case "stop":
                System.out.println(hammer.stop());
                break;
            default:
                throw new IllegalArgumentException(what);
        }
    }

    /** Fifty workers; every wait untimed; {@link #stop()} checks what must hold. */
    private static final class Hammer {
        private static final int LOCKERS = 20;
        private static final int PERMIT_USERS = 10;
        private static final int PAIRS = 5; // producers and consumers, for the buffer and the queue
        private static final int PERMITS = 3;
        private static final long POISON = -1;

        private final ReentrantLock[] locks = {new ReentrantLock(), new ReentrantLock(true), new ReentrantLock()};
        private final long[] guarded = new long[locks.length];
        private final Object monitor = new Object();
        private long monitored;
        private final Semaphore semaphore = new Semaphore(PERMITS);
        private final AtomicInteger inside = new AtomicInteger();
        private volatile String violation;
        private final Buffer buffer = new Buffer(4);
        private final LinkedBlockingQueue<Long> queue = new LinkedBlockingQueue<>(8);
        private volatile boolean stopping;

        private final List<Thread> producers = new ArrayList<>();
        private final List<Thread> others = new ArrayList<>();
        private final List<Thread> consumers = new ArrayList<>();
        private final List<Thread> all = new ArrayList<>();
        private final AtomicLongArray ops = new AtomicLongArray(LOCKERS + PERMIT_USERS + 4 * PAIRS);
        private final long[] marked = new long[ops.length()];
        /** Per locker and lock: its own count, to add up against the guarded counters. */
        private final long[][] lockerCounts = new long[LOCKERS][locks.length];
        private final long[] lockerMonitor = new long[LOCKERS];
        private final long[] produced = new long[2 * PAIRS];
        private final long[] consumed = new long[2 * PAIRS];

        void start() {
            int w = 0;
            for (int i = 0; i < LOCKERS; i++) {
                others.add(worker("app-locker-" + i, w++, this::lockOnce, i));
            }
            for (int i = 0; i < PERMIT_USERS; i++) {
                others.add(worker("app-permits-" + i, w++, this::permitOnce, i));
            }
            for (int i = 0; i < PAIRS; i++) {
                producers.add(worker("app-buffer-put-" + i, w++, me -> buffer.put(me + 1L), i));
                producers.add(worker("app-queue-put-" + i, w++, me -> queue.put(me + 1L), i + PAIRS));
            }
            for (int i = 0; i < PAIRS; i++) {
                consumers.add(consumer("app-buffer-take-" + i, w++, buffer::take, i));
                consumers.add(consumer("app-queue-take-" + i, w++, queue::take, i + PAIRS));
            }
            all.addAll(others);
            all.addAll(producers);
            all.addAll(consumers);
            all.forEach(Thread::start);
        }

        interface Op {
            void run(int me) throws InterruptedException;
        }

        interface Take {
            long take() throws InterruptedException;
        }

        private Thread worker(String name, int slot, Op op, int me) {
            Thread t = new Thread(() -> {
                try {
                    while (!stopping) {
                        op.run(me);
                        ops.incrementAndGet(slot);
                        if (name.contains("-put-")) {
                            produced[me]++;
                        }
                    }
                } catch (Throwable e) {
                    violation = name + " failed: " + e;
                }
            }, name);
            t.setDaemon(true);
            return t;
        }

        private Thread consumer(String name, int slot, Take take, int me) {
            Thread t = new Thread(() -> {
                try {
                    while (true) {
                        long item = take.take();
                        if (item == POISON) {
                            return;
                        }
                        if (item <= 0) {
                            violation = name + " took " + item;
                        }
                        consumed[me] += item;
                        ops.incrementAndGet(slot);
                    }
                } catch (Throwable e) {
                    violation = name + " failed: " + e;
                }
            }, name);
            t.setDaemon(true);
            return t;
        }

        private void lockOnce(int me) {
            int l = (int) (ops.get(me) % locks.length);
            locks[l].lock();
            try {
                guarded[l]++;
                lockerCounts[me][l]++;
            } finally {
                locks[l].unlock();
            }
            if (ops.get(me) % 4 == 0) {
                synchronized (monitor) {
                    monitored++;
                    lockerMonitor[me]++;
                }
            }
        }

        private void permitOnce(int me) throws InterruptedException {
            semaphore.acquire();
            try {
                int now = inside.incrementAndGet();
                if (now > PERMITS) {
                    violation = now + " threads inside a semaphore of " + PERMITS;
                }
                Thread.yield();
                inside.decrementAndGet();
            } finally {
                semaphore.release();
            }
        }

        long minOps() {
            long min = Long.MAX_VALUE;
            for (int i = 0; i < ops.length(); i++) {
                min = Math.min(min, ops.get(i));
            }
            return min;
        }

        void mark() {
            for (int i = 0; i < ops.length(); i++) {
                marked[i] = ops.get(i);
            }
        }

        int behind() {
            int n = 0;
            for (int i = 0; i < ops.length(); i++) {
                if (ops.get(i) <= marked[i]) {
                    n++;
                }
            }
            return n;
        }

        /** Stops producers and lockers, drains with poison, waits for all (watchdog), checks invariants. */
        String stop() throws InterruptedException {
            int behind = behind();
            stopping = true;
            List<String> stuck = new ArrayList<>();
            awaitAll(others, stuck);
            awaitAll(producers, stuck); // consumers still run, so a producer waiting for room gets it
            for (int i = 0; i < PAIRS; i++) {
                buffer.put(POISON);
                queue.put(POISON);
            }
            awaitAll(consumers, stuck);
            if (!stuck.isEmpty()) {
                StringBuilder dump = new StringBuilder();
                for (ThreadInfo info : ManagementFactory.getThreadMXBean().dumpAllThreads(true, true)) {
                    dump.append(info);
                }
                System.out.println("hammer dump\n" + dump);
                return "hammer stuck " + stuck;
            }
            List<String> wrong = new ArrayList<>();
            for (int l = 0; l < locks.length; l++) {
                long sum = 0;
                for (long[] c : lockerCounts) {
                    sum += c[l];
                }
                if (sum != guarded[l]) {
                    wrong.add("lock " + l + " counted " + guarded[l] + ", lockers did " + sum);
                }
                if (locks[l].isLocked() || locks[l].hasQueuedThreads()) {
                    wrong.add("lock " + l + " still held or queued");
                }
            }
            long monitorSum = 0;
            for (long c : lockerMonitor) {
                monitorSum += c;
            }
            if (monitorSum != monitored) {
                wrong.add("monitor counted " + monitored + ", lockers did " + monitorSum);
            }
            if (semaphore.availablePermits() != PERMITS) {
                wrong.add("semaphore has " + semaphore.availablePermits() + " permits, expected " + PERMITS);
            }
            long producedSum = 0;
            long consumedSum = 0;
            for (int i = 0; i < 2 * PAIRS; i++) {
                producedSum += produced[i];
                consumedSum += consumed[i];
            }
            long producedValue = 0;
            for (int i = 0; i < PAIRS; i++) {
                producedValue += produced[i] * (i + 1) + produced[i + PAIRS] * (i + PAIRS + 1L);
            }
            if (producedValue != consumedSum) {
                wrong.add("consumers took items worth " + consumedSum + ", producers made " + producedValue);
            }
            if (!queue.isEmpty() || buffer.size() != 0) {
                wrong.add("left over: queue " + queue.size() + ", buffer " + buffer.size());
            }
            if (violation != null) {
                wrong.add(violation);
            }
            if (behind != 0) {
                wrong.add(behind + " workers made no progress since the mark");
            }
            long total = 0;
            for (int i = 0; i < ops.length(); i++) {
                total += ops.get(i);
            }
            return wrong.isEmpty() ? "hammer ok ops=" + total + " items=" + producedSum
                    : "hammer wrong " + String.join("; ", wrong);
        }

        private static void awaitAll(List<Thread> threads, List<String> stuck) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // generous: a watchdog, not a timer
            for (Thread t : threads) {
                t.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                if (t.isAlive()) {
                    stuck.add(t.getName());
                }
            }
        }
    }

    /** A bounded buffer on one lock and two conditions, every wait untimed. */
    private static final class Buffer {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition notFull = lock.newCondition();
        private final Condition notEmpty = lock.newCondition();
        private final long[] items;
        private int head;
        private int count;

        Buffer(int capacity) {
            items = new long[capacity];
        }

        void put(long item) throws InterruptedException {
            lock.lock();
            try {
                while (count == items.length) {
                    notFull.await();
                }
                items[(head + count) % items.length] = item;
                count++;
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }

        long take() throws InterruptedException {
            lock.lock();
            try {
                while (count == 0) {
                    notEmpty.await();
                }
                long item = items[head];
                head = (head + 1) % items.length;
                count--;
                notFull.signal();
                return item;
            } finally {
                lock.unlock();
            }
        }

        int size() {
            lock.lock();
            try {
                return count;
            } finally {
                lock.unlock();
            }
        }
    }

    // ---- stats: what an attach/detach cycle might leave behind -----------------------------

    /**
     * Collects until the loaded class count holds still over three collections (a detached
     * agent's class loader goes a moment after the detach returns, once the attach thread let go).
     */
    private static void settle() throws InterruptedException {
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        long last = -1;
        int same = 0;
        for (int round = 0; round < 50 && same < 3; round++) {
            System.gc();
            Thread.sleep(200);
            long now = classes.getLoadedClassCount();
            same = now == last ? same + 1 : 0;
            last = now;
        }
    }

    private static String stats() throws IOException {
        long metaspace = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getName().equals("Metaspace")) {
                metaspace = pool.getUsage().getUsed();
            }
        }
        ClassLoadingMXBean classes = ManagementFactory.getClassLoadingMXBean();
        int sockets = 0;
        int fds = 0;
        try (Stream<Path> open = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : (Iterable<Path>) open::iterator) {
                fds++;
                try {
                    if (Files.readSymbolicLink(fd).toString().startsWith("socket:")) {
                        sockets++;
                    }
                } catch (IOException ignored) {
                    // the fd of the listing itself, closed meanwhile
                }
            }
        }
        TreeSet<String> agentThreads = new TreeSet<>();
        java.util.Set<Thread> live = Thread.getAllStackTraces().keySet();
        for (Thread t : live) {
            if (t.getName().startsWith("threadlens")) {
                agentThreads.add(t.getName());
            }
        }
        return "stats metaspace=" + metaspace + " classes=" + classes.getLoadedClassCount() + " unloaded="
                + classes.getUnloadedClassCount() + " sockets=" + sockets + " fds=" + fds + " threads="
                + live.size() + " agentThreads=" + String.join(",", agentThreads);
    }
}
