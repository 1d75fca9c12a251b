package dev.threadlens.deadlock;

import java.util.List;
import java.util.Set;

/** The {@code kind} label values of {@code jvm_deadlock_threads} and {@code jvm_deadlocks_detected_total}. */
public final class Kinds {

    public static final String MONITOR = "monitor";
    public static final String LOCK = "lock";
    public static final String MIXED = "mixed";
    public static final String EXECUTOR_STARVATION = "executor_starvation";
    public static final String SEMAPHORE = "semaphore";
    public static final String LATCH = "latch";
    public static final String FUTURE = "future";
    public static final String JOIN = "join";
    public static final String CONDITION = "condition";
    public static final String OBJECT_WAIT = "object_wait";
    public static final String STAMPED_LOCK = "stamped_lock";
    public static final String READ_WRITE_LOCK = "read_write_lock";

    /** Exported from the start (as zeros) so dashboards and alerts always have a series. */
    public static final List<String> ALWAYS_EXPORTED = List.of(MONITOR, LOCK, MIXED, EXECUTOR_STARVATION, SEMAPHORE,
            LATCH);

    private static final Set<String> LOCK_TYPES = Set.of("reentrant_lock", "read_lock", "write_lock", "stamped_lock",
            "lock");

    private Kinds() {
    }

    /** The kind of a cycle from the types of what its threads wait for. */
    static String ofCycle(List<WaitFor> waits) {
        boolean monitor = false;
        boolean lock = false;
        boolean future = false;
        boolean join = false;
        boolean other = false;
        for (WaitFor w : waits) {
            String type = w.primitive().type();
            if (w.executor() != null) {
                return EXECUTOR_STARVATION;
            }
            if (type.equals("semaphore")) {
                return SEMAPHORE;
            }
            if (type.equals("latch")) {
                return LATCH;
            }
            monitor |= type.equals("monitor");
            lock |= LOCK_TYPES.contains(type);
            future |= type.equals("future");
            join |= type.equals("join");
            other |= !type.equals("monitor") && !LOCK_TYPES.contains(type);
        }
        if (!other && monitor && !lock) {
            return MONITOR;
        }
        if (!other && lock && !monitor) {
            return LOCK;
        }
        if (!monitor && !lock) {
            return future ? FUTURE : join ? JOIN : MIXED;
        }
        return MIXED;
    }
}
