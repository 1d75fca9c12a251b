package dev.threadlens.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Properties;

import dev.threadlens.core.Agent;

/** {@code attach <pid> [key=value,...]}: loads the agent into a running JVM. */
final class AttachCommand implements Main.Command {

    /** JDK 21 started warning about agents loaded into a running JVM (JEP 451). */
    private static final int DYNAMIC_LOADING_WARNING_SINCE = 21;

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length < 1 || args.length > 2) {
            throw new Main.UsageException("usage: attach <pid> [key=value,...]");
        }
        long pid = Main.parsePid(args[0]);
        String options = args.length == 2 ? args[1] : "";
        if (options.trim().equals(Agent.DETACH)) {
            throw new Main.UsageException("to detach, use: detach <pid>");
        }
        String jar = AgentJar.path();
        try (TargetJvm target = TargetJvm.attach(pid)) {
            Properties before = target.systemProperties();
            if (before.getProperty(Agent.ENDPOINT_PROPERTY) != null) {
                throw new IOException("threadlens is already running in process " + pid + " at "
                        + before.getProperty(Agent.ENDPOINT_PROPERTY) + "; detach it first");
            }
            int feature = target.featureVersion();
            if (feature >= DYNAMIC_LOADING_WARNING_SINCE) {
                err.println("note: Java " + feature + " prints a warning in process " + pid
                        + " when an agent is loaded into it while it runs (JEP 451). That is expected. Starting it"
                        + " with -XX:+EnableDynamicAgentLoading acknowledges it, or use -javaagent at start-up.");
            }
            target.loadAgent(jar, options);
            Properties after = target.systemProperties();
            String status = after.getProperty(Agent.STATUS_PROPERTY, "");
            if (!status.equals("running")) {
                throw new IOException(status.startsWith("error: ") ? status.substring(7)
                        : "the agent did not start (status: " + (status.isEmpty() ? "none" : status) + ")");
            }
            String url = after.getProperty(Agent.ENDPOINT_PROPERTY);
            if (url == null) {
                out.println("threadlens attached to process " + pid + " without an HTTP endpoint (see its stderr)");
            } else {
                out.println("threadlens attached to process " + pid + ": live page " + url + ", metrics " + url
                        + "metrics");
            }
            return Main.OK;
        }
    }
}
