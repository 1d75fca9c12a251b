package dev.threadlens.http;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import dev.threadlens.bootstrap.Failures;
import dev.threadlens.faults.TestFaults;

/**
 * Everything the endpoint serves besides {@code /metrics}: the live page at {@code /},
 * {@code /health} and the JSON API. Read-only: GET and HEAD.
 */
final class Router implements HttpHandler {

    /**
     * The page is self-contained: nothing may come from elsewhere, no inline script or style runs
     * (so markup smuggled in through a thread name could not execute even if it reached the
     * DOM), and Trusted Types make the browser refuse any HTML string assigned to the DOM.
     */
    static final String PAGE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types 'none'";

    private final ApiRoutes api;
    private final PageAssets page;

    Router(ApiRoutes api) throws IOException {
        this.api = api;
        this.page = new PageAssets();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", bytes("method not allowed\n"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            PageAssets.Asset asset = page.find(path);
            if (asset != null) {
                sendAsset(exchange, asset);
            } else if (path.equals("/health")) {
                send(exchange, 200, "application/json", bytes("{\"status\":\"UP\"}\n"));
            } else if (path.equals("/api") || path.equals("/api/")) {
                JsonWriter json = new JsonWriter().beginObject().name("endpoints").beginArray();
                api.paths().forEach(json::value);
                send(exchange, 200, "application/json", bytes(json.endArray().endObject().toString()));
            } else if (api.find(path) != null) {
                serveApi(exchange, api.find(path));
            } else {
                send(exchange, 404, "text/plain; charset=utf-8",
                        bytes("not found; try /, /metrics, /health or /api\n"));
            }
        }
    }

    private void serveApi(HttpExchange exchange, ApiRoutes.JsonHandler handler) throws IOException {
        JsonWriter json = new JsonWriter();
        long start = System.nanoTime();
        try {
            TestFaults.fire(TestFaults.HTTP);
            handler.write(query(exchange.getRequestURI().getRawQuery()), json);
            // What producing the document cost the agent, for the page's footer and the tests.
            exchange.getResponseHeaders().set("Server-Timing",
                    String.format(Locale.ROOT, "api;dur=%.3f", (System.nanoTime() - start) / 1e6));
        } catch (IllegalArgumentException e) {
            send(exchange, 400, "application/json", bytes(new JsonWriter().beginObject()
                    .field("error", String.valueOf(e.getMessage())).endObject().toString()));
            return;
        } catch (Exception | Error e) { // an Error too: escaping here, it would leave the request unanswered
            Failures.report("http", e);
            send(exchange, 500, "application/json", bytes(new JsonWriter().beginObject()
                    .field("error", e.getClass().getSimpleName()).endObject().toString()));
            return;
        }
        send(exchange, 200, "application/json", bytes(json.toString()));
    }

    static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return q;
    }

    /** The page's files go gzipped to browsers that take it (all do): a quarter of the bytes. */
    private static void sendAsset(HttpExchange exchange, PageAssets.Asset asset) throws IOException {
        exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
        String accept = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (accept != null && accept.toLowerCase(Locale.ROOT).contains("gzip")) {
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            send(exchange, 200, asset.contentType, asset.gzipped);
        } else {
            send(exchange, 200, asset.contentType, asset.body);
        }
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        exchange.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        if (contentType.startsWith("text/html")) {
            exchange.getResponseHeaders().set("Content-Security-Policy", PAGE_POLICY);
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : body.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
