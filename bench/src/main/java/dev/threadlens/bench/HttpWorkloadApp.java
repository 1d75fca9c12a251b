package dev.threadlens.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The whole-application workload: the JDK's HTTP server on loopback, each request taking a
 * shared lock (a hit counter map), a permit of a semaphore, and a round trip through a small
 * back-end pool, as a service calling a connection pool would. Prints {@code port N}, then
 * serves until its standard input closes. Run by {@link Peers} under each configuration, with
 * {@link HttpLoad} as the load generator in the (agent-free) harness JVM.
 */
public final class HttpWorkloadApp {

    private final ReentrantLock statsLock = new ReentrantLock();
    private final Map<Integer, Long> hits = new HashMap<>();
    private final Semaphore backendPermits = new Semaphore(2);
    private final ExecutorService backend = new ThreadPoolExecutor(2, 2, 0, TimeUnit.MILLISECONDS,
            new LinkedBlockingQueue<>(), r -> daemon(r, "backend"));

    private HttpWorkloadApp() {
    }

    public static void main(String[] args) throws Exception {
        // Headers and body go out in separate writes: without TCP_NODELAY, Nagle's algorithm and
        // the client's delayed ACK add ~40 ms to every response on loopback.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpWorkloadApp app = new HttpWorkloadApp();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService handlers = Executors.newFixedThreadPool(4, r -> daemon(r, "http"));
        server.setExecutor(handlers);
        server.createContext("/work", app::handle);
        server.start();
        System.out.println("port " + server.getAddress().getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // serve until the harness closes our input
        }
        server.stop(0);
        handlers.shutdownNow();
        app.backend.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        int key = exchange.getRequestURI().getQuery() == null ? 0 : exchange.getRequestURI().getQuery().hashCode() & 63;
        long count;
        statsLock.lock();
        try {
            count = hits.merge(key, 1L, Long::sum);
        } finally {
            statsLock.unlock();
        }
        String answer;
        try {
            backendPermits.acquire();
            try {
                answer = backend.submit(() -> render(key)).get();
            } finally {
                backendPermits.release();
            }
        } catch (Exception e) {
            answer = "error " + e;
        }
        byte[] body = (answer + " " + count + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** A little work on the back end, so the request is not all hand-off. */
    private static String render(int key) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            sb.append(Integer.toHexString(key * 31 + i));
        }
        return sb.toString();
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }
}
