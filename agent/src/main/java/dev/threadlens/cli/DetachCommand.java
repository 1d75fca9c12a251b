package dev.threadlens.cli;

import java.io.IOException;
import java.io.PrintStream;

import dev.threadlens.core.Agent;

/** {@code detach <pid>}: stops the agent in a JVM and restores the original bytecode. */
final class DetachCommand implements Main.Command {

    @Override
    public int run(String[] args, PrintStream out, PrintStream err) throws Exception {
        if (args.length != 1) {
            throw new Main.UsageException("usage: detach <pid>");
        }
        long pid = Main.parsePid(args[0]);
        String jar = AgentJar.path();
        try (TargetJvm target = TargetJvm.attach(pid)) {
            String status = target.systemProperties().getProperty(Agent.STATUS_PROPERTY, "");
            if (!status.equals("running")) {
                throw new IOException("threadlens is not running in process " + pid
                        + (status.isEmpty() ? "" : " (status: " + status + ")"));
            }
            target.loadAgent(jar, Agent.DETACH);
            String after = target.systemProperties().getProperty(Agent.STATUS_PROPERTY, "");
            if (!after.equals("detached")) {
                throw new IOException("detach did not complete (status: " + after + ")");
            }
            out.println("threadlens detached from process " + pid + "; original bytecode restored, endpoint closed");
            return Main.OK;
        }
    }
}
