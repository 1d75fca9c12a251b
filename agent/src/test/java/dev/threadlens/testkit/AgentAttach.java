package dev.threadlens.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code attach}/{@code detach} a running child JVM with the CLI, failing loudly when it does not work. */
public final class AgentAttach {

    private AgentAttach() {
    }

    /** Attaches with {@code port=0} (plus {@code options}) and returns the port the agent bound. */
    public static int attach(Jdk jdk, ChildJvm app, String options) throws Exception {
        Path portFile = Files.createTempFile("threadlens-attach", ".port");
        Files.delete(portFile);
        Cli.Result r = Cli.run(jdk, "attach", Long.toString(app.pid()),
                "port=0,portFile=" + portFile + (options.isEmpty() ? "" : "," + options));
        if (r.exitCode != 0) {
            throw new AssertionError("attach failed: " + r + "\n" + app.output());
        }
        int port = Integer.parseInt(Files.readString(portFile).trim());
        Files.delete(portFile);
        return port;
    }

    public static void detach(Jdk jdk, ChildJvm app) throws Exception {
        Cli.Result r = Cli.run(jdk, "detach", Long.toString(app.pid()));
        if (r.exitCode != 0) {
            throw new AssertionError("detach failed: " + r + "\n" + app.output());
        }
    }
}
