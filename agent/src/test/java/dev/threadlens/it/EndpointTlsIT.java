package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.LifecycleApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Http;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Jdks;
import dev.threadlens.testkit.Metrics;
import dev.threadlens.testkit.TestKeyStore;

/**
 * HTTPS with a key store made in the test by the child JDK's keytool: scraped with a client that
 * trusts only that certificate; a client that does not trust it fails the handshake; plain HTTP
 * on the TLS port gets no HTTP response at all. With basic auth on top, the 401 comes over TLS.
 */
class EndpointTlsIT {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void tlsWithPasswordFileAndBasicAuthFromTheEnvironment(Jdk jdk) throws Exception {
        String storePassword = "ks-" + UUID.randomUUID();
        String authPassword = "pw-" + UUID.randomUUID();
        TestKeyStore keys = TestKeyStore.generate(jdk, dir, storePassword);
        Path passwordFile = Files.writeString(dir.resolve("ks-password"), storePassword + "\n");
        try (ChildJvm app = ChildJvm.builder(jdk)
                .agent("tlsKeyStore=" + keys.file() + ",tlsKeyStorePasswordFile=" + passwordFile + ",basicAuthUser=ops")
                .env("THREADLENS_BASIC_AUTH_PASSWORD", authPassword)
                .main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            app.command("start 3");
            int port = app.port();
            assertTrue(app.awaitStderr("live page").contains("live page https://127.0.0.1:" + port + "/"), app.stderr());
            HttpClient client = keys.client();
            Map<String, String> good = Map.of("Authorization", EndpointAuthIT.basic("ops", authPassword));
            for (String path : List.of("/metrics", "/", "/api/threads", "/health")) {
                Http.Response denied = Http.get(client, https(port, path), Map.of());
                assertEquals(401, denied.status(), path);
                assertTrue(denied.header("WWW-Authenticate").startsWith("Basic realm=\"threadlens\""), path);
                assertEquals(401, Http.get(client, https(port, path),
                        Map.of("Authorization", EndpointAuthIT.basic("ops", storePassword))).status(), path);
                assertEquals(200, Http.get(client, https(port, path), good).status(), path);
            }
            assertMetricsOverTls(client, port, good);
            assertPlainHttpGetsNoHttpResponse(port);
            assertUntrustedClientFailsTheHandshake(port);
            String output = app.stdout() + app.stderr();
            assertFalse(output.contains(storePassword) || output.contains(authPassword), output);
        }
    }

    @Test
    void tlsWithPasswordFromTheEnvironment() throws Exception {
        Jdk jdk = Jdks.current();
        String storePassword = "ks-" + UUID.randomUUID();
        TestKeyStore keys = TestKeyStore.generate(jdk, dir, storePassword);
        try (ChildJvm app = ChildJvm.builder(jdk).agent("tlsKeyStore=" + keys.file())
                .env("THREADLENS_TLS_KEY_STORE_PASSWORD", storePassword)
                .main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            app.command("start 3");
            int port = app.port();
            assertMetricsOverTls(keys.client(), port, Map.of());
            assertEquals(200, Http.get(keys.client(), https(port, "/api/deadlocks"), Map.of()).status());
            assertPlainHttpGetsNoHttpResponse(port);
            assertFalse((app.stdout() + app.stderr()).contains(storePassword), app.output());
        }
    }

    @Test
    void wrongKeyStorePasswordTurnsTheEndpointOffWithOneLine() throws Exception {
        Jdk jdk = Jdks.current();
        TestKeyStore keys = TestKeyStore.generate(jdk, dir, "right-" + UUID.randomUUID());
        String wrong = "wrong-" + UUID.randomUUID();
        int port = EndpointAuthIT.freePort();
        try (ChildJvm app = ChildJvm.builder(jdk).agent("port=" + port + ",tlsKeyStore=" + keys.file())
                .env("THREADLENS_TLS_KEY_STORE_PASSWORD", wrong).main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            String line = app.awaitStderr("threadlens");
            assertTrue(line.startsWith("[threadlens] ERROR cannot use tlsKeyStore '" + keys.file() + "': "), line);
            assertTrue(line.endsWith("; the HTTP endpoint is off, the agent keeps recording"), line);
            assertFalse((app.stdout() + app.stderr()).contains(wrong), app.output());
            assertFalse(Http.listening(port), "no plain HTTP in place of the TLS the user asked for");
        }
    }

    private static URI https(int port, String path) {
        return URI.create("https://127.0.0.1:" + port + path);
    }

    private static void assertMetricsOverTls(HttpClient client, int port, Map<String, String> headers) {
        Http.Response r = Http.get(client, https(port, "/metrics"), headers);
        assertEquals(200, r.status());
        assertEquals("text/plain; version=0.0.4; charset=utf-8", r.header("Content-Type"));
        Metrics m = Metrics.parse(r.body());
        assertTrue(m.value("jvm_thread_started_total", "jvm_thread_daemon", "false", "jvm_thread_virtual", "false") >= 3,
                r.body());
        assertEquals(1.0, m.value("threadlens_agent_info", "mode", "premain"), r.body());
    }

    /**
     * A plain-HTTP request on the TLS port: the JDK's HTTPS server takes it for a malformed TLS
     * record and closes the connection, having sent nothing (JDK 17) or one fatal TLS alert
     * record (JDK 25: {@code 15 03 03 00 02 02 50}); never an HTTP status line, let alone metrics.
     */
    private static void assertPlainHttpGetsNoHttpResponse(int port) throws IOException {
        byte[] answer = rawExchange(port, "GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
        String shown = hex(answer) + " " + new String(answer, StandardCharsets.ISO_8859_1);
        boolean nothing = answer.length == 0;
        boolean fatalAlert = answer.length == 7 && answer[0] == 0x15 && answer[1] == 0x03 && answer[3] == 0
                && answer[4] == 2 && answer[5] == 2;
        assertTrue(nothing || fatalAlert, "answer to plain HTTP: " + shown);
        // The way a client sees it: the request fails, there is no status at all.
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> Http.get(port, "/metrics"));
        assertTrue(e.getCause() instanceof IOException, String.valueOf(e.getCause()));
    }

    private static void assertUntrustedClientFailsTheHandshake(int port) {
        HttpClient trustsDefaultsOnly = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> Http.get(trustsDefaultsOnly, https(port, "/metrics"), Map.of()));
        assertTrue(e.getCause() instanceof SSLHandshakeException, String.valueOf(e.getCause()));
    }

    /** Writes the request and reads until the server closes the connection. */
    private static byte[] rawExchange(int port, String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
            s.setSoTimeout(30_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            InputStream in = s.getInputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = in.read(buffer)) >= 0;) {
                    out.write(buffer, 0, n);
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("the TLS port kept a plain-HTTP connection open for 30 s; read " + out.size()
                        + " bytes", e);
            } catch (IOException reset) {
                // a reset is a close too
            }
            return out.toByteArray();
        }
    }

    private static String hex(byte[] bytes) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(bytes.length, 32); i++) {
            sb.append(String.format("%02x ", bytes[i]));
        }
        return sb.toString();
    }
}
