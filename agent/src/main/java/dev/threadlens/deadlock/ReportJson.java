package dev.threadlens.deadlock;

import java.util.List;

import dev.threadlens.http.JsonWriter;

/** The {@code /api/deadlocks} document (contract in docs/ARCHITECTURE.md). */
final class ReportJson {

    private ReportJson() {
    }

    static void write(DeadlockReport r, JsonWriter json) {
        json.beginObject()
                .field("timestamp", r.timestamp())
                .field("source", r.source())
                .field("found", r.found());
        json.name("deadlocks").beginArray();
        for (Deadlock d : r.deadlocks()) {
            deadlock(d, json);
        }
        json.endArray();
        json.name("hangs").beginArray();
        for (Hang h : r.hangs()) {
            hang(h, json);
        }
        json.endArray();
        json.name("stuck").beginArray();
        for (StuckThread s : r.stuck()) {
            ThreadView t = s.thread();
            json.beginObject().field("thread", t.name()).field("state", t.state()).field("seconds", s.seconds())
                    .field("frame", t.waitingAt());
            waitsFor(t.waitsFor(), json);
            json.endObject();
        }
        json.endArray();
        json.name("inversions").beginArray();
        for (Inversion i : r.inversions()) {
            json.beginObject().field("first", i.first()).field("second", i.second())
                    .field("threadA", i.threadA()).field("threadB", i.threadB());
            strings("stackA", i.stackA(), json);
            strings("stackB", i.stackB(), json);
            strings("path", i.path(), json);
            json.field("detectedAt", i.detectedAt()).field("text", ReportText.inversion(i)).endObject();
        }
        json.endArray();
        strings("notes", r.notes(), json);
        json.endObject();
    }

    private static void deadlock(Deadlock d, JsonWriter json) {
        json.beginObject().field("kind", d.kind()).field("detectedAt", d.detectedAt())
                .field("confirmedBy", d.confirmation());
        strings("threads", d.threadNames(), json);
        json.name("cycle").beginArray();
        for (Deadlock.Step s : d.cycle()) {
            json.beginObject();
            thread(s.thread(), json);
            json.field("heldBy", s.heldBy().name());
            strings("holders", s.holders(), json);
            json.endObject();
        }
        json.endArray();
        json.name("blocked").beginArray();
        for (ThreadView t : d.blocked()) {
            json.beginObject();
            thread(t, json);
            json.endObject();
        }
        json.endArray();
        json.field("text", ReportText.deadlock(d)).endObject();
    }

    private static void hang(Hang h, JsonWriter json) {
        json.beginObject().field("kind", h.kind());
        strings("threads", h.threadNames(), json);
        json.name("waitsFor");
        primitive(h.primitive(), json);
        json.field("seconds", h.seconds()).field("evidence", h.evidence());
        json.name("threadDetails").beginArray();
        for (ThreadView t : h.threads()) {
            json.beginObject();
            thread(t, json);
            json.endObject();
        }
        json.endArray();
        json.field("text", ReportText.hang(h)).endObject();
    }

    /** The members of a thread entry (inside an object the caller opened). */
    private static void thread(ThreadView t, JsonWriter json) {
        json.field("thread", t.name()).field("state", t.state());
        waitsFor(t.waitsFor(), json);
        json.field("waitingAt", t.waitingAt());
        strings("stack", t.stack(), json);
        json.name("heldLocks").beginArray();
        for (Held h : t.held()) {
            json.beginObject().field("type", h.primitive().type()).field("site", h.primitive().site())
                    .field("identity", h.primitive().identity()).field("takenAt", h.takenAt()).endObject();
        }
        json.endArray();
    }

    private static void waitsFor(WaitFor w, JsonWriter json) {
        json.name("waitsFor");
        if (w == null) {
            json.value((String) null);
            return;
        }
        json.beginObject().field("type", w.primitive().type()).field("site", w.primitive().site())
                .field("identity", w.primitive().identity()).field("release", w.release().name().toLowerCase(java.util.Locale.ROOT))
                .field("executor", w.executor()).field("detail", w.detail()).endObject();
    }

    private static void primitive(Primitive p, JsonWriter json) {
        json.beginObject().field("type", p.type()).field("site", p.site()).field("identity", p.identity()).endObject();
    }

    private static void strings(String name, List<String> values, JsonWriter json) {
        json.name(name).beginArray();
        for (String v : values) {
            json.value(v);
        }
        json.endArray();
    }
}
