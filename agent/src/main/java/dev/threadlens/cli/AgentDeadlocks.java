package dev.threadlens.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.threadlens.util.Json;

/**
 * {@code /api/deadlocks} of an agent already running in the target: its graph sees what a thread
 * dump cannot (read-lock holders, future runners, pool queues, creation sites, how long each
 * thread has waited). Basic auth credentials are taken from {@code THREADLENS_BASIC_AUTH_USER} and
 * {@code THREADLENS_BASIC_AUTH_PASSWORD} when set.
 */
final class AgentDeadlocks {

    private static final int TIMEOUT_MS = 10_000;

    private AgentDeadlocks() {
    }

    /** The document, as the agent wrote it. */
    static String fetch(String endpoint) throws IOException {
        URL url = URI.create(local(endpoint) + "api/deadlocks").toURL();
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        c.setConnectTimeout(TIMEOUT_MS);
        c.setReadTimeout(TIMEOUT_MS);
        String user = System.getenv("THREADLENS_BASIC_AUTH_USER");
        String password = System.getenv("THREADLENS_BASIC_AUTH_PASSWORD");
        if (user != null && password != null) {
            c.setRequestProperty("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        try {
            int status = c.getResponseCode();
            if (status != 200) {
                throw new IOException(url + " answered " + status + (status == 401
                        ? " (set THREADLENS_BASIC_AUTH_USER and THREADLENS_BASIC_AUTH_PASSWORD)" : ""));
            }
            try (InputStream in = c.getInputStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } finally {
            c.disconnect();
        }
    }

    /** An endpoint bound to every interface is reached on the loopback one. */
    static String local(String endpoint) {
        return endpoint.replace("://0.0.0.0:", "://127.0.0.1:").replace("://[::]:", "://[::1]:");
    }

    static boolean found(String json) {
        return Boolean.TRUE.equals(doc(json).get("found"));
    }

    /** The agent's report in words: each deadlock, hang and inversion comes with its own text. */
    static String text(String json, long pid) {
        Map<String, Object> doc = doc(json);
        List<Map<String, Object>> deadlocks = list(doc.get("deadlocks"));
        List<Map<String, Object>> hangs = list(doc.get("hangs"));
        List<Map<String, Object>> stuck = list(doc.get("stuck"));
        List<Map<String, Object>> inversions = list(doc.get("inversions"));
        String nl = System.lineSeparator();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d deadlock(s), %d hang(s), %d stuck thread(s), %d lock-order"
                + " inversion(s) (from the threadlens agent running in process %d).", deadlocks.size(), hangs.size(),
                stuck.size(), inversions.size(), pid)).append(nl);
        List<Map<String, Object>> withText = new ArrayList<>(deadlocks);
        withText.addAll(hangs);
        for (Map<String, Object> entry : withText) {
            sb.append(nl).append(entry.get("text"));
        }
        if (!stuck.isEmpty()) {
            sb.append(nl).append("Stuck threads (blocked or waiting without waking once):").append(nl);
            for (Map<String, Object> s : stuck) {
                sb.append(String.format(Locale.ROOT, "  \"%s\" %s for %.1f s at %s", s.get("thread"), s.get("state"),
                        ((Number) s.get("seconds")).doubleValue(), s.get("frame"))).append(nl);
            }
        }
        for (Map<String, Object> i : inversions) {
            sb.append(nl).append(i.get("text"));
        }
        for (Object note : doc.get("notes") instanceof List ? (List<?>) doc.get("notes") : List.of()) {
            sb.append(nl).append("Note: ").append(note).append(nl);
        }
        return sb.toString();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> doc(String json) {
        return (Map<String, Object>) Json.parse(json);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object o) {
        return o instanceof List ? (List<Map<String, Object>>) o : List.of();
    }
}
