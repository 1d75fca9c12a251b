package dev.threadlens.testkit;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads the agent's JSON API documents into plain maps, lists, strings, numbers, booleans and
 * nulls with Jackson (a parser independent of the agent's own), so tests assert on values rather
 * than on text. For tree-style access see {@link ApiJson}.
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    /** Parses a whole document; fails on malformed JSON or trailing text. */
    public static Object parse(String text) {
        try {
            return MAPPER.readValue(text, Object.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON: " + text, e);
        }
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> object(Object value) {
        if (!(value instanceof Map)) {
            throw new AssertionError("expected a JSON object, got " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    public static List<Object> array(Object value) {
        if (!(value instanceof List)) {
            throw new AssertionError("expected a JSON array, got " + value);
        }
        return (List<Object>) value;
    }

    /** A number member of {@code object}; fails when absent or not a number. */
    public static double number(Map<String, Object> object, String name) {
        Object v = object.get(name);
        if (!(v instanceof Number)) {
            throw new AssertionError("expected number '" + name + "' in " + object);
        }
        return ((Number) v).doubleValue();
    }
}
