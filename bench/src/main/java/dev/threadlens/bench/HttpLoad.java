package dev.threadlens.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A closed-loop load generator on loopback: {@code clients} threads, each sending one request
 * after the other (keep-alive) for a warm-up, then for the measured time. Bounded in time, and
 * only ever to 127.0.0.1.
 */
final class HttpLoad {

    /** Requests a second, and latency percentiles in milliseconds, of the measured part. */
    record Result(double throughput, List<Double> perSecond, double p50Millis, double p99Millis, long requests,
            long errors) {
    }

    private HttpLoad() {
    }

    static Result run(int port, int clients, double warmupSeconds, double measureSeconds) throws InterruptedException {
        URL url;
        try {
            url = URI.create("http://127.0.0.1:" + port + "/work?k=").toURL();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        long start = System.nanoTime();
        long measureFrom = start + (long) (warmupSeconds * 1e9);
        long end = measureFrom + (long) (measureSeconds * 1e9);
        List<long[]> latencies = new ArrayList<>();
        int[] counts = new int[clients];
        int slices = Math.max(1, (int) Math.floor(measureSeconds));
        int[][] perSecond = new int[clients][slices];
        long[] errors = new long[clients];
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            long[] mine = new long[500_000];
            latencies.add(mine);
            int id = c;
            Thread t = new Thread(() -> {
                int n = 0;
                int i = 0;
                while (true) {
                    long t0 = System.nanoTime();
                    if (t0 >= end) {
                        break;
                    }
                    boolean ok = request(url, id, i++);
                    long t1 = System.nanoTime();
                    if (!ok) {
                        errors[id]++;
                    } else if (t0 >= measureFrom && n < mine.length) {
                        mine[n++] = t1 - t0;
                        int slice = (int) ((t1 - measureFrom) / 1_000_000_000L);
                        if (slice < slices) {
                            perSecond[id][slice]++;
                        }
                    }
                }
                counts[id] = n;
            }, "load-" + c);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        int total = Arrays.stream(counts).sum();
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < clients; c++) {
            System.arraycopy(latencies.get(c), 0, all, at, counts[c]);
            at += counts[c];
        }
        Arrays.sort(all);
        List<Double> throughputs = new ArrayList<>();
        for (int s = 0; s < slices; s++) {
            int sum = 0;
            for (int c = 0; c < clients; c++) {
                sum += perSecond[c][s];
            }
            throughputs.add((double) sum);
        }
        return new Result(total / measureSeconds, throughputs, percentile(all, 0.50) / 1e6, percentile(all, 0.99) / 1e6, total,
                Arrays.stream(errors).sum());
    }

    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static boolean request(URL base, int client, int i) {
        try {
            URL url = new URL(base, "/work?k=" + client + "-" + (i & 255));
            HttpURLConnection connection = (HttpURLConnection) url.openConnection();
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(10_000);
            try (InputStream in = connection.getInputStream()) {
                in.readAllBytes();
            }
            return connection.getResponseCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }
}
