package dev.threadlens.deadlock.order;

import java.util.Arrays;

/**
 * The locks one thread holds, in acquisition order, with their lock-class ids (0 until first
 * needed) and re-entry counts, kept in a plain {@code Object[]} in a thread-local. Only JDK types
 * are stored, so after a detach the stale thread-local values pin none of the agent's classes.
 * Only the owning thread touches its state.
 */
final class HeldLocks {

    private static final int LOCKS = 0;
    private static final int CLASSES = 1;
    private static final int COUNTS = 2;
    private static final int SIZE = 3;

    private HeldLocks() {
    }

    static Object[] create() {
        return new Object[] {new Object[4], new int[4], new int[4], new int[1]};
    }

    static int size(Object[] state) {
        return ((int[]) state[SIZE])[0];
    }

    static Object lockAt(Object[] state, int i) {
        return ((Object[]) state[LOCKS])[i];
    }

    static int classAt(Object[] state, int i) {
        return ((int[]) state[CLASSES])[i];
    }

    static void setClass(Object[] state, int i, int classId) {
        ((int[]) state[CLASSES])[i] = classId;
    }

    /** Counts a re-entry and returns true when the thread already holds {@code lock}. */
    static boolean reenter(Object[] state, Object lock) {
        Object[] locks = (Object[]) state[LOCKS];
        for (int i = size(state) - 1; i >= 0; i--) {
            if (locks[i] == lock) {
                ((int[]) state[COUNTS])[i]++;
                return true;
            }
        }
        return false;
    }

    static void push(Object[] state, Object lock, int classId) {
        int size = size(state);
        Object[] locks = (Object[]) state[LOCKS];
        if (size == locks.length) {
            state[LOCKS] = locks = Arrays.copyOf(locks, size * 2);
            state[CLASSES] = Arrays.copyOf((int[]) state[CLASSES], size * 2);
            state[COUNTS] = Arrays.copyOf((int[]) state[COUNTS], size * 2);
        }
        locks[size] = lock;
        ((int[]) state[CLASSES])[size] = classId;
        ((int[]) state[COUNTS])[size] = 1;
        ((int[]) state[SIZE])[0] = size + 1;
    }

    /** One release of {@code lock}; forgets it at the last one. Locks taken before tracking began are ignored. */
    static void release(Object[] state, Object lock) {
        Object[] locks = (Object[]) state[LOCKS];
        int[] classes = (int[]) state[CLASSES];
        int[] counts = (int[]) state[COUNTS];
        int size = size(state);
        for (int i = size - 1; i >= 0; i--) {
            if (locks[i] == lock) {
                if (--counts[i] == 0) {
                    System.arraycopy(locks, i + 1, locks, i, size - i - 1);
                    System.arraycopy(classes, i + 1, classes, i, size - i - 1);
                    System.arraycopy(counts, i + 1, counts, i, size - i - 1);
                    locks[size - 1] = null;
                    ((int[]) state[SIZE])[0] = size - 1;
                }
                return;
            }
        }
    }
}
