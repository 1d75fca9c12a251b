package dev.threadlens.dashboards.stack;

import dev.threadlens.dashboards.Repo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the demo image runs, read from its Dockerfile: the jars it copies out of the build stage
 * (as repository paths, where {@code mvn package} leaves them) and the demo's arguments. The
 * end-to-end test runs the demo with these same arguments.
 */
public final class DemoImage {

    private final Dockerfile dockerfile;

    private DemoImage(Dockerfile dockerfile) {
        this.dockerfile = dockerfile;
    }

    public static DemoImage load() {
        return new DemoImage(Dockerfile.parse(StackFilesTest.demoDockerfile()));
    }

    public Dockerfile dockerfile() {
        return dockerfile;
    }

    /** The repository path of a file a {@code COPY --from=<stage>} takes from that stage's work tree. */
    public Path repoPathOf(Dockerfile.Copy copy, String source) {
        String workdir = dockerfile.stage(copy.fromStage()).workdir();
        if (!source.startsWith(workdir + "/")) {
            throw new AssertionError(source + " is outside the build stage's WORKDIR " + workdir);
        }
        return Repo.path(source.substring(workdir.length() + 1));
    }

    /** The image's file copied from {@code destination}'s build-stage source, as a repository path. */
    public Path repoPathOfImageFile(String destination) {
        for (Dockerfile.Copy copy : dockerfile.last().copies()) {
            if (copy.fromStage() != null && copy.destination().equals(destination)) {
                return repoPathOf(copy, copy.sources().get(0));
            }
        }
        throw new AssertionError("the image has no " + destination + " copied from the build stage");
    }

    /** ENTRYPOINT followed by CMD: the image's whole command line. */
    public List<String> commandLine() {
        List<String> all = new ArrayList<>(dockerfile.last().execForm("ENTRYPOINT"));
        all.addAll(dockerfile.last().execForm("CMD"));
        return all;
    }

    /** The arguments after {@code -jar <demo jar>}. */
    public List<String> demoArguments() {
        List<String> cmd = commandLine();
        int jar = cmd.indexOf("-jar");
        if (jar < 0 || jar + 1 >= cmd.size()) {
            throw new AssertionError("the image does not run a jar: " + cmd);
        }
        return cmd.subList(jar + 2, cmd.size());
    }

    /** The image path of the demo jar ({@code -jar <path>}). */
    public String demoJarInImage() {
        List<String> cmd = commandLine();
        return cmd.get(cmd.indexOf("-jar") + 1);
    }

    /** The image path of the agent jar ({@code -javaagent:<path>[=options]}). */
    public String agentJarInImage() {
        for (String arg : commandLine()) {
            if (arg.startsWith("-javaagent:")) {
                return arg.substring("-javaagent:".length()).split("=", 2)[0];
            }
        }
        throw new AssertionError("the image does not load the agent: " + commandLine());
    }
}
