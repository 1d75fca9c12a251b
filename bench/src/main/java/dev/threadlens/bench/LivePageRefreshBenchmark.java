package dev.threadlens.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What one refresh of the live page costs with 2,000 live threads: a GET of {@code /api/threads}
 * as the page sends it (the summary every 2 s, the thread list, stacks on demand), over HTTP to
 * the agent loaded into this fork. Without the agent (variant {@code none}) there is no endpoint,
 * so the baseline is the bare JMX read a hand-rolled dashboard would make instead
 * ({@code ThreadMXBean.getThreadInfo(allIds, depth)}).
 *
 * <pre>java -jar bench/target/benchmarks.jar LivePageRefresh</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LivePageRefreshBenchmark {

    /** Set by the agent to its endpoint's URL, e.g. {@code http://127.0.0.1:40123/}. */
    private static final String ENDPOINT_PROPERTY = "threadlens.agent.endpoint";
    private static final int THREADS = 2_000;

    @Param({"limit=0", "limit=200", "stacks=true&limit=100"})
    public String query;

    private final List<Thread> parked = new ArrayList<>();
    private volatile boolean stop;
    private HttpClient client;
    private HttpRequest request;
    private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();

    @Setup(Level.Trial)
    public void start() {
        for (int i = 0; i < THREADS; i++) {
            Thread t = new Thread(() -> {
                while (!stop) {
                    LockSupport.park();
                }
            }, "parked-" + i);
            t.setDaemon(true);
            t.start();
            parked.add(t);
        }
        String endpoint = System.getProperty(ENDPOINT_PROPERTY);
        if (endpoint != null) {
            client = HttpClient.newHttpClient();
            request = HttpRequest.newBuilder(URI.create(endpoint + "api/threads?" + query)).build();
        }
    }

    @TearDown(Level.Trial)
    public void stop() {
        stop = true;
        parked.forEach(LockSupport::unpark);
    }

    @Benchmark
    public Object refresh() throws Exception {
        if (client != null) {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) {
                throw new IllegalStateException("GET " + request.uri() + ": " + r.statusCode());
            }
            return r.body();
        }
        ThreadInfo[] infos = mx.getThreadInfo(mx.getAllThreadIds(), query.contains("stacks") ? 256 : 0);
        return infos;
    }
}
