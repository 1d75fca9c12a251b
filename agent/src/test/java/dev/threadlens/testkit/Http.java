package dev.threadlens.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/** Plain HTTP against the agent's endpoint on 127.0.0.1. */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private Http() {
    }

    /** Status, headers and body of one response. */
    public static final class Response {
        private final int status;
        private final Map<String, java.util.List<String>> headers;
        private final String body;

        Response(HttpResponse<String> r) {
            this.status = r.statusCode();
            this.headers = r.headers().map();
            this.body = r.body();
        }

        public int status() {
            return status;
        }

        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        public String body() {
            return body;
        }
    }

    public static Response get(int port, String path) {
        return get(port, path, Map.of());
    }

    public static Response get(int port, String path, Map<String, String> headers) {
        return get("127.0.0.1", port, path, headers);
    }

    /** GET on another loopback address (to test the endpoint's host binding). */
    public static Response get(String host, int port, String path, Map<String, String> headers) {
        String shown = host.contains(":") ? "[" + host + "]" : host;
        return get(CLIENT, URI.create("http://" + shown + ":" + port + path), headers);
    }

    /** GET with a client of the test's own (one that trusts a test key store, for HTTPS). */
    public static Response get(HttpClient client, URI uri, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        headers.forEach(b::header);
        try {
            return new Response(client.send(b.build(), HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** True when something accepts connections on the port. */
    public static boolean listening(int port) {
        return listening("127.0.0.1", port);
    }

    /** True when something accepts connections on this address and port. */
    public static boolean listening(String host, int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress(host, port), 2_000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
