package dev.threadlens.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.sun.net.httpserver.BasicAuthenticator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;

import dev.threadlens.config.Config;
import dev.threadlens.config.ConfigException;
import dev.threadlens.config.Options;
import dev.threadlens.config.Secrets;
import dev.threadlens.core.AgentThreadFactory;
import dev.threadlens.metrics.AgentMetrics;
import io.prometheus.metrics.exporter.httpserver.HTTPServer;


/**
 * The agent's HTTP endpoint: client_java's server for {@code /metrics} (Prometheus text or
 * OpenMetrics by {@code Accept}), and the {@link Router} for the rest. Binds to 127.0.0.1 unless
 * told otherwise; optional basic auth and TLS.
 */
public final class Endpoint implements AutoCloseable {

    private static final int HTTP_THREADS = 2;

    private static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private static final String REALM = "threadlens";

    private final HTTPServer server;
    private final ExecutorService executor;
    private final String url;
    private final String exposure;

    private Endpoint(HTTPServer server, ExecutorService executor, String url, String exposure) {
        this.server = server;
        this.executor = executor;
        this.url = url;
        this.exposure = exposure;
    }

    /**
     * Starts the endpoint. Must run on an agent thread: the server's dispatcher thread inherits
     * the caller's thread group, which is how the probes know to leave it alone.
     */
    public static Endpoint start(Config config, AgentMetrics metrics, ApiRoutes api)
            throws ConfigException, IOException {
        String host = config.get(Options.HOST);
        int port = config.get(Options.PORT);
        boolean tls = !config.get(Options.TLS_KEY_STORE).isEmpty();
        if (!tls && !(config.get(Options.TLS_KEY_STORE_PASSWORD).isEmpty()
                && config.get(Options.TLS_KEY_STORE_PASSWORD_FILE).isEmpty())) {
            // Someone meant to have TLS: do not serve plain HTTP in its place.
            throw new ConfigException("a tlsKeyStore password is set but tlsKeyStore is not; set tlsKeyStore to serve HTTPS");
        }
        // Credentials and key store first: a mistake there must not leave an executor behind.
        BasicAuthenticator auth = authenticator(config);
        SSLContext ssl = tls ? sslContext(config) : null;
        ThreadPoolExecutor executor = new ThreadPoolExecutor(HTTP_THREADS, HTTP_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), new AgentThreadFactory("http"));
        HTTPServer.Builder builder = HTTPServer.builder(metrics.properties())
                .hostname(host)
                .port(port)
                .registry(metrics.registry())
                .executorService(executor)
                .defaultHandler(new Router(api));
        if (auth != null) {
            builder.authenticator(auth); // client_java puts it on every context: /, /metrics, /-/healthy
        }
        if (ssl != null) {
            builder.httpsConfigurator(new HttpsConfigurator(ssl));
        }
        HTTPServer server;
        boolean noDelaySet = enableNoDelay();
        try {
            server = builder.buildAndStart();
        } catch (BindException e) {
            executor.shutdownNow();
            throw new ConfigException("port " + port + " on " + host + " is not available (" + e.getMessage()
                    + "); choose another with port=N, or port=0 for any free port");
        } catch (IOException | RuntimeException e) {
            executor.shutdownNow();
            throw new ConfigException("cannot serve HTTP on " + host + ":" + port + ": " + e);
        } finally {
            if (noDelaySet) {
                System.clearProperty(NO_DELAY); // read once by the JDK's server classes: leave no trace
            }
        }
        String shownHost = host.contains(":") ? "[" + host + "]" : host;
        String url = (tls ? "https://" : "http://") + shownHost + ":" + server.getPort() + "/";
        writePortFile(config.get(Options.PORT_FILE), server.getPort());
        return new Endpoint(server, executor, url, exposure(host, server.getPort(), auth != null, tls));
    }

    /**
     * A warning when the endpoint is reachable from other machines, saying what is missing; null
     * on a loopback address.
     */
    static String exposure(String host, int port, boolean auth, boolean tls) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null; // the server bound to it, so this does not happen
        }
        if (address.isLoopbackAddress()) {
            return null;
        }
        String where = address.isAnyLocalAddress() ? "every network interface (" + host + ")" : host;
        StringBuilder sb = new StringBuilder("the HTTP endpoint is exposed on " + where + ", port " + port
                + ": whoever reaches it reads thread names, stacks and lock sites");
        if (!auth) {
            sb.append("; no basic auth (set basicAuthUser and basicAuthPasswordFile)");
        }
        if (!tls) {
            sb.append("; plain HTTP (set tlsKeyStore and tlsKeyStorePasswordFile)");
        }
        return sb.toString();
    }

    /**
     * The JDK's HTTP server writes a response's headers and body separately; without TCP_NODELAY,
     * Nagle's algorithm holds the body until the client's delayed ACK, about 40 ms on every request
     * of a kept-alive connection (the live page's, Prometheus'). The JDK reads this property once,
     * when its server classes initialise; if the application started one of its own first, its
     * setting stays. Returns whether the property was set here.
     */
    private static boolean enableNoDelay() {
        if (System.getProperty(NO_DELAY) != null) {
            return false;
        }
        System.setProperty(NO_DELAY, "true");
        return true;
    }

    public int port() {
        return server.getPort();
    }

    /** A warning to log when the endpoint listens beyond loopback, else null. */
    public String exposure() {
        return exposure;
    }

    /** For example {@code http://127.0.0.1:9404/}. */
    public String url() {
        return url;
    }

    @Override
    public void close() {
        server.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static BasicAuthenticator authenticator(Config config) throws ConfigException {
        String user = config.get(Options.BASIC_AUTH_USER);
        String password = Secrets.resolve(config, Options.BASIC_AUTH_PASSWORD, Options.BASIC_AUTH_PASSWORD_FILE);
        if (user.isEmpty() && password.isEmpty()) {
            return null;
        }
        if (user.isEmpty() || password.isEmpty()) {
            throw new ConfigException("basic auth needs both basicAuthUser and basicAuthPassword (or basicAuthPasswordFile)");
        }
        if (user.indexOf(':') >= 0) {
            // Basic auth sends user:password; a colon in the user could never match.
            throw new ConfigException("option 'basicAuthUser' must not contain ':'");
        }
        byte[] expectedUser = user.getBytes(StandardCharsets.UTF_8);
        byte[] expectedPassword = password.getBytes(StandardCharsets.UTF_8);
        return new BasicAuthenticator(REALM) {
            @Override
            public Result authenticate(HttpExchange exchange) {
                try {
                    return super.authenticate(exchange);
                } catch (IllegalArgumentException e) {
                    // Not base64 after "Basic ": the JDK would drop the connection without an
                    // answer; treat it as the wrong credentials it is.
                    exchange.getResponseHeaders().set("WWW-Authenticate",
                            "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
                    return new Retry(401);
                }
            }

            @Override
            public boolean checkCredentials(String u, String p) {
                // Constant-time comparisons, so timing does not reveal how much of a guess was right.
                boolean userOk = MessageDigest.isEqual(expectedUser, u.getBytes(StandardCharsets.UTF_8));
                boolean passwordOk = MessageDigest.isEqual(expectedPassword, p.getBytes(StandardCharsets.UTF_8));
                return userOk & passwordOk;
            }
        };
    }

    private static SSLContext sslContext(Config config) throws ConfigException {
        String path = config.get(Options.TLS_KEY_STORE);
        char[] password = Secrets.resolve(config, Options.TLS_KEY_STORE_PASSWORD, Options.TLS_KEY_STORE_PASSWORD_FILE)
                .toCharArray();
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            keyStore.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore, password);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (IOException | GeneralSecurityException | InvalidPathException e) {
            throw new ConfigException("cannot use tlsKeyStore '" + path + "': " + e.getMessage());
        }
    }

    /** Written to a temporary file first and moved, so a reader never sees half a number. */
    private static void writePortFile(String file, int port) throws IOException {
        if (file.isEmpty()) {
            return;
        }
        Path target = Path.of(file).toAbsolutePath();
        Path tmp = Files.createTempFile(target.getParent(), ".threadlens-port", ".tmp");
        Files.writeString(tmp, port + "\n");
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
