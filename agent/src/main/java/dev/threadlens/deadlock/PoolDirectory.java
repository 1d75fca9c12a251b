package dev.threadlens.deadlock;

import java.util.Collection;
import java.util.List;

/**
 * The seam to the executor probes: the thread pools alive now, their workers and queues. The
 * detector asks it when a thread waits for a task that has not started (executor starvation) and
 * when every worker of a pool is stuck. The executor probes' registry names pools by creation
 * site; {@link ReflectivePools} is the fallback, which finds {@code ThreadPoolExecutor}s through
 * their worker threads. Called on the agent's scheduler thread; must not block for long.
 */
@FunctionalInterface
public interface PoolDirectory {

    /** The pools with at least one live worker among {@code threads} (the JVM's live platform threads). */
    List<Pool> pools(Collection<Thread> threads);

    /** One pool, as the detector needs to see it. */
    interface Pool {
        /** Stable name ({@code jvm_executor_name}). */
        String name();

        /** Its live worker threads. */
        Collection<Thread> workers();

        /** True when {@code task} waits in its queue. */
        boolean isQueued(Object task);

        int queueSize();

        /** Workers now, and the most it may have. */
        int poolSize();

        int maximumPoolSize();

        /**
         * True when a new worker may still be started (so a queued task could run without the
         * current workers): below the core size, or below the maximum with a bounded queue.
         */
        boolean canAddWorker();
    }
}
