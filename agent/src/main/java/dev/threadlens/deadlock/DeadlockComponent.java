package dev.threadlens.deadlock;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.threadlens.bootstrap.LockOrderProbes;
import dev.threadlens.config.Options;
import dev.threadlens.core.AgentContext;
import dev.threadlens.core.Component;
import dev.threadlens.deadlock.order.LockOrderTracker;
import dev.threadlens.faults.TestFaults;
import dev.threadlens.instrument.InstrumentationModule;
import dev.threadlens.instrument.lockorder.LockOrderInstrumentation;
import dev.threadlens.log.Log;

/**
 * Deadlock and hang diagnosis: a {@link DeadlockDetector} pass every {@code deadlockInterval} on
 * the agent's scheduler, {@code /api/deadlocks}, the deadlock metrics, a log entry once per new
 * deadlock or hang, and with {@code lockOrder=true} the lock-order tracker and its probes.
 *
 * <p>What the detector knows beyond the JVM comes from the lock probes' registry
 * ({@link LockProbePrimitives}: type and creation site of a synchronizer, falling back to
 * {@link ClassNamePrimitives}) and the pools' names from the executor probes
 * ({@link ReflectivePools}, through {@code AgentContext.executorName}).
 */
public final class DeadlockComponent implements Component {

    static final String NAME = "deadlock";

    private boolean lockOrder;
    private LockOrderTracker tracker;
    private ScheduledFuture<?> task;

    @Override
    public String name() {
        return NAME;
    }

    /** The lock-order probes, only when {@code lockOrder=true} (they see every acquisition). */
    @Override
    public List<InstrumentationModule> instrumentation() {
        return lockOrder ? List.of(new LockOrderInstrumentation()) : List.of();
    }

    @Override
    public void start(AgentContext context) {
        Duration interval = context.config().get(Options.DEADLOCK_INTERVAL);
        lockOrder = context.config().get(Options.LOCK_ORDER);
        JdkInternals internals = JdkInternals.open(context.instrumentation());
        DeadlockDetector[] detector = new DeadlockDetector[1];
        DeadlockMetrics metrics = new DeadlockMetrics(context,
                () -> detector[0] == null ? DeadlockReport.empty("agent") : detector[0].latest());

        PrimitiveDirectory primitives = new ClassNamePrimitives();
        if (lockOrder) {
            tracker = new LockOrderTracker(inversion -> {
                metrics.inversion();
                Log.once(Log.Level.WARN, "inversion:" + inversion.first() + ">" + inversion.second(),
                        ReportText.inversion(inversion));
            });
            primitives = PrimitiveDirectory.firstOf(tracker.sites(), primitives);
        }
        primitives = PrimitiveDirectory.firstOf(new LockProbePrimitives(context.locks()), primitives);
        PoolDirectory pools = new ReflectivePools(internals, context::executorName);
        LockOrderTracker orders = tracker;
        detector[0] = new DeadlockDetector(internals, primitives, pools, context.config().get(Options.STUCK_THRESHOLD),
                new Reporter(metrics), orders == null ? List::of : orders::inversions);
        context.api().add("/api/deadlocks", (query, json) -> detector[0].latest().writeJson(json));
        if (lockOrder) {
            LockOrderProbes.install(tracker);
        }
        if (!interval.isZero()) {
            long millis = Math.max(1, interval.toMillis());
            task = context.scheduler().scheduleWithFixedDelay(() -> {
                try {
                    TestFaults.fire(TestFaults.DEADLOCK);
                    detector[0].run();
                } catch (Throwable e) {
                    context.failed(NAME, e);
                }
            }, millis, millis, TimeUnit.MILLISECONDS);
        }
    }

    @Override
    public void close() {
        if (task != null) {
            task.cancel(false);
        }
        if (lockOrder) {
            LockOrderProbes.install(null);
        }
    }

    /** Counts and logs (once) each new deadlock and hang. */
    private static final class Reporter implements DeadlockDetector.Listener {
        private final DeadlockMetrics metrics;

        Reporter(DeadlockMetrics metrics) {
            this.metrics = metrics;
        }

        @Override
        public void deadlock(Deadlock d) {
            metrics.detected(d.kind());
            Log.once(Log.Level.WARN, "deadlock:" + d.signature(), ReportText.deadlock(d));
        }

        @Override
        public void hang(Hang h) {
            metrics.detected(h.kind());
            Log.once(Log.Level.WARN, "hang:" + h.signature(), ReportText.hang(h));
        }
    }
}
