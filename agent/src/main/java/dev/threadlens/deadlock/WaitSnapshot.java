package dev.threadlens.deadlock;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The threads relevant to one analysis (those waiting on lock-like primitives and the threads
 * they wait for), and the threads the JVM's own detector found deadlocked.
 */
public final class WaitSnapshot {

    private final Map<Long, ThreadView> threads = new LinkedHashMap<>();
    private final Set<Long> jvmDeadlocked;

    public WaitSnapshot(Collection<ThreadView> threads, Set<Long> jvmDeadlocked) {
        for (ThreadView t : threads) {
            this.threads.put(t.key(), t);
        }
        this.jvmDeadlocked = Set.copyOf(jvmDeadlocked);
    }

    public Collection<ThreadView> threads() {
        return threads.values();
    }

    public ThreadView thread(long key) {
        return threads.get(key);
    }

    /** Threads {@code ThreadMXBean.findDeadlockedThreads} (or the dump's "Found one Java-level deadlock") reported. */
    public Set<Long> jvmDeadlocked() {
        return jvmDeadlocked;
    }

    /** Display name of a thread key, or {@code #id} for a thread outside the snapshot. */
    public String name(long key) {
        ThreadView t = threads.get(key);
        return t == null ? "#" + key : t.name();
    }
}
