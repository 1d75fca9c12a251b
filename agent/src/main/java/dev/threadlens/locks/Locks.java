package dev.threadlens.locks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import dev.threadlens.bootstrap.LockProbes;
import dev.threadlens.config.Options;
import dev.threadlens.core.AgentContext;
import dev.threadlens.core.Component;
import dev.threadlens.instrument.InstrumentationModule;
import dev.threadlens.instrument.locks.HoldTimeInstrumentation;
import dev.threadlens.instrument.locks.LockInstrumentation;
import dev.threadlens.jfr.ProbePairing;

/**
 * Locks, semaphores, conditions, latches, barriers, phasers, exchangers, join and sleep:
 * contention and blocking time by creation site ({@code jvm_lock_*}, {@code jvm_sync_*},
 * {@code jvm_semaphore_permits_available}) and {@code /api/locks}.
 */
public final class Locks implements Component {

    /** How often entries of collected primitives and ended threads are dropped from the weak maps. */
    private static final long EXPUNGE_SECONDS = 10;

    private boolean creationSites = true;
    private boolean holdTime;
    private ScheduledFuture<?> expunger;
    private LockInsights insights;
    private WaitListener jfrListener;

    @Override
    public String name() {
        return "locks";
    }

    @Override
    public List<InstrumentationModule> instrumentation() {
        List<InstrumentationModule> modules = new ArrayList<>();
        modules.add(new LockInstrumentation(creationSites));
        if (holdTime) {
            modules.add(new HoldTimeInstrumentation());
        }
        return modules;
    }

    @Override
    public void start(AgentContext context) {
        creationSites = context.config().get(Options.SITE_CAPTURE).equals("creation");
        holdTime = context.config().get(Options.LOCK_HOLD_TIME);
        LockInsights insights = context.locks();
        LockMetrics metrics = new LockMetrics(context.waits(), context.registry(), holdTime);
        SemaphorePermits permits = new SemaphorePermits(insights.registry(), context.waits());
        context.registry().register(permits);
        context.api().add("/api/locks", new LocksApi(metrics, insights, permits, context.pairing()));
        tellJfr(insights, context.pairing());
        context.track("lock_primitives", () -> insights.registry().size());
        context.track("lock_waiting_threads", insights::trackedThreads);
        LockRecorder recorder = new LockRecorder(insights, metrics, insights.registry().sites());
        warmUp(insights.registry().sites());
        expunger = context.scheduler().scheduleWithFixedDelay(insights::expunge, EXPUNGE_SECONDS, EXPUNGE_SECONDS,
                TimeUnit.SECONDS);
        LockProbes.holdTiming(holdTime ? context.config().get(Options.LOCK_HOLD_SAMPLING) : 0);
        LockProbes.install(recorder);
    }

    /**
     * JFR sees many of the same waits (as parks, and sleeps and joins as JFR events): the probes
     * tell it which they measured, so it never counts one twice and can file its stacks under
     * the probe's site.
     */
    private void tellJfr(LockInsights insights, ProbePairing pairing) {
        jfrListener = w -> {
            if (w.lock()) {
                pairing.lockWaited(w.thread(), w.type(), w.siteLabel(), w.startNanos(), w.endNanos());
            } else {
                pairing.syncWaited(w.thread(), w.type(), w.siteLabel(), w.startNanos(), w.endNanos());
            }
        };
        insights.addListener(jfrListener);
        pairing.declareMeasured("join");
        pairing.declareMeasured("sleep");
        this.insights = insights;
    }

    /**
     * Runs the stack walks once on this (agent) thread, so the classes they need are loaded
     * before any probe runs them on an application thread in the middle of a wait.
     */
    private static void warmUp(CreationSites sites) {
        sites.capture(new Object(), null);
        sites.contendingStack(1);
        sites.callSite();
    }

    @Override
    public void close() {
        LockProbes.install(null);
        if (insights != null) {
            insights.removeListener(jfrListener);
        }
        LockProbes.holdTiming(0);
        if (expunger != null) {
            expunger.cancel(false);
        }
    }
}
