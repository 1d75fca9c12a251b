package dev.threadlens.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The agent's JSON API read with a real JSON parser (Jackson), as any client would. */
public final class ApiJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ApiJson() {
    }

    /** GET {@code path}; asserts a 200 with {@code application/json} and returns the parsed document. */
    public static JsonNode get(ChildJvm app, String path) {
        Http.Response r = app.get(path);
        assertEquals(200, r.status(), path + ": " + r.body());
        assertTrue(r.header("Content-Type").startsWith("application/json"), r.header("Content-Type"));
        return parse(r.body());
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + json, e);
        }
    }

    /** The elements of an array node that match. */
    public static List<JsonNode> select(JsonNode array, Predicate<JsonNode> match) {
        List<JsonNode> found = new ArrayList<>();
        array.forEach(n -> {
            if (match.test(n)) {
                found.add(n);
            }
        });
        return found;
    }

    /** The one thread of a {@code /api/threads} document with this exact name. */
    public static JsonNode thread(JsonNode threads, String name) {
        List<JsonNode> found = select(threads.get("threads"), t -> t.get("name").asText().equals(name));
        assertEquals(1, found.size(), "threads named '" + name + "' in " + threads);
        return found.get(0);
    }
}
