package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.threadlens.testapps.LifecycleApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Http;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Jdks;

/**
 * Basic auth with the password from a file: every path answers 401 with a challenge without
 * credentials or with wrong ones, 200 with the right ones, and the password shows up nowhere
 * (output, start-up line, metrics, API). A password file that cannot be read is one line naming
 * the option; the endpoint stays off (the application runs), or with strict=true the JVM exits.
 *
 * <p>{@code /health} is behind auth like everything else: one rule is easier to audit than a list
 * of exceptions, it tells a scanner nothing it should learn, and a probe can send the header or
 * check the TCP port.
 */
class EndpointAuthIT {

    /** Everything the endpoint serves, client_java's own health check included. */
    static final List<String> PATHS = List.of("/metrics", "/", "/page.js", "/api", "/api/threads?stacks=true",
            "/api/locks", "/api/executors", "/api/deadlocks", "/api/time", "/api/jfr", "/health", "/-/healthy",
            "/nope");

    @TempDir
    Path dir;

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void passwordFromAFileGuardsEveryPathAndIsNeverShown(Jdk jdk) throws Exception {
        String secret = "pw-" + UUID.randomUUID();
        Path file = Files.writeString(dir.resolve("password"), secret + "\n");
        // logLevel=debug: the most the agent ever says, and still no password in it.
        try (ChildJvm app = ChildJvm.builder(jdk)
                .agent("basicAuthUser=ops,basicAuthPasswordFile=" + file + ",logLevel=debug")
                .main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            app.command("hold 2");
            app.awaitStderr("live page http://127.0.0.1:" + app.port() + "/");
            List<String> bodies = new ArrayList<>();
            for (String path : PATHS) {
                for (Map<String, String> wrong : List.<Map<String, String>>of(Map.of(),
                        Map.of("Authorization", basic("ops", secret + "x")),
                        Map.of("Authorization", basic("ops", secret + "\n")),
                        Map.of("Authorization", basic("ops2", secret)),
                        Map.of("Authorization", basic("ops", "")),
                        Map.of("Authorization", "Basic !!not-base64!!"))) {
                    Http.Response denied = Http.get(app.port(), path, wrong);
                    assertEquals(401, denied.status(), path + " with " + wrong);
                    String challenge = denied.header("WWW-Authenticate");
                    assertTrue(challenge != null && challenge.startsWith("Basic realm=\"threadlens\""),
                            path + " with " + wrong + ": " + challenge);
                    bodies.add(denied.body());
                }
                // Another scheme is refused too (the JDK sends no challenge for it).
                assertEquals(401, Http.get(app.port(), path, Map.of("Authorization", "Bearer " + secret)).status(), path);
                Http.Response ok = Http.get(app.port(), path, Map.of("Authorization", basic("ops", secret)));
                assertEquals(path.equals("/nope") ? 404 : 200, ok.status(), path + ": " + ok.body());
                bodies.add(ok.body());
            }
            String metrics = Http.get(app.port(), "/metrics", Map.of("Authorization", basic("ops", secret))).body();
            assertTrue(metrics.contains("threadlens_agent_info{"), "the scrape is the real one");
            for (String body : bodies) {
                assertFalse(body.contains(secret), "password in a response body: " + body);
            }
            app.command("release");
            String output = app.stdout() + app.stderr(); // not the command line, which has the file's path only
            assertFalse(output.contains(secret), "password in the child's output:\n" + output);
        }
    }

    @Test
    void passwordInAgentArgumentsOrEnvironmentIsNeverShownEitherEvenWhenMistyped() throws Exception {
        String secret = "pw-" + UUID.randomUUID();
        // A comma splits the agent arguments: the tail of this password is not key=value.
        try (ChildJvm app = ChildJvm.builder(Jdks.current())
                .agent("basicAuthUser=ops,basicAuthPassword=front," + secret)
                .env("THREADLENS_TLS_KEY_STORE_PASSWORD", secret)
                .main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            String line = app.awaitStderr("threadlens");
            assertTrue(line.startsWith("[threadlens] ERROR agent arguments: the text after basicAuthPassword= is not "
                    + "key=value (a comma in the password?)"), line);
            // The command line has it (that is the user's mistake); the agent's output must not.
            assertFalse((app.stdout() + app.stderr()).contains(secret), app.output());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void unreadablePasswordFileTurnsTheEndpointOffWithOneLine(Jdk jdk) throws Exception {
        Path missing = dir.resolve("no-such-password");
        int port = freePort();
        try (ChildJvm app = ChildJvm.builder(jdk)
                .agent("port=" + port + ",basicAuthUser=ops,basicAuthPasswordFile=" + missing)
                .main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            String line = app.awaitStderr("threadlens");
            assertEquals("[threadlens] ERROR cannot read basicAuthPasswordFile '" + missing + "' (no such file); "
                    + "the HTTP endpoint is off, the agent keeps recording", line);
            app.command("start 1");
            assertEquals(1, app.stderr().lines().filter(l -> l.contains("[threadlens]")).count(), app.stderr());
            assertFalse(Http.listening(port), "no endpoint without its password: nothing on port " + port);
        }
    }

    @Test
    void unreadablePasswordFileWithStrictExits() throws Exception {
        Path missing = dir.resolve("no-such-password");
        try (ChildJvm app = ChildJvm.builder(Jdks.current())
                .agent("strict=true,tlsKeyStore=" + dir.resolve("ks.p12") + ",tlsKeyStorePasswordFile=" + missing)
                .main(LifecycleApp.class).start()) {
            assertEquals(2, app.waitFor(Duration.ofSeconds(120)), app.output());
            assertTrue(app.stderr().contains("[threadlens] ERROR cannot read tlsKeyStorePasswordFile '" + missing
                    + "' (no such file); strict=true, so the JVM exits"), app.output());
            assertFalse(app.stdout().contains("ready"), "main() never ran");
        }
    }

    static int freePort() throws java.io.IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
