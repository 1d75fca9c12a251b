package dev.threadlens.faults;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * TEST ONLY: failures forced inside the agent's components, to prove that a failure anywhere in
 * the agent never reaches the application, is counted in {@code threadlens_agent_errors_total}
 * and logged once. Set with {@code -Dthreadlens.test.faults=<fault>[:<times>][,...]}, for example
 * {@code locks,metrics:2}: the fault named after a component throws at that component's
 * recording point (every time, or only the first {@code times} times). Never set it in
 * production.
 *
 * <p>The property is read once, when this class initialises (at agent start, from
 * {@code AgentRuntime}); the agent's class loader is new on each attach. When it is unset,
 * {@link #ANY} is a constant false and every {@link #fire} is a static final read the JIT
 * folds away. The calls sit at recording points that already run off the uncontended fast path
 * (slow-path sinks, agent threads, the scrape).
 */
public final class TestFaults {

    public static final String PROPERTY = "threadlens.test.faults";

    /** Lock and signalling probe sink (a contended wait ended). */
    public static final String LOCKS = "locks";
    /** Executor probe sink (a task ended). */
    public static final String EXECUTORS = "executors";
    /** Thread lifecycle probe sink (a thread starts). */
    public static final String THREAD_LIFECYCLE = "thread_lifecycle";
    /** Every JFR event handler. */
    public static final String JFR = "jfr";
    /** Throws out of the JFR stream's flush action, outside any event handler: the stream dies. */
    public static final String JFR_STREAM = "jfr_stream";
    /** Each deadlock detector pass. */
    public static final String DEADLOCK = "deadlock";
    /** Each scrape of {@code /metrics}, while the registry collects. */
    public static final String METRICS = "metrics";
    /** Each JSON API request. */
    public static final String HTTP = "http";

    private static final Map<String, AtomicLong> REMAINING = parse(System.getProperty(PROPERTY));

    /** False unless the property names a fault: the only thing a production run ever reads here. */
    public static final boolean ANY = !REMAINING.isEmpty();

    private TestFaults() {
    }

    /** The faults set, for the one start-up line that says they are on. */
    public static String describe() {
        return String.valueOf(System.getProperty(PROPERTY));
    }

    /** Throws {@link InjectedFault} when {@code fault} is set and has firings left. */
    public static void fire(String fault) {
        if (ANY && take(fault)) {
            throw new InjectedFault(fault);
        }
    }

    /** True (and uses up one firing) when {@code fault} is set and has firings left. */
    public static boolean take(String fault) {
        if (!ANY) {
            return false;
        }
        AtomicLong left = REMAINING.get(fault);
        return left != null && left.getAndUpdate(n -> n > 0 ? n - 1 : 0) > 0;
    }

    static Map<String, AtomicLong> parse(String spec) {
        if (spec == null || spec.isBlank()) {
            return Collections.emptyMap();
        }
        Map<String, AtomicLong> faults = new HashMap<>();
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int colon = p.indexOf(':');
            long times = Long.MAX_VALUE;
            String name = p;
            if (colon > 0) {
                name = p.substring(0, colon);
                try {
                    times = Long.parseLong(p.substring(colon + 1).trim());
                } catch (NumberFormatException e) {
                    times = Long.MAX_VALUE;
                }
            }
            faults.put(name.trim(), new AtomicLong(times));
        }
        return Collections.unmodifiableMap(faults);
    }

    /**
     * What a forced fault throws: an {@link Error}, the harshest a component can meet (a
     * {@code StackOverflowError}, a {@code LinkageError} after a detach), which code catching only
     * {@code Exception} lets through. No stack trace to fill: the test needs its type and name.
     */
    public static final class InjectedFault extends Error {
        private static final long serialVersionUID = 1L;

        InjectedFault(String fault) {
            super("fault injected by " + PROPERTY + ": " + fault, null, false, false);
        }
    }
}
