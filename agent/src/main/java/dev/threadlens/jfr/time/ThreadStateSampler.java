package dev.threadlens.jfr.time;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

import dev.threadlens.bootstrap.AgentThreads;
import dev.threadlens.jfr.WaitCause;

/**
 * Samples every application platform thread's state at a fixed interval and adds the time since
 * the previous sample to its pool's {@link ThreadTime} under the cause its state stands for
 * ({@link ThreadStates}). One {@code getThreadInfo} call per sample, stacks {@value #DEPTH}
 * frames deep. The agent's threads and the JVM's housekeeping threads (the {@code system}
 * thread group: Reference Handler, Finalizer, Signal Dispatcher, JFR, Common-Cleaner...) are left
 * out; so are virtual threads, whose time shows as their carriers'.
 */
public final class ThreadStateSampler implements Runnable {

    /** Deep enough to see ThreadPoolExecutor.getTask under a SynchronousQueue hand-off on JDK 25. */
    static final int DEPTH = 16;

    private final ThreadTime time;
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private long lastNanos;

    public ThreadStateSampler(ThreadTime time) {
        this.time = time;
    }

    @Override
    public void run() {
        long now = System.nanoTime();
        if (lastNanos == 0) {
            lastNanos = now;
            return;
        }
        double seconds = (now - lastNanos) / 1e9;
        lastNanos = now;
        Thread[] threads = applicationThreads();
        long[] ids = new long[threads.length];
        for (int i = 0; i < threads.length; i++) {
            ids[i] = id(threads[i]);
        }
        ThreadInfo[] infos = mx.getThreadInfo(ids, DEPTH);
        Map<String, Integer> live = new HashMap<>();
        for (ThreadInfo info : infos) {
            if (info == null) {
                continue; // ended in between
            }
            WaitCause cause = ThreadStates.cause(info.getThreadState(), info.getStackTrace(),
                    info.getLockInfo() == null ? null : info.getLockInfo().getClassName());
            if (cause == null) {
                continue;
            }
            String pool = time.poolNames().of(info.getThreadName());
            time.add(pool, cause, seconds);
            live.merge(pool, 1, Integer::sum);
        }
        time.setLiveThreads(live);
    }

    /** Live platform threads outside the agent's group and the JVM's system groups. */
    static Thread[] applicationThreads() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] all = new Thread[root.activeCount() + 32];
        int n = root.enumerate(all, true);
        ThreadGroup agent = AgentThreads.group();
        int kept = 0;
        for (int i = 0; i < n; i++) {
            ThreadGroup g = all[i].getThreadGroup();
            if (g == null || g == root || g == agent || g.getName().equals("InnocuousThreadGroup")) {
                continue;
            }
            all[kept++] = all[i];
        }
        Thread[] result = new Thread[kept];
        System.arraycopy(all, 0, result, 0, kept);
        return result;
    }

    @SuppressWarnings("deprecation") // Thread.threadId() is JDK 19+
    private static long id(Thread t) {
        return t.getId();
    }
}
