package dev.threadlens.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The JSON API as docs/ARCHITECTURE.md describes it, served from fixed data: the page can be
 * exercised on locks, executors, deadlocks and thread time without the probes that produce them,
 * and at the sizes it must cope with (2,000 threads, 500 lock sites). Attacker-style text sits in
 * thread names, owners, sites and frames.
 */
final class CannedApi {

    static final String XSS_THREAD = "<img src=x onerror=alert(1)>";
    static final String XSS_OWNER = "<img src=x onerror=alert(2)>";
    static final String XSS_FRAME = "<script>alert(3)</script>.run(Evil.java:1)";
    static final int THREADS = 2_000;
    static final int LOCK_SITES = 500;
    static final String DEADLOCK_TEXT = "Deadlock (lock) between 2 threads:\n"
            + "  philosopher-1 waits for ReentrantLock@dev.demo.Table.<init>(Table.java:12) held by philosopher-2\n"
            + "  philosopher-2 waits for ReentrantLock@dev.demo.Table.<init>(Table.java:13) held by philosopher-1\n";

    private CannedApi() {
    }

    /** Every endpoint of the contract, full of data. */
    static ApiRoutes full() {
        return build(Set.of("/api/threads", "/api/locks", "/api/executors", "/api/deadlocks", "/api/time"), false);
    }

    /** Only {@code paths}; {@code empty} serves documents with empty lists. */
    static ApiRoutes build(Set<String> paths, boolean empty) {
        ApiRoutes api = new ApiRoutes();
        if (paths.contains("/api/threads")) {
            api.add("/api/threads", (q, json) -> threads(q, json, empty ? 0 : THREADS));
        }
        if (paths.contains("/api/locks")) {
            api.add("/api/locks", (q, json) -> locks(q, json, empty));
        }
        if (paths.contains("/api/executors")) {
            api.add("/api/executors", (q, json) -> executors(json, empty));
        }
        if (paths.contains("/api/deadlocks")) {
            api.add("/api/deadlocks", (q, json) -> deadlocks(json, empty));
        }
        if (paths.contains("/api/time")) {
            api.add("/api/time", (q, json) -> time(json, empty));
        }
        return api;
    }

    private static final String[] STATES = {"runnable", "blocked", "waiting", "timed_waiting"};

    /** Thread {@code i}: a name, a state and a stack, always the same. */
    private static String name(int i) {
        if (i == 7) {
            return XSS_THREAD;
        }
        if (i == 1 || i == 2) {
            return "philosopher-" + i;
        }
        return "worker-" + (i % 40) + "-" + i;
    }

    private static String state(int i) {
        return i == 1 || i == 2 ? "waiting" : STATES[i % STATES.length];
    }

