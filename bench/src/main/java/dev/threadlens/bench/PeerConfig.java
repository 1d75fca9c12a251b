package dev.threadlens.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** One way of running the same workload: a name for the table and the JVM arguments it adds. */
record PeerConfig(String name, String description, List<String> jvmArgs) {

    static final String NONE = "none";
    static final String THREADLENS = "threadlens";

    /** Threadlens' own options that are not about overhead: any free port, quiet. */
    static final String THREADLENS_BASE = "port=0,logLevel=warn";
    /** Everything on: lock order, hold times, JFR recording short waits too. */
    static final String THREADLENS_ALL = THREADLENS_BASE
            + ",lockOrder=true,lockHoldTime=true,jfrMonitorThreshold=1ms,jfrParkThreshold=1ms";

    /**
     * The configurations compared: no agent, threadlens with defaults, with start-up in the background and
     * with everything on, JFR alone (default and profile settings), async-profiler's lock
     * profiling and the OpenTelemetry Java agent with its JFR runtime metrics, exporting to nowhere.
     *
     * @param peers the folder with the peers' jars (bench/target/peers)
     * @param out where recordings and profiles go
     */
    static List<PeerConfig> all(String agentJar, Path peers, Path out) throws IOException {
        Files.createDirectories(out);
        List<PeerConfig> list = new ArrayList<>();
        list.add(new PeerConfig(NONE, "no agent", List.of()));
        list.add(new PeerConfig(THREADLENS, "threadlens, defaults",
                List.of("-javaagent:" + agentJar + "=" + THREADLENS_BASE)));
        list.add(new PeerConfig("threadlens-background", "threadlens, startup=background (main starts before the probes)",
                List.of("-javaagent:" + agentJar + "=" + THREADLENS_BASE + ",startup=background")));
        list.add(new PeerConfig("threadlens-all", "threadlens, lockOrder, lockHoldTime, JFR thresholds 1 ms",
                List.of("-javaagent:" + agentJar + "=" + THREADLENS_ALL)));
        list.add(new PeerConfig("jfr-default", "JFR alone, settings=default",
                List.of("-XX:StartFlightRecording=settings=default,filename=" + out.resolve("jfr-default.jfr"))));
        list.add(new PeerConfig("jfr-profile", "JFR alone, settings=profile",
                List.of("-XX:StartFlightRecording=settings=profile,filename=" + out.resolve("jfr-profile.jfr"))));
        Path asyncProfiler = extractAsyncProfiler(peers);
        list.add(new PeerConfig("async-lock", "async-profiler, event=lock",
                List.of("-agentpath:" + asyncProfiler + "=start,event=lock,file=" + out.resolve("async-lock.jfr"))));
        list.add(new PeerConfig("otel", "OpenTelemetry Java agent, JFR runtime metrics on, exporters off",
                List.of("-javaagent:" + peers.resolve("opentelemetry-javaagent.jar"),
                        "-Dotel.service.name=threadlens-bench",
                        "-Dotel.traces.exporter=none",
                        "-Dotel.logs.exporter=none",
                        // A local sink that is read once a minute, as a scraper would: the
                        // instruments and the JFR stream behind them are live.
                        "-Dotel.metrics.exporter=logging",
                        "-Dotel.instrumentation.runtime-telemetry.emit-experimental-telemetry=true",
                        "-Dotel.instrumentation.runtime-telemetry-java17.enable-all=true")));
        return list;
    }

    /** The Maven artifact ships the native library inside its jar: unpack the one for this machine. */
    static Path extractAsyncProfiler(Path peers) throws IOException {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String entry = os.contains("mac") ? "macos/libasyncProfiler.so"
                : (arch.contains("aarch64") || arch.contains("arm64") ? "linux-arm64" : "linux-x64") + "/libasyncProfiler.so";
        Path jar = peers.resolve("async-profiler.jar");
        Path target = peers.resolve(entry.replace('/', '-'));
        try (ZipFile zip = new ZipFile(jar.toFile())) {
            ZipEntry e = zip.getEntry(entry);
            if (e == null) {
                throw new IOException(jar + " has no " + entry);
            }
            try (InputStream in = zip.getInputStream(e)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return target.toAbsolutePath();
    }
}
