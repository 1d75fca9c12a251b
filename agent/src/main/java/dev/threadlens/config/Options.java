package dev.threadlens.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Every option the agent accepts. Adding an option here is enough for it to be read from agent
 * arguments, {@code -Dthreadlens.*} and {@code THREADLENS_*}, checked, and listed in errors.
 */
public final class Options {

    private static final Map<String, Option<?>> ALL = new LinkedHashMap<>();

    public static final Option<Boolean> ENABLED = add("enabled", true, Parsers.bool(), "true or false",
            "Turns the whole agent on or off.");
    public static final Option<Boolean> STRICT = add("strict", false, Parsers.bool(), "true or false",
            "Exit before main() on a configuration error instead of running without the agent.");
    public static final Option<String> HOST = add("host", "127.0.0.1", Parsers.nonEmpty(),
            "a host name or IP address", "Address the HTTP endpoint binds to; 0.0.0.0 for all interfaces.");
    public static final Option<Integer> PORT = add("port", 9404, Parsers.integer(0, 65535),
            "an integer from 0 to 65535", "HTTP port; 0 picks a free port and prints it.");
    public static final Option<String> PORT_FILE = add("portFile", "", Parsers.text(), "a file path",
            "Write the port actually bound to this file (useful with port=0).");
    public static final Option<String> STARTUP = add("startup", "blocking",
            Parsers.oneOf(Set.of("blocking", "background")), "blocking or background",
            "blocking: main() waits until every probe is in place; background: main() starts at once and the "
                    + "probes arrive beside it within about a second, as after an attach (pool workers started "
                    + "meanwhile then run their loop uncompiled).");
    public static final Option<String> LOG_LEVEL = add("logLevel", "info",
            Parsers.oneOf(Set.of("off", "error", "warn", "info", "debug")), "off, error, warn, info or debug",
            "How much the agent writes to stderr.");
    public static final Option<String> BASIC_AUTH_USER = add("basicAuthUser", "", Parsers.text(),
            "a user name without ':'",
            "Require HTTP basic auth with this user (with basicAuthPassword or basicAuthPasswordFile).");
    public static final Option<String> BASIC_AUTH_PASSWORD = add("basicAuthPassword", "", Parsers.text(),
            "a password", "Password for basic auth; prefer basicAuthPasswordFile or THREADLENS_BASIC_AUTH_PASSWORD.");
    public static final Option<String> BASIC_AUTH_PASSWORD_FILE = add("basicAuthPasswordFile", "", Parsers.text(),
            "a file path", "Read the basic auth password from this file (trailing newlines dropped).");
    public static final Option<String> TLS_KEY_STORE = add("tlsKeyStore", "", Parsers.text(),
            "a PKCS12 key store path", "Serve HTTPS with the certificate in this key store.");
    public static final Option<String> TLS_KEY_STORE_PASSWORD = add("tlsKeyStorePassword", "", Parsers.text(),
            "a password", "Password of tlsKeyStore; prefer tlsKeyStorePasswordFile or THREADLENS_TLS_KEY_STORE_PASSWORD.");
    public static final Option<String> TLS_KEY_STORE_PASSWORD_FILE = add("tlsKeyStorePasswordFile", "",
            Parsers.text(), "a file path", "Read the password of tlsKeyStore from this file (trailing newlines dropped).");

    public static final Option<Integer> MAX_SITES = add("maxSites", 500, Parsers.integer(1, 100_000),
            "an integer from 1 to 100000",
            "Distinct creation sites exported per metric before further ones are reported as site=\"other\".");

    public static final Option<String> SITE_CAPTURE = add("siteCapture", "creation",
            Parsers.oneOf(Set.of("creation", "contention")), "creation or contention",
            "Where a lock's site is taken: when it is created (one stack walk per primitive), or at its first contended wait.");
    public static final Option<Boolean> LOCK_HOLD_TIME = add("lockHoldTime", false, Parsers.bool(), "true or false",
            "Also measure how long exclusive locks are held (jvm_lock_hold_seconds, sampled); adds work to every lock()/unlock().");
    public static final Option<Integer> LOCK_HOLD_SAMPLING = add("lockHoldSampling", 100,
            Parsers.integer(1, 1_000_000), "an integer from 1 to 1000000",
            "With lockHoldTime=true, time one in this many lock acquisitions per thread.");
    public static final Option<Boolean> JFR = add("jfr", true, Parsers.bool(), "true or false",
            "Pair the probes with JDK Flight Recorder (an in-process recording stream): synchronized contention, "
                    + "Object.wait, sleeps, parks below the probes, virtual thread pinning.");
    public static final Option<Duration> JFR_MONITOR_THRESHOLD = add("jfrMonitorThreshold", Duration.ofMillis(10),
            Parsers.duration(), "a duration such as 10ms, 1s or 0",
            "Shortest synchronized contention (jdk.JavaMonitorEnter) and Object.wait (jdk.JavaMonitorWait) JFR records.");
    public static final Option<Duration> JFR_PARK_THRESHOLD = add("jfrParkThreshold", Duration.ofMillis(10),
            Parsers.duration(), "a duration such as 10ms, 1s or 0",
            "Shortest park (jdk.ThreadPark), sleep (jdk.ThreadSleep) and virtual thread pinning JFR records.");
    public static final Option<Duration> THREAD_TIME_INTERVAL = add("threadTimeInterval", Duration.ofSeconds(1),
            Parsers.duration(), "a duration such as 500ms or 1s, or 0 for off",
            "How often thread states are sampled for jvm_thread_time_seconds_total (0 turns it off).");
    public static final Option<Duration> DEADLOCK_INTERVAL = add("deadlockInterval", Duration.ofSeconds(5),
            Parsers.duration(), "a duration such as 200ms, 5s or 1m, or 0 for off",
            "How often the agent looks for deadlocks, hangs and stuck threads (0 turns detection off).");
    public static final Option<Duration> STUCK_THRESHOLD = add("stuckThreshold", Duration.ofSeconds(30),
            Parsers.duration(), "a duration such as 10s or 1m",
            "A thread blocked or waiting at the same place this long, without waking once, counts as stuck.");
    public static final Option<Boolean> LOCK_ORDER = add("lockOrder", false, Parsers.bool(), "true or false",
            "Record the order locks are taken in and report lock-order inversions (costs a look at every lock acquisition).");
    public static final Option<Integer> EXECUTOR_TASK_SLOTS = add("executorTaskSlots", 8192,
            Parsers.integer(64, 1 << 20), "an integer from 64 to 1048576",
            "Queued tasks whose submit time is kept for jvm_executor_task_queue_wait_seconds besides each pool's "
                    + "own ring of 1024 (rounded up to a power of two, 16 bytes each); beyond that tasks go untimed "
                    + "and are counted in threadlens_executor_queue_wait_dropped_total.");

    private Options() {
    }

    private static <T> Option<T> add(String name, T defaultValue, Option.Parser<T> parser, String accepted,
            String description) {
        Option<T> option = new Option<>(name, defaultValue, parser, accepted, description);
        ALL.put(name, option);
        return option;
    }

    /** Whether an option's value is a secret: messages never repeat it. */
    public static boolean isSecret(Option<?> option) {
        return option == BASIC_AUTH_PASSWORD || option == TLS_KEY_STORE_PASSWORD;
    }

    /** All options by name, in declaration order. */
    public static Map<String, Option<?>> all() {
        return Collections.unmodifiableMap(ALL);
    }
}
