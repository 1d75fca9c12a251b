package dev.threadlens.bench;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The cost of one deadlock detection pass with 1,000 live threads, as the agent's scheduler runs
 * it every {@code deadlockInterval}. The detector is loaded from the agent jar in a class loader
 * of its own (as the agent would) and called directly; read the {@code none} column (in the
 * {@code agent} column the agent's own detector also runs in the background).
 * <ul>
 * <li>{@code idle}: 1,000 pool workers waiting for tasks. Nothing waits on a lock, so no graph is
 *     built: the pass is one {@code getThreadInfo} without stacks.</li>
 * <li>{@code contended}: 900 idle workers, and 100 threads queued on 10 locks whose holders are
 *     parked: a graph of 110 threads, stacks of those only, no cycle.</li>
 * <li>{@code deadlocked}: 900 idle workers and 50 two-thread lock cycles, each proven and reported.</li>
 * </ul>
 * <pre>java -jar bench/target/benchmarks.jar DeadlockPass</pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(jvmArgsPrepend = {"--add-opens=java.base/java.lang=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED", "-Xss256k"})
@State(Scope.Benchmark)
public class DeadlockPassBenchmark {

    private static final int THREADS = 1_000;

    @Param({"idle", "contended", "deadlocked"})
    public String scenario;

    private Runnable pass;
    private URLClassLoader agent;
    private ThreadPoolExecutor pool;
    private final List<Thread> threads = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        agent = new URLClassLoader(new URL[] {agentJar().toURI().toURL()}, ClassLoader.getPlatformClassLoader());
        pass = (Runnable) Class.forName("dev.threadlens.deadlock.DeadlockDetector", true, agent)
                .getMethod("standalone").invoke(null);
        int busy = scenario.equals("idle") ? 0 : 100;
        pool = (ThreadPoolExecutor) Executors.newFixedThreadPool(THREADS - busy);
        pool.prestartAllCoreThreads();
        if (scenario.equals("contended")) {
            for (int i = 0; i < 10; i++) {
                ReentrantLock lock = new ReentrantLock();
                CountDownLatch held = new CountDownLatch(1);
                start(() -> {
                    lock.lock();
                    held.countDown();
                    parkForever();
                });
                held.await();
                for (int k = 0; k < 9; k++) {
                    start(lock::lock);
                }
            }
        } else if (scenario.equals("deadlocked")) {
            for (int i = 0; i < 50; i++) {
                ReentrantLock a = new ReentrantLock();
                ReentrantLock b = new ReentrantLock();
                CountDownLatch both = new CountDownLatch(2);
                start(() -> crossed(a, b, both));
                start(() -> crossed(b, a, both));
            }
        }
        Thread.sleep(500); // every thread in its wait
        pass.run(); // the first pass takes the reported deadlocks' stacks once
    }

    @Benchmark
    public void pass() {
        pass.run();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        pool.shutdownNow();
        for (Thread t : threads) {
            t.interrupt(); // parked holders return; deadlocked daemons stay until the fork exits
        }
        agent.close();
    }

    private void start(Runnable body) {
        Thread t = new Thread(body, "bench-" + threads.size());
        t.setDaemon(true);
        t.start();
        threads.add(t);
    }

    private static void crossed(ReentrantLock first, ReentrantLock second, CountDownLatch both) {
        first.lock();
        both.countDown();
        try {
            both.await();
        } catch (InterruptedException e) {
            return;
        }
        second.lock();
    }

    private static void parkForever() {
        while (!Thread.currentThread().isInterrupted()) {
            LockSupport.park();
        }
    }

    static File agentJar() {
        String configured = System.getProperty("threadlens.agent.jar");
        if (configured != null) {
            return new File(configured);
        }
        for (String candidate : new String[] {"agent/target/threadlens-agent.jar", "../agent/target/threadlens-agent.jar"}) {
            File f = new File(candidate);
            if (f.isFile()) {
                return f.getAbsoluteFile();
            }
        }
        throw new IllegalStateException("cannot find agent/target/threadlens-agent.jar; build it, or pass"
                + " -Dthreadlens.agent.jar=");
    }

    /** For a quick look without JMH: {@code java -cp bench/target/benchmarks.jar dev.threadlens.bench.DeadlockPassBenchmark}. */
    public static void main(String[] args) throws Exception {
        for (String s : new String[] {"idle", "contended", "deadlocked"}) {
            DeadlockPassBenchmark b = new DeadlockPassBenchmark();
            b.scenario = s;
            b.setUp();
            long start = System.nanoTime();
            int n = 200;
            for (int i = 0; i < n; i++) {
                b.pass();
            }
            System.out.printf("%-10s %8.1f us per pass%n", s, (System.nanoTime() - start) / 1e3 / n);
            b.tearDown();
        }
        System.exit(0);
    }
}
