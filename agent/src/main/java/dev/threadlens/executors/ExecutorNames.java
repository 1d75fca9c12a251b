package dev.threadlens.executors;

import java.util.concurrent.ForkJoinPool;
import java.util.regex.Pattern;

/**
 * {@code jvm_executor_name}: stable across restarts and readable. In order of preference:
 * <ol>
 * <li>a fixed name for the JDK's shared pools ({@value #COMMON_POOL}, {@value #VIRTUAL_THREAD_SCHEDULER});</li>
 * <li>the thread-name prefix the application's thread factory gives its workers, without the
 *     trailing counter ({@code orders-worker-3} names the pool {@code orders-worker});</li>
 * <li>the creation site, the first application frame when the pool was constructed.</li>
 * </ol>
 * The JDK's default thread names ({@code pool-7-thread-1}, {@code Thread-3},
 * {@code ForkJoinPool-2-worker-1}) number pools in creation order, which changes between runs,
 * so they never name a pool.
 */
final class ExecutorNames {

    static final String COMMON_POOL = "ForkJoinPool.commonPool";
    static final String VIRTUAL_THREAD_SCHEDULER = "VirtualThread.scheduler";

    /** Longest name exported; longer prefixes are cut. */
    static final int MAX_LENGTH = 120;

    private static final Pattern JDK_DEFAULT = Pattern.compile(
            "pool-\\d+-thread-\\d+|Thread-\\d+|ForkJoinPool-\\d+-worker-\\d+|ForkJoinPool\\.commonPool-worker-\\d+");

    private ExecutorNames() {
    }

    /**
     * The pool's name, or null while it cannot be told yet: a pool whose first worker has not
     * been seen (its name may be the one to use), or one found after an attach with neither a
     * telling thread name nor a site.
     */
    static String of(PoolState state, Object pool) {
        if (state.fixedName != null) {
            return state.fixedName;
        }
        if (pool instanceof ForkJoinPool && pool == ForkJoinPool.commonPool()) {
            return COMMON_POOL;
        }
        String threadName = state.threadName;
        if (threadName == null) {
            return null;
        }
        String prefix = threadNamePrefix(threadName);
        return prefix != null ? prefix : state.site;
    }

    /**
     * The prefix an application's thread factory gave {@code threadName}: the name without its
     * trailing counter and separators; null for the JDK's default names and for names that are
     * empty (unnamed virtual threads) or only a number.
     */
    static String threadNamePrefix(String threadName) {
        String name = threadName.trim();
        if (name.isEmpty() || JDK_DEFAULT.matcher(name).matches()) {
            return null;
        }
        String prefix = dev.threadlens.threads.PoolNames.of(name);
        if (prefix.chars().allMatch(Character::isDigit)) {
            return null;
        }
        return prefix.substring(0, Math.min(prefix.length(), MAX_LENGTH));
    }

    /** True for the pool behind virtual threads (its factory makes carrier threads). */
    static boolean isVirtualThreadScheduler(ForkJoinPool pool) {
        ForkJoinPool.ForkJoinWorkerThreadFactory factory = pool.getFactory();
        return factory != null && factory.getClass().getName().startsWith("java.lang.VirtualThread");
    }
}