    private static void threads(Map<String, String> q, JsonWriter json, int n) {
        int limit = Integer.parseInt(q.getOrDefault("limit", String.valueOf(Integer.MAX_VALUE)));
        String search = q.getOrDefault("q", "").toLowerCase(Locale.ROOT);
        String stateFilter = q.getOrDefault("state", "");
        long id = Long.parseLong(q.getOrDefault("id", "-1"));
        boolean stacks = "true".equals(q.get("stacks"));
        int[] counts = new int[STATES.length];
        List<Integer> matched = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            String s = state(i);
            for (int k = 0; k < STATES.length; k++) {
                if (STATES[k].equals(s)) {
                    counts[k]++;
                }
            }
            boolean match = (search.isEmpty() || name(i).toLowerCase(Locale.ROOT).contains(search))
                    && (stateFilter.isEmpty() || List.of(stateFilter.split(",")).contains(s))
                    && (id < 0 || id == i);
            if (match) {
                matched.add(i);
            }
        }
        json.beginObject().field("timestamp", System.currentTimeMillis()).name("counts").beginObject()
                .field("new", 0);
        for (int k = 0; k < STATES.length; k++) {
            json.field(STATES[k], counts[k]);
        }
        json.field("terminated", 0).endObject()
                .field("live", n).field("daemon", n / 2).field("peak", n + 3)
                .field("started", n + 10).field("terminated", 10).field("virtualStarted", 0).field("virtualTerminated", 0);
        json.name("pools").beginArray();
        if (n > 0) {
            json.beginObject().field("pool", "worker").field("threads", n - 3).name("counts").beginObject()
                    .field("runnable", counts[0]).field("blocked", counts[1]).field("waiting", counts[2] - 3)
                    .field("timed_waiting", counts[3]).endObject().endObject();
            json.beginObject().field("pool", "philosopher").field("threads", 2).name("counts").beginObject()
                    .field("waiting", 2).endObject().endObject();
            json.beginObject().field("pool", XSS_THREAD).field("threads", 1).name("counts").beginObject()
                    .field("waiting", 1).endObject().endObject();
        }
        json.endArray();
        json.field("matched", matched.size()).name("threads").beginArray();
        for (int k = 0; k < Math.min(limit, matched.size()); k++) {
            int i = matched.get(k);
            boolean waits = state(i).equals("blocked") || i == 1 || i == 2;
            json.beginObject().field("id", i).field("name", name(i)).field("state", state(i))
                    .field("daemon", i % 2 == 0).field("pool", i == 7 ? XSS_THREAD : name(i).replaceAll("-\\d+$", ""))
                    .field("cpuSeconds", i * 0.001)
                    .field("blockedOn", waits ? "java.util.concurrent.locks.ReentrantLock$NonfairSync@" + i : null)
                    .field("lockOwner", i == 1 ? "philosopher-2" : i == 2 ? "philosopher-1" : waits ? XSS_OWNER : null);
            if (stacks) {
                json.name("stack").beginArray().value("java.base/jdk.internal.misc.Unsafe.park(Native Method)")
                        .value(i == 7 ? XSS_FRAME : "dev.demo.Worker.run(Worker.java:" + i + ")")
                        .value("java.base/java.lang.Thread.run(Thread.java:840)").endArray();
            }
            json.endObject();
        }
        json.endArray().endObject();
    }

    private static void locks(Map<String, String> q, JsonWriter json, boolean empty) {
        int limit = Integer.parseInt(q.getOrDefault("limit", "50"));
        json.beginObject().field("timestamp", System.currentTimeMillis()).name("locks").beginArray();
        for (int i = 0; i < (empty ? 0 : Math.min(limit, LOCK_SITES)); i++) {
            json.beginObject().field("type", i % 3 == 0 ? "monitor" : "reentrant_lock")
                    .field("site", "dev.demo.Shop$Counter" + i + ".<init>(Shop.java:" + (100 + i) + ")")
                    .field("count", 1000 - i).field("totalSeconds", (LOCK_SITES - i) * 0.25)
                    .field("maxSeconds", 0.5 + i * 0.001).field("timeouts", i == 0 ? 3 : 0)
                    .field("owner", i == 0 ? XSS_OWNER : "worker-" + i)
                    .name("waiters").beginArray().value("worker-" + (i + 1)).value(XSS_THREAD).endArray()
                    .name("stack").beginArray().value(XSS_FRAME).value("dev.demo.Shop.sell(Shop.java:" + (200 + i) + ")")
                    .endArray().endObject();
        }
        json.endArray().name("semaphores").beginArray();
        if (!empty) {
            json.beginObject().field("site", "dev.demo.Pool.<init>(Pool.java:20)").field("permits", 0).field("count", 42)
                    .field("totalSeconds", 12.5).field("maxSeconds", 1.25).endObject();
        }
        json.endArray().name("waits").beginArray();
        if (!empty) {
            json.beginObject().field("type", "condition").field("site", "dev.demo.Queue.<init>(Queue.java:30)")
                    .field("count", 50).field("totalSeconds", 2.0).field("maxSeconds", 0.3).field("signals", 40)
                    .field("lost", 1).endObject();
        }
        json.endArray().endObject();
    }

    private static void executors(JsonWriter json, boolean empty) {
        json.beginObject().field("timestamp", System.currentTimeMillis()).name("executors").beginArray();
        if (!empty) {
            executor(json, "dev.demo.Server.<init>(Server.java:20)", 2, 2, 8, 2147483647, true, 4);
            executor(json, "io-pool", 1, 16, 0, 100, false, 0);
            executor(json, "scheduler", 0, 1, 1, 2147483647, false, 0);
        }
        json.endArray().endObject();
    }

    private static void executor(JsonWriter json, String name, int active, int max, int queue, int capacity,
            boolean saturated, int rejected) {
        json.beginObject().field("name", name).field("type", "thread_pool").field("active", active)
                .field("idle", max - active).field("poolSize", max).field("core", max).field("max", max)
                .field("queueSize", queue).field("queueCapacity", capacity).field("completed", 10)
                .field("submitted", 20).field("rejected", rejected).field("failed", 0).field("saturated", saturated)
                .name("queueWait").beginObject().field("count", 10).field("p50", 0.2).field("p99", 1.6).field("max", 1.8)
                .endObject()
                .name("runTime").beginObject().field("count", 10).field("p50", 0.2).field("p99", 0.2).field("max", 0.21)
                .endObject().endObject();
    }

    private static void deadlocks(JsonWriter json, boolean empty) {
        json.beginObject().field("timestamp", System.currentTimeMillis()).name("deadlocks").beginArray();
        if (!empty) {
            json.beginObject().field("kind", "lock").field("detectedAt", System.currentTimeMillis())
                    .name("threads").beginArray().value("philosopher-1").value("philosopher-2").endArray()
                    .name("cycle").beginArray();
            cycleEntry(json, "philosopher-1", "philosopher-2", 12, 13);
            cycleEntry(json, "philosopher-2", "philosopher-1", 13, 12);
            json.endArray().field("text", DEADLOCK_TEXT).endObject();
        }
        json.endArray().name("hangs").beginArray();
        if (!empty) {
            json.beginObject().field("kind", "semaphore").name("threads").beginArray().value(XSS_THREAD).endArray()
                    .field("evidence", "no permit released for 60 s").field("text", "waiting on " + XSS_FRAME).endObject();
        }
        json.endArray().name("stuck").beginArray();
        if (!empty) {
            json.beginObject().field("thread", XSS_THREAD).field("state", "blocked").field("seconds", 42.0)
                    .field("frame", XSS_FRAME).endObject();
        }
        json.endArray().name("inversions").beginArray();
        if (!empty) {
            json.beginObject().field("first", "dev.demo.A.<init>(A.java:1)").field("second", "dev.demo.B.<init>(B.java:2)")
                    .name("stackA").beginArray().value("dev.demo.A.run(A.java:10)").endArray()
                    .name("stackB").beginArray().value(XSS_FRAME).endArray()
                    .field("text", "A then B in one thread, B then A in another").endObject();
        }
        json.endArray().endObject();
    }

    private static void cycleEntry(JsonWriter json, String thread, String heldBy, int waitLine, int heldLine) {
        json.beginObject().field("thread", thread).field("state", "waiting")
                .name("waitsFor").beginObject().field("type", "reentrant_lock")
                .field("site", "dev.demo.Table.<init>(Table.java:" + waitLine + ")").field("identity", "ReentrantLock@1a2b")
                .endObject()
                .field("heldBy", heldBy)
                .name("stack").beginArray().value("dev.demo.Philosopher.eat(Philosopher.java:30)").endArray()
                .name("heldLocks").beginArray().beginObject().field("type", "reentrant_lock")
                .field("site", "dev.demo.Table.<init>(Table.java:" + heldLine + ")")
                .field("takenAt", "dev.demo.Philosopher.eat(Philosopher.java:28)").endObject().endArray()
                .endObject();
    }

    private static void time(JsonWriter json, boolean empty) {
        json.beginObject().field("timestamp", System.currentTimeMillis()).name("pools").beginArray();
        if (!empty) {
            pool(json, "http-nio", 10, 1.0, 0.5, 2.0, 30.0);
            pool(json, "worker", 40, 20.0, 12.0, 1.0, 0.0);
            pool(json, XSS_THREAD, 1, 0.1, 0.0, 9.0, 0.0);
        }
        json.endArray().endObject();
    }

    private static void pool(JsonWriter json, String pool, int threads, double running, double lock, double signal,
            double idle) {
        json.beginObject().field("pool", pool).field("threads", threads).name("seconds").beginObject()
                .field("running", running).field("lock", lock).field("signal_wait", signal).field("executor_idle", idle)
                .field("sleep", 0.0).field("io", 0.0).field("other", 0.1).endObject().endObject();
    }
}
