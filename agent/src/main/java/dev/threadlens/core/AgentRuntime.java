package dev.threadlens.core;

import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.threadlens.bootstrap.AgentThreads;
import dev.threadlens.bootstrap.Failures;
import dev.threadlens.config.Config;
import dev.threadlens.config.ConfigException;
import dev.threadlens.config.Options;
import dev.threadlens.deadlock.DeadlockComponent;
import dev.threadlens.executors.ExecutorMonitoring;
import dev.threadlens.faults.TestFaults;
import dev.threadlens.http.ApiRoutes;
import dev.threadlens.http.Endpoint;
import dev.threadlens.instrument.InstrumentationModule;
import dev.threadlens.instrument.Instrumenter;
import dev.threadlens.locks.Locks;
import dev.threadlens.log.Log;
import dev.threadlens.metrics.AgentMetrics;
import dev.threadlens.threads.ThreadLifecycle;

/**
 * A running agent: its components, the installed transformer, the endpoint and the agent
 * threads. {@link #close()} undoes all of it (the detach).
 */
final class AgentRuntime implements AutoCloseable {

    private static final long START_TIMEOUT_SECONDS = 60;
    private static final long STOP_TIMEOUT_MILLIS = 5_000;

    private final List<Component> components;
    private final ScheduledExecutorService scheduler;
    private volatile Instrumenter instrumenter;
    private volatile Endpoint endpoint;
    private boolean background;
    /** The thread finishing a {@code startup=background} start, until it is done. */
    private volatile Thread backgroundStart;

    private AgentRuntime(List<Component> components, ScheduledExecutorService scheduler) {
        this.components = components;
        this.scheduler = scheduler;
    }

    /** Every feature of the agent, in start order. */
    private static List<Component> components() {
        List<Component> list = new ArrayList<>();
        list.add(new ThreadLifecycle());
        list.add(new Locks());
        list.add(new ExecutorMonitoring());
        list.add(new dev.threadlens.jfr.JfrComponent());
        list.add(new DeadlockComponent());
        return list;
    }

    static AgentRuntime start(Instrumentation inst, Config config, String mode, String version) throws Exception {
        AgentRuntime runtime = new AgentRuntime(components(),
                Executors.newSingleThreadScheduledExecutor(new AgentThreadFactory("scheduler")));
        // Start on an agent thread: threads the JDK creates for us (HTTP dispatcher, JFR stream)
        // inherit its thread group and so are never measured.
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread init = AgentThreads.newThread(() -> {
            try {
                runtime.startComponents(inst, config, mode, version);
            } catch (Throwable e) {
                failure.set(e);
            }
        }, "init");
        if (startsInBackground(config, mode)) {
            return runtime.startInBackground(init, failure);
        }
        init.start();
        init.join(TimeUnit.SECONDS.toMillis(START_TIMEOUT_SECONDS));
        if (init.isAlive()) {
            failure.compareAndSet(null, new IllegalStateException("start-up took over " + START_TIMEOUT_SECONDS + " s"));
        }
        if (failure.get() != null) {
            runtime.close();
            Throwable e = failure.get();
            if (e instanceof Exception) {
                throw (Exception) e;
            }
            throw new IllegalStateException(e);
        }
        return runtime;
    }

    /**
     * {@code startup=background} (opt-in): main() goes on at once and the probes arrive beside
     * it, as after an attach. Not the default: a pool worker already looping in
     * {@code ThreadPoolExecutor.runWorker} when that class is rewoven keeps running the old
     * version of the method, which HotSpot will not compile again, so it stays interpreted for
     * the worker's life. {@code strict=true} keeps start-up blocking, because it promises to
     * exit before main() when the agent cannot start.
     */
    private static boolean startsInBackground(Config config, String mode) {
        return mode.equals("premain") && config.get(Options.STARTUP).equals("background")
                && !config.get(Options.STRICT);
    }

