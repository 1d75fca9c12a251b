package dev.threadlens.locks;

import dev.threadlens.bootstrap.ActiveWait;
import dev.threadlens.bootstrap.LockProbes;
import dev.threadlens.faults.TestFaults;

/**
 * Turns lock probe facts into metrics: the sink of {@link LockProbes}. Runs on the application's
 * threads, on slow paths only, inside the probe guard (so a lock it takes itself is never
 * measured); everything it records is lock-free.
 */
final class LockRecorder implements LockProbes.Sink {

    /** Frames kept of the first contended call at each site. */
    static final int STACK_FRAMES = 8;

    private final PrimitiveRegistry registry;
    private final LockInsights insights;
    private final LockMetrics metrics;
    private final CreationSites sites;

    LockRecorder(LockInsights insights, LockMetrics metrics, CreationSites sites) {
        this.registry = insights.registry();
        this.insights = insights;
        this.metrics = metrics;
        this.sites = sites;
    }

    @Override
    public void created(Object primitive, Object key, int kind) {
        registry.created(primitive, key, PrimitiveKind.fromCreated(kind));
    }

    @Override
    public Object waitStarting(ActiveWait wait, Object key, int what, boolean executorIdle) {
        PrimitiveInfo info = registry.forWait(key, what);
        if (!info.kind().recorded()) {
            return null;
        }
        insights.track(wait);
        return info;
    }

    @Override
    public void waitEnded(ActiveWait wait, long endNanos, int outcome) {
        TestFaults.fire(TestFaults.LOCKS);
        if (outcome == LockProbes.OUTCOME_NO_WAIT || !(wait.detail() instanceof PrimitiveInfo)) {
            return; // did not wait, or started under a previous attach
        }
        PrimitiveInfo info = (PrimitiveInfo) wait.detail();
        boolean idle = wait.executorIdle();
        SiteStats stats = stats(info, wait.what(), idle);
        long start = wait.startNanos();
        stats.waits.observeNanos(endNanos - start);
        if (outcome == LockProbes.OUTCOME_TIMED_OUT && stats.lock) {
            stats.timedOut();
        }
        if (stats.firstStack == null) {
            stats.firstStack = sites.contendingStack(STACK_FRAMES);
        }
        if (insights.hasListeners()) {
            insights.fire(new EndedWait(Thread.currentThread(), info, stats, start, endNanos, outcome));
        }
    }

    @Override
    public boolean ignoresSignals(Object condition) {
        PrimitiveInfo info = registry.recent(condition);
        return info != null && info.kind() != PrimitiveKind.CONDITION;
    }

    @Override
    public void signalled(Object condition, boolean all, boolean noWaiter) {
        PrimitiveInfo info = registry.forWait(condition, LockProbes.WAIT_CONDITION);
        if (info.kind() == PrimitiveKind.CONDITION) { // queue and internal conditions are bookkeeping
            stats(info, LockProbes.WAIT_CONDITION, false).signalled(all, noWaiter);
        }
    }

    @Override
    public void latchOpened(Object sync) {
        PrimitiveInfo info = registry.forWait(sync, LockProbes.WAIT_SHARED);
        if (info.kind() == PrimitiveKind.LATCH) {
            stats(info, LockProbes.WAIT_SHARED, false).countedDown();
        }
    }

    @Override
    public void held(Object sync, long nanos) {
        PrimitiveInfo info = registry.forWait(sync, LockProbes.WAIT_EXCLUSIVE);
        if (info.kind().recorded()) {
            stats(info, LockProbes.WAIT_EXCLUSIVE, false).held(nanos);
        }
    }

    /** The series a wait is recorded in, cached on the (shared) description after the first time. */
    private SiteStats stats(PrimitiveInfo info, int what, boolean idle) {
        if (idle) {
            SiteStats s = info.idle;
            if (s == null) {
                s = metrics.stats(false, PrimitiveKind.EXECUTOR_IDLE, info.site(), info.inside());
                info.idle = s;
            }
            return s;
        }
        boolean shared = PrimitiveInfo.isShared(what) && info.kind() == PrimitiveKind.READ_WRITE_LOCK;
        SiteStats s = shared ? info.shared : info.exclusive;
        if (s == null) {
            s = metrics.stats(info.kind().isLock(), info.kind().type(shared), info.site(), info.inside());
            if (shared) {
                info.shared = s;
            } else {
                info.exclusive = s;
            }
        }
        return s;
    }
}
