package dev.threadlens.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The JDKs every integration test runs on: the one running the tests (17 by default) and each
 * newer feature release found on the machine. {@code -Dthreadlens.test.jdks=/path/a,/path/b}
 * names them explicitly; otherwise {@code /usr/lib/jvm} is searched.
 */
public final class Jdks {

    private static final Pattern RELEASE_VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");
    private static final List<Jdk> ALL = discover();

    private Jdks() {
    }

    /** For {@code @MethodSource}: each JDK, oldest first. */
    public static Stream<Jdk> all() {
        return ALL.stream();
    }

    /** The JDKs with virtual threads (21+). */
    public static Stream<Jdk> withVirtualThreads() {
        return ALL.stream().filter(Jdk::hasVirtualThreads);
    }

    /** The JDK running the tests. */
    public static Jdk current() {
        return ALL.get(0);
    }

    /** The newest JDK found (the current one if there is no other). */
    public static Jdk newest() {
        return ALL.get(ALL.size() - 1);
    }

    private static List<Jdk> discover() {
        Path currentHome = Path.of(System.getProperty("java.home"));
        int currentFeature = Runtime.version().feature();
        Map<Integer, Jdk> byFeature = new TreeMap<>();
        byFeature.put(currentFeature, new Jdk(currentHome, currentFeature));
        List<Path> candidates = new ArrayList<>();
        String configured = System.getProperty("threadlens.test.jdks", "");
        if (!configured.isBlank()) {
            for (String p : configured.split(",")) {
                candidates.add(Path.of(p.trim()));
            }
        } else if (Files.isDirectory(Path.of("/usr/lib/jvm"))) {
            try (Stream<Path> dirs = Files.list(Path.of("/usr/lib/jvm"))) {
                dirs.sorted().forEach(candidates::add);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        for (Path home : candidates) {
            Integer feature = feature(home);
            if (feature != null && feature > currentFeature && Files.isExecutable(home.resolve("bin/java"))) {
                byFeature.putIfAbsent(feature, new Jdk(home, feature));
            }
        }
        return List.copyOf(byFeature.values());
    }

    private static Integer feature(Path home) {
        Path release = home.resolve("release");
        if (!Files.isRegularFile(release)) {
            return null;
        }
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(release));
            return m.find() ? Integer.valueOf(m.group(1)) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
