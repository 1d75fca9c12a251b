package dev.threadlens.deadlock;

import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.function.Function;

/**
 * The fallback {@link PoolDirectory}: every {@code ThreadPoolExecutor} that has a live worker,
 * found by looking at what each thread runs (a {@code ThreadPoolExecutor$Worker} knows its pool).
 * A pool is called what the executor probes call it ({@code jvm_executor_name}), or when they do
 * not know it, after its workers' thread-name prefix ({@code pool-3} for {@code pool-3-thread-1}).
 */
public final class ReflectivePools implements PoolDirectory {

    private final JdkInternals internals;
    /** The executor probes' name of a pool, or null (then the workers' name prefix is used). */
    private final Function<Object, String> probeNames;

    public ReflectivePools(JdkInternals internals, Function<Object, String> probeNames) {
        this.internals = internals;
        this.probeNames = probeNames;
    }

    @Override
    public List<Pool> pools(Collection<Thread> threads) {
        Map<ThreadPoolExecutor, List<Thread>> workers = new IdentityHashMap<>();
        for (Thread t : threads) {
            ThreadPoolExecutor pool = internals.poolOfWorker(internals.task(t));
            if (pool != null) {
                workers.computeIfAbsent(pool, p -> new ArrayList<>()).add(t);
            }
        }
        List<Pool> pools = new ArrayList<>();
        workers.forEach((pool, list) -> {
            String name = probeNames.apply(pool);
            pools.add(new TpePool(pool, list, name != null ? name : namePrefix(list.get(0).getName())));
        });
        return pools;
    }

    /** {@code pool-3-thread-7} -> {@code pool-3}; {@code worker-2} -> {@code worker}. */
    public static String namePrefix(String threadName) {
        String n = threadName.replaceAll("-thread-\\d+$", "");
        if (n.equals(threadName)) {
            n = threadName.replaceAll("[-_#. ]?\\d+$", "");
        }
        return n.isEmpty() ? threadName : n;
    }

    private static final class TpePool implements Pool {
        private final ThreadPoolExecutor pool;
        private final List<Thread> workers;
        private final String name;

        TpePool(ThreadPoolExecutor pool, List<Thread> workers, String name) {
            this.pool = pool;
            this.workers = workers;
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Collection<Thread> workers() {
            return workers;
        }

        @Override
        public boolean isQueued(Object task) {
            return task instanceof Runnable && pool.getQueue().contains(task);
        }

        @Override
        public int queueSize() {
            return pool.getQueue().size();
        }

        @Override
        public int poolSize() {
            return workers.size();
        }

        @Override
        public int maximumPoolSize() {
            return pool.getMaximumPoolSize();
        }

        @Override
        public boolean canAddWorker() {
            // execute() adds a worker below the core size, and past it only when the queue refuses a task.
            BlockingQueue<Runnable> queue = pool.getQueue();
            int size = workers.size();
            if (pool.isShutdown()) {
                return false;
            }
            return size < pool.getCorePoolSize()
                    || (size < pool.getMaximumPoolSize() && queue.remainingCapacity() != Integer.MAX_VALUE);
        }
    }
}
