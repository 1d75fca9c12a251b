package dev.threadlens.demo.it;

/**
 * JUnit tags for the probe families an assertion depends on, so that the tests of one family can
 * be run, or left out ({@code -DexcludedGroups=jfr}), while it is being built. Assertions on the
 * thread lifecycle and on the demo's own output carry no tag: they hold on the foundation alone.
 */
final class Features {

    /** Lock, semaphore, condition, latch and barrier probes: jvm_lock_*, jvm_semaphore_*, jvm_sync_* from the JDK classes. */
    static final String LOCKS = "locks";
    /** Executor probes: jvm_executor_*. */
    static final String EXECUTORS = "executors";
    /** JFR pairing: monitor enter, Object.wait, sleep, pinning, thread time by cause. */
    static final String JFR = "jfr";
    /** Deadlock detection: jvm_deadlock_threads, jvm_deadlocks_detected_total, /api/deadlocks. */
    static final String DEADLOCK = "deadlock";

    private Features() {
    }
}
