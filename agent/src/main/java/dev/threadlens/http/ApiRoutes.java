package dev.threadlens.http;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JSON API under {@code /api/}: components register one handler per path. The handlers run
 * on the agent's HTTP threads.
 */
public final class ApiRoutes {

    /** Produces one JSON document for a request's query parameters. */
    @FunctionalInterface
    public interface JsonHandler {
        void write(Map<String, String> query, JsonWriter json) throws Exception;
    }

    private final Map<String, JsonHandler> handlers = new ConcurrentHashMap<>();

    /** Registers {@code path} (for example {@code /api/threads}); a later registration replaces it. */
    public void add(String path, JsonHandler handler) {
        if (!path.startsWith("/api/")) {
            throw new IllegalArgumentException("API paths start with /api/: " + path);
        }
        handlers.put(path, handler);
    }

    JsonHandler find(String path) {
        return handlers.get(path);
    }

    Set<String> paths() {
        return new TreeSet<>(handlers.keySet());
    }
}
