package dev.threadlens.threads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.threadlens.http.ApiRoutes;
import dev.threadlens.http.JsonWriter;

/**
 * {@code GET /api/threads}: live platform threads by state, the lifecycle counts, threads by pool,
 * and one entry per thread (name, state, daemon, pool, CPU, what it is blocked on and who owns
 * it). It stays cheap with thousands of threads: counts and pools come from a walk over the
 * {@link Thread} objects ({@link LiveThreads}); the JVM is asked for lock details and CPU time
 * only for the threads actually listed, and for stacks only when they are asked for
 * ({@code stacks=true}) or a search must look at frames ({@code q=}), since stacks need a
 * safepoint.
 *
 * <p>Query: {@code stacks=true}, {@code q=text} (name or frame, case-insensitive),
 * {@code state=blocked,waiting}, {@code id=N}, {@code limit=N} (at most N thread entries, by
 * thread id; {@code 0} for the counts alone).
 */
public final class ThreadsApi implements ApiRoutes.JsonHandler {

    /** Frames per stack; deeper stacks are cut and flagged {@code stackTruncated}. */
    static final int MAX_FRAMES = 256;
    /** Pools listed by size; the rest are summed into {@code other}. */
    static final int MAX_POOLS = 50;

    private static final Thread.State[] STATES = Thread.State.values();

    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    private final ThreadCpuTimes cpu = new ThreadCpuTimes(mx);
    private final ThreadLifecycleMetrics lifecycle;

    public ThreadsApi(ThreadLifecycleMetrics lifecycle) {
        this.lifecycle = lifecycle;
    }

    @Override
    public void write(Map<String, String> query, JsonWriter json) {
        Request request = Request.parse(query);
        Thread[] threads = LiveThreads.all();
        Arrays.sort(threads, Comparator.comparingLong(LiveThreads::id));

        Thread.State[] states = new Thread.State[threads.length];
        long[] counts = new long[STATES.length];
        int daemon = 0;
        Map<String, long[]> pools = new HashMap<>();
        for (int i = 0; i < threads.length; i++) {
            states[i] = threads[i].getState();
            counts[states[i].ordinal()]++;
            if (threads[i].isDaemon()) {
                daemon++;
            }
            pools.computeIfAbsent(PoolNames.of(threads[i].getName()), p -> new long[STATES.length])[states[i].ordinal()]++;
        }
        List<Integer> matched = match(request, threads, states);
        List<Integer> shown = matched.subList(0, Math.min(request.limit, matched.size()));

        json.beginObject().field("timestamp", System.currentTimeMillis());
        json.name("counts").beginObject();
        for (Thread.State s : STATES) {
            json.field(stateName(s), counts[s.ordinal()]);
        }
        json.endObject();
        json.field("live", threads.length).field("daemon", daemon).field("peak", mx.getPeakThreadCount());
        json.field("started", lifecycle.started()).field("terminated", lifecycle.terminated())
                .field("virtualStarted", lifecycle.virtualStarted())
                .field("virtualTerminated", lifecycle.virtualTerminated());
        writePools(json, pools);
        json.field("matched", matched.size());
        writeThreads(json, threads, states, shown, request.stacks);
        json.endObject();
    }

    /** Indexes of the threads the request asks for, in thread id order. */
    private List<Integer> match(Request request, Thread[] threads, Thread.State[] states) {
        List<Integer> byNameOrNoSearch = new ArrayList<>();
        List<Integer> needFrames = new ArrayList<>();
        for (int i = 0; i < threads.length; i++) {
            if (!request.states.contains(states[i]) || (request.id >= 0 && LiveThreads.id(threads[i]) != request.id)) {
                continue;
            }
            if (request.search.isEmpty() || threads[i].getName().toLowerCase(Locale.ROOT).contains(request.search)) {
                byNameOrNoSearch.add(i);
            } else {
                needFrames.add(i);
            }
        }
        if (needFrames.isEmpty()) {
            return byNameOrNoSearch;
        }
        ThreadInfo[] infos = mx.getThreadInfo(ids(threads, needFrames), MAX_FRAMES + 1);
        List<Integer> all = new ArrayList<>(byNameOrNoSearch);
        for (int k = 0; k < infos.length; k++) {
            if (infos[k] != null && anyFrameContains(infos[k].getStackTrace(), request.search)) {
                all.add(needFrames.get(k));
            }
        }
        all.sort(null); // indexes follow thread id order
        return all;
    }

    private static boolean anyFrameContains(StackTraceElement[] frames, String text) {
        for (StackTraceElement frame : frames) {
            if (frame.toString().toLowerCase(Locale.ROOT).contains(text)) {
                return true;
            }
        }
        return false;
    }

