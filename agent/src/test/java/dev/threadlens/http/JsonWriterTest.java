package dev.threadlens.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class JsonWriterTest {

    @Test
    void writesNestedStructures() {
        String json = new JsonWriter().beginObject()
                .field("name", "a").field("n", 3).field("x", 1.5).field("ok", true)
                .name("list").beginArray().value("p").value(2).beginObject().endObject().endArray()
                .name("none").value((String) null)
                .endObject().toString();
        assertEquals("{\"name\":\"a\",\"n\":3,\"x\":1.5,\"ok\":true,\"list\":[\"p\",2,{}],\"none\":null}", json);
    }

    @Test
    void escapesEverythingThatCouldBreakOutOfAStringOrIntoMarkup() {
        String json = new JsonWriter().value("<img src=x onerror=alert(1)>\"\\\n\t\u0001&").toString();
        assertEquals("\"\\u003cimg src=x onerror=alert(1)\\u003e\\\"\\\\\\n\\t\\u0001\\u0026\"", json);
    }

    @Test
    void keepsSurrogatePairsAndEscapesLoneSurrogatesAndLineSeparators() {
        String json = new JsonWriter().value("\uD83D\uDE00 \uD800x\uDC00 \uDBFF\uD83D\uDE00\u2028").toString();
        assertEquals("\"\uD83D\uDE00 \\ud800x\\udc00 \\udbff\uD83D\uDE00\\u2028\"", json);
    }

    @Test
    void escapesDelAndC1Controls() {
        assertEquals("\"a\\u007f\\u0085\\u009b\u00a0b\"", new JsonWriter().value("a\u007f\u0085\u009b\u00a0b").toString());
    }

    @Test
    void nonFiniteNumbersBecomeNull() {
        assertEquals("[null,null]", new JsonWriter().beginArray().value(Double.NaN)
                .value(Double.POSITIVE_INFINITY).endArray().toString());
    }
}
