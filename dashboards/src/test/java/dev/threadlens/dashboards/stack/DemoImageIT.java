package dev.threadlens.dashboards.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadlens.dashboards.Repo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demo image's Dockerfile replayed against the repository after {@code mvn package}: every
 * path its build stage copies in exists, the Maven command builds the modules whose jars the image
 * takes, those jars exist where the image copies them from, and the image runs them as the
 * end-to-end test does (agent attached, {@code all --loop}, listening on all interfaces).
 */
class DemoImageIT {

    private final DemoImage image = DemoImage.load();
    private final Dockerfile dockerfile = image.dockerfile();

    @Test
    void theBuildStageCopiesOnlyPathsThatExistAndAreNotIgnored() throws IOException {
        Dockerfile.Stage build = dockerfile.stages().get(0);
        List<String> ignored = Files.readAllLines(Repo.path(".dockerignore")).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        for (Dockerfile.Copy copy : build.copies()) {
            for (String source : copy.sources()) {
                assertTrue(Files.exists(Repo.path(source)), "COPY " + source + ": missing from the repository");
                for (String pattern : ignored) {
                    String dir = pattern.replace("**/", "");
                    assertFalse(source.equals(dir) || source.startsWith(dir + "/") || source.contains("/" + dir + "/"),
                            "COPY " + source + " is excluded by .dockerignore (" + pattern + ")");
                }
            }
        }
    }

    @Test
    void theBuildStageHasEveryModulePomTheReactorReads() throws IOException {
        String parent = Files.readString(Repo.path("pom.xml"));
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
        List<String> copied = new ArrayList<>();
        dockerfile.stages().get(0).copies().forEach(c -> copied.addAll(c.sources()));
        while (m.find()) {
            assertTrue(copied.contains(m.group(1) + "/pom.xml"), "the image build needs " + m.group(1) + "/pom.xml");
        }
    }

    @Test
    void theImageTakesJarsThatMavenBuilds() throws IOException {
        Dockerfile.Stage build = dockerfile.stages().get(0);
        String mvn = build.runs().stream().filter(r -> r.contains("mvn ")).findFirst()
                .orElseThrow(() -> new AssertionError("the build stage runs no mvn"));
        Matcher pl = Pattern.compile("-pl\\s+(\\S+)").matcher(mvn);
        assertTrue(pl.find() && mvn.contains(" package"), "mvn -pl <modules> ... package: " + mvn);
        List<String> modules = List.of(pl.group(1).split(","));
        int copied = 0;
        for (Dockerfile.Copy copy : dockerfile.last().copies()) {
            if (copy.fromStage() == null) {
                continue;
            }
            assertEquals(build.name(), copy.fromStage());
            for (String source : copy.sources()) {
                Path inRepo = image.repoPathOf(copy, source);
                assertTrue(Files.isRegularFile(inRepo), "COPY --from=build " + source + ": after mvn package there is no "
                        + inRepo);
                String module = Repo.root().relativize(inRepo).getName(0).toString();
                assertTrue(modules.contains(module), source + " comes from module " + module + ", not built by: " + mvn);
                copied++;
            }
        }
        assertEquals(2, copied, "the image takes the agent and the demo jar");
    }

    @Test
    void theImageRunsTheDemoUnderTheAgentOnAllInterfaces() throws IOException {
        Path agent = image.repoPathOfImageFile(image.agentJarInImage());
        Path demo = image.repoPathOfImageFile(image.demoJarInImage());
        assertNotNull(manifest(agent).getMainAttributes().getValue("Premain-Class"), agent + " is the agent");
        assertNotNull(manifest(demo).getMainAttributes().getValue("Main-Class"), demo + " is runnable");
        assertEquals(List.of("all", "--loop"), image.demoArguments());
        assertEquals("0.0.0.0", dockerfile.last().env().get("THREADLENS_HOST"),
                "inside the container the endpoint must be reachable from Prometheus");
        assertTrue(dockerfile.last().image().matches("eclipse-temurin:\\d+-jre"), dockerfile.last().image());
    }

    private static Manifest manifest(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile())) {
            return f.getManifest();
        }
    }
}
