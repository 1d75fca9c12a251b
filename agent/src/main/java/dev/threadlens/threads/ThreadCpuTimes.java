package dev.threadlens.threads;

import java.lang.management.ThreadMXBean;

/**
 * CPU time of many threads at once. HotSpot's {@code com.sun.management.ThreadMXBean} reads them
 * in one call; elsewhere it falls back to one call per thread. Unknown times are {@code -1}.
 */
final class ThreadCpuTimes {

    private final ThreadMXBean threads;
    private final boolean bulk;

    ThreadCpuTimes(ThreadMXBean threads) {
        this.threads = threads;
        this.bulk = hasBulkRead(threads);
    }

    /** Nanoseconds of CPU per id, {@code -1} where unknown or when CPU timing is off. */
    long[] nanos(long[] ids) {
        long[] result = new long[ids.length];
        if (!enabled()) {
            java.util.Arrays.fill(result, -1);
            return result;
        }
        if (bulk) {
            try {
                return ((com.sun.management.ThreadMXBean) threads).getThreadCpuTime(ids);
            } catch (UnsupportedOperationException e) {
                // fall through to one call per thread
            }
        }
        for (int i = 0; i < ids.length; i++) {
            result[i] = threads.getThreadCpuTime(ids[i]);
        }
        return result;
    }

    private boolean enabled() {
        try {
            return threads.isThreadCpuTimeSupported() && threads.isThreadCpuTimeEnabled();
        } catch (UnsupportedOperationException e) {
            return false;
        }
    }

    private static boolean hasBulkRead(ThreadMXBean threads) {
        try {
            return threads instanceof com.sun.management.ThreadMXBean;
        } catch (LinkageError e) {
            return false; // a runtime without the jdk.management module
        }
    }
}