    private void writeThreads(JsonWriter json, Thread[] threads, Thread.State[] states, List<Integer> shown,
            boolean stacks) {
        long[] ids = ids(threads, shown);
        // Lock details (and stacks, when asked) for the listed threads only.
        ThreadInfo[] infos = ids.length == 0 ? new ThreadInfo[0] : mx.getThreadInfo(ids, stacks ? MAX_FRAMES + 1 : 0);
        long[] cpuNanos = ids.length == 0 ? ids : cpu.nanos(ids);
        json.name("threads").beginArray();
        for (int k = 0; k < ids.length; k++) {
            Thread thread = threads[shown.get(k)];
            Thread.State state = states[shown.get(k)];
            ThreadInfo info = infos[k]; // null when the thread ended since the walk
            boolean waiting = info != null && (state == Thread.State.BLOCKED || state == Thread.State.WAITING
                    || state == Thread.State.TIMED_WAITING);
            String name = thread.getName();
            json.beginObject()
                    .field("id", ids[k])
                    .field("name", name)
                    .field("state", stateName(state))
                    .field("daemon", thread.isDaemon())
                    .field("pool", PoolNames.of(name))
                    .field("cpuSeconds", cpuNanos[k] < 0 ? Double.NaN : cpuNanos[k] / 1e9)
                    .field("blockedOn", waiting ? info.getLockName() : null)
                    .field("lockOwner", waiting ? info.getLockOwnerName() : null);
            if (waiting && info.getLockOwnerId() >= 0) {
                json.field("lockOwnerId", info.getLockOwnerId());
            }
            if (stacks) {
                StackTraceElement[] frames = info == null ? new StackTraceElement[0] : info.getStackTrace();
                int n = Math.min(frames.length, MAX_FRAMES);
                json.name("stack").beginArray();
                for (int f = 0; f < n; f++) {
                    json.value(frames[f].toString());
                }
                json.endArray();
                if (frames.length > MAX_FRAMES) {
                    json.field("stackTruncated", true);
                }
            }
            json.endObject();
        }
        json.endArray();
    }

    private static long[] ids(Thread[] threads, List<Integer> indexes) {
        long[] ids = new long[indexes.size()];
        for (int k = 0; k < ids.length; k++) {
            ids[k] = LiveThreads.id(threads[indexes.get(k)]);
        }
        return ids;
    }

    /** The largest pools with their states; smaller ones summed into {@code other}. */
    private static void writePools(JsonWriter json, Map<String, long[]> pools) {
        List<Map.Entry<String, long[]>> bySize = new ArrayList<>(pools.entrySet());
        bySize.sort(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -sum(e.getValue()))
                .thenComparing(Map.Entry::getKey));
        long[] other = new long[STATES.length];
        json.name("pools").beginArray();
        for (int i = 0; i < bySize.size(); i++) {
            if (i < MAX_POOLS) {
                writePool(json, bySize.get(i).getKey(), bySize.get(i).getValue());
            } else {
                long[] c = bySize.get(i).getValue();
                for (int s = 0; s < c.length; s++) {
                    other[s] += c[s];
                }
            }
        }
        if (bySize.size() > MAX_POOLS) {
            writePool(json, "other", other);
        }
        json.endArray();
    }

    private static void writePool(JsonWriter json, String pool, long[] counts) {
        json.beginObject().field("pool", pool).field("threads", sum(counts)).name("counts").beginObject();
        for (Thread.State s : STATES) {
            if (counts[s.ordinal()] > 0) {
                json.field(stateName(s), counts[s.ordinal()]);
            }
        }
        json.endObject().endObject();
    }

    private static long sum(long[] values) {
        return Arrays.stream(values).sum();
    }

    /** {@code TIMED_WAITING} -> {@code timed_waiting}, as in the metric labels. */
    static String stateName(Thread.State state) {
        return state.name().toLowerCase(Locale.ROOT);
    }

    /** The parsed query; a bad value is a 400 with the reason. */
    private static final class Request {
        boolean stacks;
        String search = "";
        Set<Thread.State> states = EnumSet.allOf(Thread.State.class);
        long id = -1;
        int limit = Integer.MAX_VALUE;

        static Request parse(Map<String, String> query) {
            Request r = new Request();
            String stacks = query.getOrDefault("stacks", "false");
            if (!stacks.equals("true") && !stacks.equals("false")) {
                throw new IllegalArgumentException("stacks must be true or false");
            }
            r.stacks = stacks.equals("true");
            r.search = query.getOrDefault("q", "").trim().toLowerCase(Locale.ROOT);
            String state = query.getOrDefault("state", "").trim();
            if (!state.isEmpty()) {
                r.states = EnumSet.noneOf(Thread.State.class);
                for (String s : state.split(",")) {
                    try {
                        r.states.add(Thread.State.valueOf(s.trim().toUpperCase(Locale.ROOT)));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException("unknown state '" + s.trim()
                                + "'; states are new, runnable, blocked, waiting, timed_waiting, terminated");
                    }
                }
            }
            r.id = number(query, "id", -1, Long.MAX_VALUE);
            r.limit = (int) number(query, "limit", Integer.MAX_VALUE, Integer.MAX_VALUE);
            return r;
        }

        private static long number(Map<String, String> query, String name, long absent, long max) {
            String v = query.get(name);
            if (v == null || v.isEmpty()) {
                return absent;
            }
            try {
                long n = Long.parseLong(v.trim());
                if (n >= 0 && n <= max) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(name + " must be an integer from 0 to " + max);
        }
    }
}
