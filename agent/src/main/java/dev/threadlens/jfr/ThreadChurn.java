package dev.threadlens.jfr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.threadlens.http.JsonWriter;
import dev.threadlens.jfr.time.PoolLabels;

/**
 * Thread starts and ends by pool as JFR saw them (jdk.ThreadStart / jdk.ThreadEnd), with the
 * application frame that started the pool's threads most recently: which code churns threads.
 * Bounded by {@link PoolLabels}.
 */
final class ThreadChurn {

    private static final class Pool {
        long started;
        long ended;
        String startedBy;
    }

    private final PoolLabels pools;
    private final Map<String, Pool> byPool = new ConcurrentHashMap<>();
    /** Thread starts handled, all pools (written by the stream's thread only). */
    private volatile long startedTotal;

    ThreadChurn(PoolLabels pools) {
        this.pools = pools;
    }

    void started(String threadName, String startedBy) {
        startedTotal++; // one writer: the stream's thread
        Pool p = byPool.computeIfAbsent(pools.of(threadName), k -> new Pool());
        synchronized (p) {
            p.started++;
            if (startedBy != null) {
                p.startedBy = startedBy;
            }
        }
    }

    /** Thread starts handled so far. */
    long startedTotal() {
        return startedTotal;
    }

    void ended(String threadName) {
        Pool p = byPool.computeIfAbsent(pools.of(threadName), k -> new Pool());
        synchronized (p) {
            p.ended++;
        }
    }

    void write(JsonWriter json, int limit) {
        List<Map.Entry<String, Pool>> entries = new ArrayList<>(byPool.entrySet());
        entries.sort((a, b) -> Long.compare(b.getValue().started, a.getValue().started));
        json.beginArray();
        for (Map.Entry<String, Pool> e : entries.subList(0, Math.min(limit, entries.size()))) {
            Pool p = e.getValue();
            synchronized (p) {
                json.beginObject().field("pool", e.getKey()).field("started", p.started).field("ended", p.ended)
                        .field("startedBy", p.startedBy).endObject();
            }
        }
        json.endArray();
    }
}
