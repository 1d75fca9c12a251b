package dev.threadlens.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Time to scrape {@code /metrics} of an application with 500 lock sites and 50 pools
 * ({@link ScrapeApp}, threadlens with defaults): sequential scrapes after a few warm-up ones.
 */
final class ScrapeCost {

    static final int SITES = 500;
    static final int POOLS = 50;
    private static final Pattern SITE = Pattern.compile("jvm_lock_site=\"([^\"]*)\"");
    private static final Pattern POOL = Pattern.compile("jvm_executor_name=\"([^\"]*)\"");

    /** Scrape times in milliseconds, and what the last scrape held. */
    record Result(List<Double> millis, double cpuMillisPerScrape, int bytes, int lines, int sites, int pools) {
    }

    private ScrapeCost() {
    }

    static Result measure(String agentJar, Path out, int warmups, int scrapes) throws Exception {
        Path classes = generateLockMaker(out.resolve("scrape-classes"));
        Path portFile = out.resolve("scrape.port");
        Files.deleteIfExists(portFile);
        List<String> args = List.of("-javaagent:" + agentJar + "=" + PeerConfig.THREADLENS_BASE + ",portFile=" + portFile);
        try (ChildJava app = ChildJava.start(args, out.resolve("scrape.log"), ScrapeApp.class.getName(),
                classes.toString(), String.valueOf(SITES), String.valueOf(POOLS))) {
            app.awaitLine("ready");
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!Files.exists(portFile) || Files.readString(portFile).isBlank()) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("no port file " + portFile);
                }
                Thread.sleep(100);
            }
            URI uri = URI.create("http://127.0.0.1:" + Files.readString(portFile).trim() + "/metrics");
            String body = "";
            for (int i = 0; i < warmups; i++) {
                body = get(uri);
            }
            List<Double> millis = new ArrayList<>();
            double cpuBefore = ProcCpu.millis(app.pid());
            for (int i = 0; i < scrapes; i++) {
                long t0 = System.nanoTime();
                body = get(uri);
                millis.add((System.nanoTime() - t0) / 1e6);
            }
            double cpuPerScrape = (ProcCpu.millis(app.pid()) - cpuBefore) / scrapes;
            return new Result(millis, cpuPerScrape, body.getBytes(StandardCharsets.UTF_8).length, body.split("\n").length,
                    distinct(SITE, body), distinct(POOL, body));
        }
    }

    private static int distinct(Pattern label, String body) {
        Set<String> values = new HashSet<>();
        Matcher m = label.matcher(body);
        while (m.find()) {
            values.add(m.group(1));
        }
        return values.size();
    }

    private static String get(URI uri) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        c.setConnectTimeout(10_000);
        c.setReadTimeout(30_000);
        try (InputStream in = c.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** {@code GeneratedLocks.make(i)}: a new ReentrantLock at one of {@link #SITES} source lines. */
    static Path generateLockMaker(Path dir) throws IOException {
        Files.createDirectories(dir);
        StringBuilder src = new StringBuilder("import java.util.concurrent.locks.ReentrantLock;\n")
                .append("public final class GeneratedLocks {\n")
                .append("    public static Object make(int i) {\n        switch (i) {\n");
        for (int k = 0; k < SITES; k++) {
            src.append("            case ").append(k).append(": return new ReentrantLock();\n");
        }
        src.append("            default: throw new IllegalArgumentException();\n        }\n    }\n}\n");
        Path file = dir.resolve("GeneratedLocks.java");
        Files.writeString(file, src);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null || javac.run(null, null, null, "--release", "17", "-d", dir.toString(), file.toString()) != 0) {
            throw new IOException("could not compile " + file);
        }
        return dir;
    }
}
