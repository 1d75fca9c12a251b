package dev.threadlens.locks;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.threadlens.http.ApiRoutes;
import dev.threadlens.jfr.JfrStacks;
import dev.threadlens.jfr.ProbePairing;
import dev.threadlens.http.JsonWriter;
import dev.threadlens.metrics.AtomicHistogram;
import dev.threadlens.metrics.HistogramFamily;

/**
 * {@code GET /api/locks[?limit=N]}: the sites with the most waiting, for the live page. Lock
 * contention ({@code locks}), semaphores, and signalling waits ({@code waits}), each from the
 * shared wait families (so waits other components record, such as monitors from JFR, are listed
 * too), with the threads waiting right now, the owner where the JVM knows it, and the first
 * contended stack. Sorted by total wait, counting the waits still in progress, so a site where
 * threads are stuck comes first even before any of its waits has ended (idle pool workers last).
 */
final class LocksApi implements ApiRoutes.JsonHandler {

    static final int DEFAULT_LIMIT = 50;
    private static final int MAX_LIMIT = 1000;

    private final LockMetrics metrics;
    private final LockInsights insights;
    private final SemaphorePermits permits;
    /** JFR's stacks by site: the stack of sites the probes never saw contend (monitors, or before attach). */
    private final ProbePairing jfr;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

    LocksApi(LockMetrics metrics, LockInsights insights, SemaphorePermits permits, ProbePairing jfr) {
        this.jfr = jfr;
        this.metrics = metrics;
        this.insights = insights;
        this.permits = permits;
    }

    /** One row: a (family, type, site label) with its waits so far and now. */
    private static final class Row {
        final String type;
        final String site;
        AtomicHistogram histogram;
        SiteStats stats;
        final List<WaitView> waiting = new ArrayList<>();
        double waitingSeconds;

        Row(String type, String site) {
            this.type = type;
            this.site = site;
        }

        double totalSeconds() {
            return histogram == null ? 0 : histogram.sum();
        }

        double rank() {
            return totalSeconds() + waitingSeconds;
        }
    }

    @Override
    public void write(Map<String, String> query, JsonWriter json) {
        int limit = limit(query.get("limit"));
        Map<List<String>, Row> lockRows = rows(metrics.waits().lockWaitFamily(), true);
        Map<List<String>, Row> syncRows = rows(metrics.waits().syncWaitFamily(), false);
        long now = System.nanoTime();
        for (WaitView w : insights.currentWaits()) {
            Map<List<String>, Row> rows = w.lock() ? lockRows : syncRows;
            String label = metrics.waits().siteLabel(w.info().site());
            Row row = rows.computeIfAbsent(List.of(w.type(), label), k -> new Row(w.type(), label));
            row.stats = metrics.find(w.lock(), w.type(), label);
            row.waiting.add(w);
            row.waitingSeconds += Math.max(0, now - w.startNanos()) / 1e9;
        }
        Map<String, Long> permitsBySite = permits.bySite();
        List<Row> locks = new ArrayList<>();
        Map<String, Row> semaphores = new LinkedHashMap<>();
        for (Row r : lockRows.values()) {
            if (r.type.equals(PrimitiveKind.SEMAPHORE.type())) {
                semaphores.put(r.site, r);
            } else {
                locks.add(r);
            }
        }
        for (String site : permitsBySite.keySet()) {
            semaphores.computeIfAbsent(site, s -> new Row(PrimitiveKind.SEMAPHORE.type(), s));
        }
        Map<Long, ThreadInfo> owners = owners(locks);

        json.beginObject().field("timestamp", System.currentTimeMillis())
                .field("tracked", insights.registry().size());
        json.name("locks").beginArray();
        for (Row r : top(locks, limit)) {
            json.beginObject();
            common(json, r);
            json.field("timeouts", r.stats == null ? 0 : r.stats.timeouts());
            json.field("owner", owner(r, owners));
            waiters(json, r);
            stack(json, r);
            json.endObject();
        }
        json.endArray();
        json.name("semaphores").beginArray();
        for (Row r : top(new ArrayList<>(semaphores.values()), limit)) {
            json.beginObject();
            json.field("site", r.site);
            Long p = permitsBySite.get(r.site);
            json.name("permits");
            if (p == null) {
                json.value((String) null);
            } else {
                json.value((long) p);
            }
            count(json, r);
            json.field("timeouts", r.stats == null ? 0 : r.stats.timeouts());
            waiters(json, r);
            stack(json, r);
            json.endObject();
        }
        json.endArray();
        json.name("waits").beginArray();
        for (Row r : top(new ArrayList<>(syncRows.values()), limit)) {
            json.beginObject();
            common(json, r);
            json.field("signals", r.stats == null ? 0 : r.stats.signals());
            json.field("lost", r.stats == null ? 0 : r.stats.lost());
            waiters(json, r);
            stack(json, r);
            json.endObject();
        }
        json.endArray();
        json.endObject();
    }

