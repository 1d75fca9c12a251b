package dev.threadlens.deadlock;

import java.lang.management.ThreadInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers, per thread, since when it has been in the same wait without waking once: same
 * state, same blocker, and the same {@code ThreadInfo} blocked and waited counts (which grow each
 * time the thread blocks or parks again, so a thread that woke up and waited again, or a timed
 * wait that timed out and looped, starts a new observation). Threads running, sleeping or
 * parked without a blocker are not tracked.
 */
final class StuckTracker {

    /** One continuous wait of one thread. */
    static final class Observation {
        final Thread.State state;
        final String lock;
        final long blocked;
        final long waited;
        final long sinceNanos;
        /** Null until the stack was looked at (only once the wait is older than the threshold). */
        Boolean designed;
        List<String> stack = List.of();

        Observation(ThreadInfo info, long now) {
            this.state = info.getThreadState();
            this.lock = info.getLockName();
            this.blocked = info.getBlockedCount();
            this.waited = info.getWaitedCount();
            this.sinceNanos = now;
        }

        boolean sameWait(ThreadInfo info) {
            return info.getThreadState() == state && java.util.Objects.equals(info.getLockName(), lock)
                    && info.getBlockedCount() == blocked && info.getWaitedCount() == waited;
        }

        double seconds(long now) {
            return (now - sinceNanos) / 1e9;
        }
    }

    private final Map<Long, Observation> observations = new HashMap<>();

    /** True for a thread in a wait worth tracking: blocked on a monitor or waiting on an object. */
    static boolean waiting(ThreadInfo info) {
        Thread.State s = info.getThreadState();
        return info.getLockName() != null
                && (s == Thread.State.BLOCKED || s == Thread.State.WAITING || s == Thread.State.TIMED_WAITING);
    }

    /** Updates the observations from this pass's thread infos (by thread id); forgets threads that ended. */
    void observe(Map<Long, ThreadInfo> infos, long now) {
        observations.keySet().retainAll(infos.keySet());
        for (Map.Entry<Long, ThreadInfo> e : infos.entrySet()) {
            ThreadInfo info = e.getValue();
            if (!waiting(info)) {
                observations.remove(e.getKey());
                continue;
            }
            Observation o = observations.get(e.getKey());
            if (o == null || !o.sameWait(info)) {
                observations.put(e.getKey(), new Observation(info, now));
            }
        }
    }

    Observation get(long id) {
        return observations.get(id);
    }

    /** Threads in the same wait for at least {@code thresholdNanos} not yet known to wait by design. */
    List<Long> olderThan(long now, long thresholdNanos) {
        List<Long> ids = new ArrayList<>();
        for (Map.Entry<Long, Observation> e : observations.entrySet()) {
            Observation o = e.getValue();
            if (now - o.sinceNanos >= thresholdNanos && !Boolean.TRUE.equals(o.designed)) {
                ids.add(e.getKey());
            }
        }
        return ids;
    }

    int size() {
        return observations.size();
    }
}
