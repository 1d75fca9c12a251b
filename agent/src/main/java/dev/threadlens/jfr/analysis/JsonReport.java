package dev.threadlens.jfr.analysis;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.threadlens.http.JsonWriter;

/** The analysis as one JSON document (field names are stable: scripts read them). */
public final class JsonReport {

    private static final int STACKS_PER_GROUP = 3;

    private JsonReport() {
    }

    public static String write(Analysis a, int top) {
        JsonWriter json = new JsonWriter().beginObject().field("file", a.file());
        json.name("recording").beginObject()
                .field("start", iso(a.start())).field("end", iso(a.end()))
                .field("durationSeconds", a.start() == null ? 0 : (a.end().toEpochMilli() - a.start().toEpochMilli()) / 1e3)
                .field("jvm", a.jvm()).field("eventsRead", a.eventsRead());
        json.name("events").beginObject();
        a.eventCounts().forEach(json::field);
        json.endObject().endObject();
        groups(json, "monitors", a.monitors(top));
        groups(json, "locks", a.locks(top));
        groups(json, "waits", a.waits(top));
        groups(json, "sleeps", a.sleeps(top));
        groups(json, "pinned", a.pinned(top));
        json.name("executorIdle").beginObject().field("count", a.idleCount()).field("totalSeconds", a.idleSeconds())
                .endObject();
        json.name("threads").beginArray();
        for (Analysis.ThreadTimes t : a.threads(top)) {
            json.beginObject().field("name", t.name()).field("id", t.id()).field("virtual", t.virtual())
                    .field("blockedSeconds", t.blockedSeconds()).field("waitingSeconds", t.waitingSeconds())
                    .field("parkedSeconds", t.parkedSeconds()).field("sleepingSeconds", t.sleepingSeconds())
                    .field("idleSeconds", t.idleSeconds()).endObject();
        }
        json.endArray();
        json.name("threadLifecycle").beginObject().field("started", a.threadsStarted()).field("ended", a.threadsEnded())
                .field("virtualStarted", a.virtualStarted()).field("virtualEnded", a.virtualEnded())
                .name("pools").beginArray();
        for (Analysis.PoolChurn c : a.churn(top)) {
            json.beginObject().field("pool", c.pool()).field("started", c.started()).field("ended", c.ended())
                    .endObject();
        }
        json.endArray().endObject();
        Analysis.Deadlocks d = a.deadlocks();
        json.name("deadlocks").beginObject().field("threadDumps", d.threadDumps())
                .field("dumpsWithDeadlock", d.dumpsWithDeadlock()).field("firstSeen", iso(d.firstSeen()))
                .field("lastSeen", iso(d.lastSeen())).name("cycles").beginArray();
        for (ThreadDumpDeadlocks.Cycle c : d.cycles()) {
            json.beginObject().field("kind", c.kind()).name("threads").beginArray();
            for (ThreadDumpDeadlocks.Member m : c.members()) {
                json.beginObject().field("name", m.thread()).field("kind", m.kind()).field("waitsFor", m.waitsFor())
                        .field("heldBy", m.heldBy()).name("stack").beginArray();
                m.stack().forEach(json::value);
                json.endArray().endObject();
            }
            json.endArray().endObject();
        }
        json.endArray().endObject();
        json.name("notes").beginArray();
        a.notes().forEach(json::value);
        json.endArray();
        return json.endObject().toString();
    }

    private static void groups(JsonWriter json, String name, List<WaitGroup> groups) {
        json.name(name).beginArray();
        for (WaitGroup g : groups) {
            json.beginObject().field("type", g.type()).field("class", g.className()).field("site", g.site())
                    .field("count", g.count()).field("totalSeconds", g.totalSeconds())
                    .field("maxSeconds", g.maxSeconds()).field("threads", g.threads().size());
            if (g.detail() != null) {
                json.field("detail", g.detail());
            }
            json.name("threadNames").beginArray();
            g.threads().stream().limit(10).forEach(json::value);
            json.endArray().name("stacks").beginArray();
            for (Map.Entry<List<String>, Long> s : g.topStacks(STACKS_PER_GROUP)) {
                json.beginObject().field("count", s.getValue()).name("frames").beginArray();
                s.getKey().forEach(json::value);
                json.endArray().endObject();
            }
            json.endArray().endObject();
        }
        json.endArray();
    }

    private static String iso(Instant i) {
        return i == null ? null : i.toString();
    }
}
