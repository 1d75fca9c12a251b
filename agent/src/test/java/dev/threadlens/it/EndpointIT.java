package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.LifecycleApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Http;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Jdks;
import dev.threadlens.testkit.Metrics;

/** The HTTP endpoint: formats by {@code Accept}, health, errors, binding, basic auth. */
class EndpointIT {

    @Test
    void servesPrometheusTextOrOpenMetricsByAccept() throws Exception {
        try (ChildJvm app = ChildJvm.builder(Jdks.current()).agent().main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            Http.Response text = app.get("/metrics");
            assertEquals(200, text.status());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", text.header("Content-Type"));
            assertTrue(text.body().contains("# TYPE jvm_thread_started_total counter"), text.body());

            Http.Response om = Http.get(app.port(), "/metrics",
                    Map.of("Accept", "application/openmetrics-text; version=1.0.0; charset=utf-8"));
            assertEquals(200, om.status());
            assertTrue(om.header("Content-Type").startsWith("application/openmetrics-text; version=1.0.0"),
                    om.header("Content-Type"));
            assertTrue(om.body().endsWith("# EOF\n"), "OpenMetrics ends with # EOF");
            assertTrue(om.body().contains("# TYPE jvm_thread_started counter"), om.body());

            Metrics m = Metrics.parse(text.body());
            assertTrue(m.has("jvm_threads_current"), "standard client_java JVM metrics are exported");
            assertTrue(m.has("jvm_memory_used_bytes"));
            assertTrue(m.has("threadlens_agent_errors_total") || text.body().contains("# TYPE threadlens_agent_errors_total"));
        }
    }

    @Test
    void healthNotFoundAndMethodNotAllowed() throws Exception {
        try (ChildJvm app = ChildJvm.builder(Jdks.current()).agent().main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            Http.Response health = app.get("/health");
            assertEquals(200, health.status());
            assertEquals("{\"status\":\"UP\"}\n", health.body());
            assertEquals(404, app.get("/nope").status());
            Http.Response page = app.get("/");
            assertEquals(200, page.status());
            assertTrue(page.header("Content-Type").startsWith("text/html"));
            assertTrue(page.header("Content-Security-Policy").contains("default-src 'self'"));
            assertEquals(200, app.get("/api").status());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void bindsToLoopbackByDefault(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent().main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            String line = app.awaitStderr("live page");
            int port = app.port();
            assertTrue(line.contains("http://127.0.0.1:" + port + "/"), line);
            assertEquals(200, app.get("/health").status());
            // Bound to the address 127.0.0.1 itself, not to every interface: another loopback
            // address (Linux routes all of 127/8 to lo) finds nothing on the port.
            assertFalse(Http.listening("127.0.0.2", port), "127.0.0.2:" + port + " answers");
            assertFalse(app.stderr().contains("exposed"), app.stderr());
            String external = nonLoopbackAddress();
            Assumptions.assumeTrue(external != null, "this machine has no non-loopback address to try");
            assertFalse(Http.listening(external, port), external + ":" + port + " answers");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void allInterfacesOnlyWhenAskedAndThenWarned(Jdk jdk) throws Exception {
        try (ChildJvm app = ChildJvm.builder(jdk).agent("host=0.0.0.0").main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            int port = app.port();
            String warning = app.awaitStderr("WARN");
            assertEquals("[threadlens] WARN the HTTP endpoint is exposed on every network interface (0.0.0.0), port "
                    + port + ": whoever reaches it reads thread names, stacks and lock sites; no basic auth (set "
                    + "basicAuthUser and basicAuthPasswordFile); plain HTTP (set tlsKeyStore and tlsKeyStorePasswordFile)",
                    warning);
            assertEquals(200, Http.get("127.0.0.2", port, "/health", Map.of()).status());
            String external = nonLoopbackAddress();
            Assumptions.assumeTrue(external != null, "this machine has no non-loopback address to try");
            Http.Response r = Http.get(external, port, "/metrics", Map.of());
            assertEquals(200, r.status(), external);
            assertTrue(r.body().contains("threadlens_agent_info"), r.body());
        }
    }

    /** An address of this machine's own that is not loopback (nor link-local), or null. */
    static String nonLoopbackAddress() throws SocketException {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!nic.isUp() || nic.isLoopback()) {
                continue;
            }
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) {
                    return a.getHostAddress();
                }
            }
        }
        return null;
    }

    @Test
    void basicAuthProtectsEveryPath() throws Exception {
        try (ChildJvm app = ChildJvm.builder(Jdks.current()).agent("basicAuthUser=ops")
                .env("THREADLENS_BASIC_AUTH_PASSWORD", "s3cret").main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            assertEquals(401, app.get("/metrics").status());
            assertEquals(401, app.get("/").status());
            assertEquals(401, app.get("/api").status());
            String good = "Basic " + Base64.getEncoder().encodeToString("ops:s3cret".getBytes());
            String bad = "Basic " + Base64.getEncoder().encodeToString("ops:guess".getBytes());
            assertEquals(401, Http.get(app.port(), "/metrics", Map.of("Authorization", bad)).status());
            assertEquals(200, Http.get(app.port(), "/metrics", Map.of("Authorization", good)).status());
            assertEquals(200, Http.get(app.port(), "/", Map.of("Authorization", good)).status());
        }
    }
}
