package dev.threadlens.jfr.time;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code jvm_thread_pool} label: the thread's pool by name ({@code http-nio-8080-exec-12} ->
 * {@code http-nio-8080-exec}). The first {@value #MAX_POOLS} pools are kept as themselves, later
 * ones become {@code other}, so the label stays bounded.
 */
public final class PoolLabels {

    public static final int MAX_POOLS = 200;
    public static final String OTHER = "other";
    public static final String UNNAMED = "unnamed";

    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    /** The {@code jvm_thread_pool} label value for a thread of this name. */
    public String of(String threadName) {
        String pool = strip(threadName);
        if (admitted.contains(pool)) {
            return pool;
        }
        if (admitted.size() >= MAX_POOLS) {
            return OTHER;
        }
        admitted.add(pool);
        return pool;
    }

    /**
     * The pool of a thread name ({@link dev.threadlens.threads.PoolNames}, the same rule the JSON
     * API uses), never empty: an empty name is {@code unnamed}.
     */
    public static String strip(String name) {
        String pool = dev.threadlens.threads.PoolNames.of(name);
        return pool.isEmpty() ? UNNAMED : pool;
    }
}
