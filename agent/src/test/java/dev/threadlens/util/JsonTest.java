package dev.threadlens.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.threadlens.http.JsonWriter;

class JsonTest {

    @Test
    void readsWhatTheAgentWrites() {
        String text = new JsonWriter().beginObject().field("name", "a \"q\" <b>\n\u00e9").field("n", 42L)
                .field("x", 1.5).field("ok", true).name("none").value((String) null)
                .name("list").beginArray().value(1L).beginObject().endObject().endArray().endObject().toString();
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) Json.parse(text);
        assertEquals("a \"q\" <b>\n\u00e9", doc.get("name"));
        assertEquals(42L, doc.get("n"));
        assertEquals(1.5, doc.get("x"));
        assertEquals(Boolean.TRUE, doc.get("ok"));
        assertEquals(null, doc.get("none"));
        assertEquals(List.of(1L, Map.of()), doc.get("list"));
    }

    @Test
    void rejectsMalformedInput() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,2] x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{a:1}"));
    }
}
