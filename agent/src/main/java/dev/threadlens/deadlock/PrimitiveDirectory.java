package dev.threadlens.deadlock;

/**
 * The seam to the lock probes: what the agent knows about a synchronizer object. The detector
 * asks it about every blocker it meets: the AQS sync of a {@code ReentrantLock},
 * {@code ReentrantReadWriteLock}, {@code Semaphore} or {@code CountDownLatch}, a
 * {@code ConditionObject}, a {@code StampedLock}, a {@code FutureTask}. The lock probes' registry
 * answers with the type it recorded and the creation site; {@link ClassNamePrimitives} is the
 * fallback, which knows the type from the class name and no site. Implementations are called on
 * the agent's scheduler thread and must not block.
 */
@FunctionalInterface
public interface PrimitiveDirectory {

    /** Type and creation site of a synchronizer, or null when this directory knows nothing of it. */
    Description describe(Object synchronizer);

    /** Asks {@code first}, then {@code second} when the first does not know. */
    static PrimitiveDirectory firstOf(PrimitiveDirectory first, PrimitiveDirectory second) {
        return s -> {
            Description d = first.describe(s);
            return d != null ? d : second.describe(s);
        };
    }

    /**
     * What is known about one synchronizer. {@code type} is the metric contract's
     * {@code jvm_lock_type} / {@code jvm_sync_type} value ({@code reentrant_lock}, {@code read_lock},
     * {@code write_lock}, {@code stamped_lock}, {@code semaphore}, {@code latch}, {@code condition},
     * {@code future}, ...); for a read/write lock the detector refines it to {@code read_lock} or
     * {@code write_lock} by the mode the thread waits in. {@code site} is where it was created, as
     * {@code com.example.Bank.<init>(Bank.java:42)}, or null.
     */
    final class Description {
        private final String type;
        private final String site;

        public Description(String type, String site) {
            this.type = type;
            this.site = site;
        }

        public String type() {
            return type;
        }

        public String site() {
            return site;
        }
    }
}
