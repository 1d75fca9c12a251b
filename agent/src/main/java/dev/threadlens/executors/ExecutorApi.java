package dev.threadlens.executors;

import java.util.Map;

import dev.threadlens.http.ApiRoutes;
import dev.threadlens.http.JsonWriter;

/**
 * {@code GET /api/executors}: each executor's state (see the JSON contract in
 * docs/ARCHITECTURE.md). Fields that do not apply to a kind of pool are left out: core and
 * maximum size and queue capacity for fork/join and thread-per-task executors, the queue for
 * thread-per-task executors, lateness except for scheduled pools.
 */
final class ExecutorApi implements ApiRoutes.JsonHandler {

    private final ExecutorGroups groups;

    ExecutorApi(ExecutorGroups groups) {
        this.groups = groups;
    }

    @Override
    public void write(Map<String, String> query, JsonWriter json) {
        json.beginObject().field("timestamp", System.currentTimeMillis()).name("executors").beginArray();
        for (ExecutorGroup g : groups.snapshot()) {
            PoolReading r = g.gauges;
            json.beginObject()
                    .field("name", g.name)
                    .field("type", g.kind.label)
                    .field("pools", g.pools)
                    .field("active", r.active)
                    .field("idle", r.idle())
                    .field("poolSize", r.poolSize);
            optional(json, "core", r.core);
            optional(json, "max", r.max);
            optional(json, "limit", r.limit);
            optional(json, "queueSize", r.queueSize);
            optional(json, "queueCapacity", r.queueCapacity);
            if (g.measured) {
                json.field("completed", g.totals.completed)
                        .field("submitted", g.totals.submitted)
                        .field("rejected", g.totals.rejected)
                        .field("failed", g.totals.failed);
            }
            json.field("saturated", g.saturated);
            if (g.measured) {
                if (g.kind == PoolKind.SCHEDULED) {
                    timing(json, "lateness", g.totals.lateness);
                } else {
                    timing(json, "queueWait", g.totals.queueWait);
                }
                timing(json, "runTime", g.totals.duration);
            }
            if (g.kind == PoolKind.FORK_JOIN) {
                json.field("parallelism", r.parallelism)
                        .field("running", r.running)
                        .field("queuedTasks", r.workerQueueSize)
                        .field("steals", g.totals.steals);
            }
            json.endObject();
        }
        json.endArray().endObject();
    }

    private static void optional(JsonWriter json, String name, long value) {
        if (value >= 0) {
            json.field(name, value);
        }
    }

    private static void timing(JsonWriter json, String name, HistogramData h) {
        json.name(name).beginObject()
                .field("count", h.count())
                .field("sum", h.sum())
                .field("p50", h.quantile(0.5))
                .field("p99", h.quantile(0.99))
                .field("max", h.max())
                .endObject();
    }
}