    /**
     * The status property reads {@code starting} until the probes and the endpoint are up; a
     * failure then is handled as one at start-up (logged, the agent undone), only later.
     */
    private AgentRuntime startInBackground(Thread init, AtomicReference<Throwable> failure) {
        background = true;
        System.setProperty(Agent.STATUS_PROPERTY, "starting");
        Thread watcher = AgentThreads.newThread(() -> {
            try {
                init.start();
                init.join(TimeUnit.SECONDS.toMillis(START_TIMEOUT_SECONDS));
                if (init.isAlive()) {
                    failure.compareAndSet(null,
                            new IllegalStateException("start-up took over " + START_TIMEOUT_SECONDS + " s"));
                }
            } catch (InterruptedException e) {
                failure.compareAndSet(null, e);
            }
            Throwable e = failure.get();
            backgroundStart = null;
            if (e == null) {
                System.setProperty(Agent.STATUS_PROPERTY, "running");
                return;
            }
            Log.error("could not start, the application runs without the agent: " + e);
            System.setProperty(Agent.STATUS_PROPERTY, "error: could not start: " + e);
            close();
        }, "init-watch");
        backgroundStart = watcher;
        watcher.start();
        return this;
    }

    private void startComponents(Instrumentation inst, Config config, String mode, String version) throws Exception {
        long began = System.nanoTime();
        AgentMetrics metrics = new AgentMetrics(version, mode);
        Failures.install(metrics);
        ApiRoutes api = new ApiRoutes();
        AgentContext context = new AgentContext(config, mode, metrics, api, scheduler, inst);
        List<InstrumentationModule> modules = new ArrayList<>();
        if (TestFaults.ANY) {
            Log.warn("TEST ONLY: faults are forced inside the agent (-D" + TestFaults.PROPERTY + "="
                    + TestFaults.describe() + ")");
        }
        for (String c : new String[] {"agent", "instrument", "http", "metrics"}) {
            metrics.declareComponent(c);
        }
        for (Component c : components) {
            metrics.declareComponent(c.name());
            c.start(context);
            modules.addAll(c.instrumentation());
        }
        instrumenter = Instrumenter.install(inst, modules, mode.equals("attach"));
        for (Component c : components) {
            c.instrumented();
        }
        try {
            endpoint = Endpoint.start(config, metrics, api);
        } catch (ConfigException e) {
            if (config.get(Options.STRICT)) {
                throw e;
            }
            Log.error(e.getMessage() + "; the HTTP endpoint is off, the agent keeps recording");
        }
        AgentThreadNames.claim();
        if (endpoint != null) {
            System.setProperty(Agent.ENDPOINT_PROPERTY, endpoint.url());
            Log.info("threadlens " + version + " (" + mode + ") live page " + endpoint.url() + ", metrics "
                    + endpoint.url() + "metrics" + " (ready in "
                    + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began) + " ms"
                    + (background ? ", beside main()" : "") + ")");
            if (endpoint.exposure() != null) {
                Log.warn(endpoint.exposure());
            }
        }
    }

    /** Whether start-up goes on beside main() ({@code startup=background}). */
    boolean startingInBackground() {
        return background;
    }

    /** Each step runs even if an earlier one failed: a detach must leave nothing behind. */
    @Override
    public void close() {
        Thread starting = backgroundStart;
        if (starting != null && starting != Thread.currentThread()) {
            // A detach while the probes are still arriving: let start-up end first, or what it
            // installs after this close would stay behind.
            try {
                starting.join(TimeUnit.SECONDS.toMillis(START_TIMEOUT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (int i = components.size() - 1; i >= 0; i--) {
            Component c = components.get(i);
            quietly("stopping " + c.name(), c::close);
        }
        quietly("restoring the original bytecode", () -> {
            if (instrumenter != null && !instrumenter.reset()) {
                Log.warn("could not restore the original bytecode of every instrumented class");
            }
        });
        quietly("closing the endpoint", () -> {
            if (endpoint != null) {
                endpoint.close();
            }
        });
        scheduler.shutdownNow();
        Failures.install(null);
        System.clearProperty(Agent.ENDPOINT_PROPERTY);
        AgentThreadNames.awaitNone(STOP_TIMEOUT_MILLIS);
    }

    private static void quietly(String what, Runnable step) {
        try {
            step.run();
        } catch (Throwable e) {
            Log.warn(what + " failed: " + e);
        }
    }
}
