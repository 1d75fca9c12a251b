package dev.threadlens.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/**
 * Compiles a class {@code className} whose static {@code make(int i)} evaluates {@code expression}
 * on one of {@code sites} distinct source lines ({@code i % sites} picks the line): many creation
 * sites without writing them by hand (the approach of {@code LockSitesIT}). The child JVM loads it
 * from {@link #dir()}. Delete it with {@link #close()}.
 */
public final class GeneratedSites implements AutoCloseable {

    /** Cases per method, to stay well under the 64 KB method size limit. */
    private static final int PER_METHOD = 500;

    private final Path dir;

    private GeneratedSites(Path dir) {
        this.dir = dir;
    }

    /**
     * @param sites a multiple of 500
     * @param imports e.g. {@code java.util.concurrent.locks.ReentrantLock}
     * @param expression e.g. {@code new ReentrantLock()}
     */
    public static GeneratedSites compile(String className, int sites, String imports, String expression) {
        if (sites % PER_METHOD != 0) {
            throw new IllegalArgumentException("sites must be a multiple of " + PER_METHOD);
        }
        try {
            Path dir = Files.createTempDirectory("threadlens-sites");
            StringBuilder src = new StringBuilder("import ").append(imports).append(";\n")
                    .append("public final class ").append(className).append(" {\n")
                    .append("    public static Object make(int i) {\n")
                    .append("        int site = i % ").append(sites).append(";\n")
                    .append("        switch (site / ").append(PER_METHOD).append(") {\n");
            for (int g = 0; g < sites / PER_METHOD; g++) {
                src.append("            case ").append(g).append(": return make").append(g)
                        .append("(site % ").append(PER_METHOD).append(");\n");
            }
            src.append("            default: throw new IllegalArgumentException();\n        }\n    }\n");
            for (int g = 0; g < sites / PER_METHOD; g++) {
                src.append("    private static Object make").append(g).append("(int k) {\n        switch (k) {\n");
                for (int k = 0; k < PER_METHOD; k++) {
                    src.append("            case ").append(k).append(": return ").append(expression).append(";\n");
                }
                src.append("            default: throw new IllegalArgumentException();\n        }\n    }\n");
            }
            src.append("}\n");
            Path file = dir.resolve(className + ".java");
            Files.writeString(file, src);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            int status = javac.run(null, null, null, "--release", "17", "-d", dir.toString(), file.toString());
            if (status != 0) {
                throw new IllegalStateException("could not compile the generated " + className);
            }
            return new GeneratedSites(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The class path directory holding the compiled class. */
    public Path dir() {
        return dir;
    }

    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