    private Map<List<String>, Row> rows(HistogramFamily family, boolean lock) {
        Map<List<String>, Row> rows = new HashMap<>();
        for (Map.Entry<List<String>, AtomicHistogram> e : family.series().entrySet()) {
            String type = e.getKey().get(0);
            String site = e.getKey().get(1);
            Row r = new Row(type, site);
            r.histogram = e.getValue();
            r.stats = metrics.find(lock, type, site);
            rows.put(List.of(type, site), r);
        }
        return rows;
    }

    /** Most waiting first; idle pool workers (waiting for work is their normal state) after everything else. */
    private static List<Row> top(List<Row> rows, int limit) {
        rows.sort(Comparator.comparing((Row r) -> r.type.equals(PrimitiveKind.EXECUTOR_IDLE))
                .thenComparing(Comparator.comparingDouble(Row::rank).reversed()).thenComparing(r -> r.site));
        return rows.size() > limit ? rows.subList(0, limit) : rows;
    }

    private static void common(JsonWriter json, Row r) {
        json.field("type", r.type).field("site", r.site);
        if (r.stats != null && r.stats.inside != null) {
            json.field("inside", r.stats.inside);
        }
        count(json, r);
    }

    private static void count(JsonWriter json, Row r) {
        json.field("count", r.histogram == null ? 0 : r.histogram.count())
                .field("totalSeconds", r.totalSeconds())
                .field("maxSeconds", r.histogram == null ? 0 : r.histogram.max())
                .field("waiting", r.waiting.size())
                .field("waitingSeconds", r.waitingSeconds);
    }

    private static void waiters(JsonWriter json, Row r) {
        json.name("waiters").beginArray();
        for (WaitView w : r.waiting) {
            json.value(w.thread().getName());
        }
        json.endArray();
    }

    private void stack(JsonWriter json, Row r) {
        json.name("stack").beginArray();
        List<String> stack = r.stats == null ? null : r.stats.firstStack;
        if (stack == null) {
            List<JfrStacks.JfrStack> recent = jfr.stacks(r.type, r.site, 1);
            stack = recent.isEmpty() ? null : recent.get(0).frames();
        }
        if (stack != null) {
            for (String frame : stack) {
                json.value(frame);
            }
        }
        json.endArray();
    }

    /** Thread infos (no stacks) of the platform threads waiting on locks: the JVM knows their owner. */
    private Map<Long, ThreadInfo> owners(List<Row> locks) {
        List<Long> ids = new ArrayList<>();
        for (Row r : locks) {
            for (WaitView w : r.waiting) {
                ids.add(w.thread().getId());
            }
        }
        Map<Long, ThreadInfo> byId = new HashMap<>();
        if (ids.isEmpty()) {
            return byId;
        }
        long[] array = ids.stream().mapToLong(Long::longValue).toArray();
        for (ThreadInfo info : threads.getThreadInfo(array)) {
            if (info != null) {
                byId.put(info.getThreadId(), info);
            }
        }
        return byId;
    }

    private static String owner(Row r, Map<Long, ThreadInfo> owners) {
        for (WaitView w : r.waiting) {
            ThreadInfo info = owners.get(w.thread().getId());
            if (info != null && info.getLockOwnerName() != null) {
                return info.getLockOwnerName();
            }
        }
        return null;
    }

    private static int limit(String text) {
        if (text == null || text.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through
        }
        throw new IllegalArgumentException("limit must be an integer from 1 to " + MAX_LIMIT);
    }
}
