package dev.threadlens.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.threadlens.testapps.LifecycleApp;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Cli;
import dev.threadlens.testkit.Jdks;
import dev.threadlens.testkit.Paths;

/** The command-line tool's own errors: one clear line and a non-zero exit code. */
class CliIT {

    @Test
    void helpVersionAndUsageErrors() throws Exception {
        Cli.Result help = Cli.run(Jdks.current(), "--help");
        assertEquals(0, help.exitCode, help.toString());
        assertTrue(help.stdout.contains("attach <pid>"), help.stdout);
        Cli.Result version = Cli.run(Jdks.current(), "--version");
        assertEquals(0, version.exitCode);
        assertTrue(version.stdout.matches("threadlens \\d+\\.\\d+\\.\\d+.*\\n"), version.stdout);

        Cli.Result none = Cli.run(Jdks.current());
        assertEquals(2, none.exitCode, "no command is bad usage");
        Cli.Result unknown = Cli.run(Jdks.current(), "attahc", "1");
        assertEquals(2, unknown.exitCode);
        assertTrue(unknown.stderr.startsWith("threadlens: unknown command 'attahc'"), unknown.toString());
        Cli.Result notAPid = Cli.run(Jdks.current(), "attach", "twelve");
        assertEquals(2, notAPid.exitCode);
        assertEquals("threadlens attach: 'twelve' is not a process id (see 'list')\n", notAPid.stderr);
    }

    @Test
    void noSuchProcess() throws Exception {
        long pid = unusedPid();
        Cli.Result r = Cli.run(Jdks.current(), "attach", Long.toString(pid));
        assertEquals(1, r.exitCode, r.toString());
        assertEquals("threadlens attach: no process with pid " + pid + "\n", r.stderr);
    }

    @Test
    void aProcessThatIsNotAJvm() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Cli.Result r = Cli.run(Jdks.current(), "attach", Long.toString(sleeper.pid()));
            assertEquals(1, r.exitCode, r.toString());
            assertTrue(r.stderr.startsWith("threadlens attach: cannot attach to process " + sleeper.pid()), r.toString());
            assertEquals(1, r.stderr.split("\n").length, "one line: " + r.stderr);
        } finally {
            sleeper.destroyForcibly();
        }
    }

    @Test
    void listShowsARunningJvm() throws Exception {
        try (ChildJvm app = ChildJvm.builder(Jdks.current()).main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            Cli.Result r = Cli.run(Jdks.current(), "list");
            assertEquals(0, r.exitCode, r.toString());
            assertTrue(r.stdout.contains(app.pid() + " ") && r.stdout.contains(LifecycleApp.class.getName()), r.stdout);
        }
    }

    @Test
    void runtimeWithoutJdkAttach() throws Exception {
        List<String> cmd = List.of(Jdks.current().java(), "--limit-modules", "java.base,java.management",
                "-jar", Paths.agentJar().toString(), "list");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.startsWith("threadlens list: this Java runtime (") && out.contains("has no jdk.attach module; run "
                + "the command with a full JDK"), out);
    }

    @Test
    void deadlocksWithoutJdkAttachCannotDiagnose() throws Exception {
        List<String> cmd = List.of(Jdks.current().java(), "--limit-modules", "java.base,java.management",
                "-jar", Paths.agentJar().toString(), "deadlocks", Long.toString(ProcessHandle.current().pid()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(2, p.exitValue(), "2 = could not diagnose: " + out);
        assertTrue(out.startsWith("threadlens deadlocks: could not diagnose process ") && out.contains("has no jdk.attach"),
                out);
    }

    @Test
    void anotherUsersProcess() throws Exception {
        // The CLI runs as 'nobody' against a JVM of the current user (root on CI machines).
        assumeTrue(System.getProperty("user.name").equals("root") && Files.isExecutable(Path.of("/usr/sbin/runuser")),
                "needs root and runuser to run the CLI as another user");
        try (ChildJvm app = ChildJvm.builder(Jdks.current()).main(LifecycleApp.class).start()) {
            app.awaitStdout("^ready");
            Path jar = Files.createTempFile("threadlens-agent", ".jar");
            Files.copy(Paths.agentJar(), jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            jar.toFile().setReadable(true, false);
            List<String> cmd = new ArrayList<>(List.of("/usr/sbin/runuser", "-u", "nobody", "--",
                    Jdks.current().java(), "-jar", jar.toString(), "attach", Long.toString(app.pid())));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            String out = new String(p.getInputStream().readAllBytes());
            Files.delete(jar);
            assertEquals(1, p.exitValue(), out);
            assertTrue(out.contains("process " + app.pid() + " belongs to user 'root', not 'nobody'; run this command "
                    + "as that user"), out);
        }
    }

    private static long unusedPid() {
        long pid = 4_000_000L;
        while (ProcessHandle.of(pid).isPresent()) {
            pid--;
        }
        return pid;
    }
}
