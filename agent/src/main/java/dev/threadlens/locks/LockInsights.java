package dev.threadlens.locks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.threadlens.bootstrap.ActiveWait;
import dev.threadlens.util.WeakIdentityMap;

/**
 * What the lock probes know, for other components ({@code AgentContext.locks()}):
 * <ul>
 * <li>{@link #describe}: the kind and creation site of a primitive, found by the object a wait
 *     names: an AQS synchronizer (what {@code LockSupport.getBlocker} returns for a thread parked
 *     in a lock, semaphore or latch), a condition, a StampedLock, CyclicBarrier, Phaser or Exchanger;</li>
 * <li>{@link #currentWait}/{@link #currentWaits}: the measured waits in progress, per thread
 *     (deadlock diagnosis: "which primitive is this thread blocked on");</li>
 * <li>{@link #addListener}: every measured wait as it ends (JFR pairing: which parks were
 *     already measured, and at which site).</li>
 * </ul>
 * All of it is safe to call from any agent thread.
 */
public final class LockInsights {

    private final PrimitiveRegistry registry;
    private final WeakIdentityMap<Thread, ActiveWait> threads = new WeakIdentityMap<>();
    /** Tells this agent's records from those a previous attach claimed (the records outlive it). */
    private final int token = (int) System.nanoTime() ^ System.identityHashCode(this);
    private final List<WaitListener> listeners = new CopyOnWriteArrayList<>();

    public LockInsights() {
        this.registry = new PrimitiveRegistry(new CreationSites(20_000));
    }

    /** What is known about this synchronizer, condition or primitive; null if the probes never saw it. */
    public PrimitiveInfo describe(Object primitiveOrSynchronizer) {
        return primitiveOrSynchronizer == null ? null : registry.get(primitiveOrSynchronizer);
    }

    /** The measured wait {@code thread} is in now, or null. */
    public WaitView currentWait(Thread thread) {
        ActiveWait w = threads.get(thread);
        return w == null ? null : view(thread, w);
    }

    /** Every measured wait in progress. */
    public List<WaitView> currentWaits() {
        List<WaitView> views = new ArrayList<>();
        threads.forEach((t, w) -> {
            WaitView v = view(t, w);
            if (v != null) {
                views.add(v);
            }
        });
        return views;
    }

    public void addListener(WaitListener listener) {
        listeners.add(listener);
    }

    public void removeListener(WaitListener listener) {
        listeners.remove(listener);
    }

    PrimitiveRegistry registry() {
        return registry;
    }

    /** Remembers the current thread's wait record the first time this agent sees it. */
    void track(ActiveWait wait) {
        if (wait.claim(token)) {
            threads.put(Thread.currentThread(), wait);
        }
    }

    /** Threads whose wait record this agent holds (live, or ended and not yet expunged). */
    int trackedThreads() {
        return threads.size();
    }

    boolean hasListeners() {
        return !listeners.isEmpty();
    }

    void fire(EndedWait wait) {
        for (WaitListener l : listeners) {
            l.waitEnded(wait);
        }
    }

    void expunge() {
        threads.expunge();
        registry.expunge();
    }

    /** A consistent view of a record another thread may be changing, or null when it is not waiting. */
    private static WaitView view(Thread thread, ActiveWait w) {
        for (int attempt = 0; attempt < 3; attempt++) {
            Object primitive = w.primitive();
            if (primitive == null) {
                return null;
            }
            Object detail = w.detail();
            int what = w.what();
            boolean idle = w.executorIdle();
            long start = w.startNanos();
            if (w.primitive() == primitive && w.startNanos() == start && detail instanceof PrimitiveInfo) {
                PrimitiveInfo info = (PrimitiveInfo) detail;
                return new WaitView(thread, primitive, info, info.waitType(what, idle), info.waitIsLock(idle),
                        idle, start);
            }
        }
        return null;
    }
}
