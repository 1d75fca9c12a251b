package dev.threadlens.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import dev.threadlens.core.Agent;

/**
 * {@code java -jar threadlens-agent.jar <command>}: the agent jar as a command-line tool.
 * Exit codes: 0 done, 1 could not do it (the reason is printed), 2 bad usage.
 */
public final class Main {

    /** A sub-command; returns the process exit code. */
    interface Command {
        int run(String[] args, PrintStream out, PrintStream err) throws Exception;
    }

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;

    /**
     * Command name to implementing class, loaded only when that command runs: classes that link
     * to jdk.attach must not be loaded before we know the runtime has it.
     */
    private static final Map<String, String> COMMANDS = new LinkedHashMap<>();
    /** Commands that need the jdk.attach module (deadlocks checks for itself: its failure code is 2). */
    private static final Set<String> NEED_ATTACH = Set.of("list", "attach", "detach");

    static {
        COMMANDS.put("list", "dev.threadlens.cli.ListCommand");
        COMMANDS.put("attach", "dev.threadlens.cli.AttachCommand");
        COMMANDS.put("detach", "dev.threadlens.cli.DetachCommand");
        COMMANDS.put("analyze", "dev.threadlens.cli.AnalyzeCommand");
        COMMANDS.put("deadlocks", "dev.threadlens.cli.DeadlocksCommand");
    }

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
            out.print(usage());
            return args.length == 0 ? USAGE : OK;
        }
        if (args[0].equals("--version") || args[0].equals("-V")) {
            out.println("threadlens " + Agent.version());
            return OK;
        }
        String commandClass = COMMANDS.get(args[0]);
        if (commandClass == null) {
            err.println("threadlens: unknown command '" + args[0] + "'; commands: " + String.join(", ", COMMANDS.keySet())
                    + " (see --help)");
            return USAGE;
        }
        try {
            if (NEED_ATTACH.contains(args[0]) && attachUnavailable() != null) {
                throw new IllegalStateException(attachUnavailable());
            }
            Command command = (Command) Class.forName(commandClass).getDeclaredConstructor().newInstance();
            return command.run(Arrays.copyOfRange(args, 1, args.length), out, err);
        } catch (UsageException e) {
            err.println("threadlens " + args[0] + ": " + e.getMessage());
            return USAGE;
        } catch (Exception e) {
            err.println("threadlens " + args[0] + ": " + e.getMessage());
            return FAILED;
        }
    }

    /** A process id from the command line; bad usage (exit 2) when it is not one. */
    static long parsePid(String text) throws UsageException {
        try {
            long pid = Long.parseLong(text);
            if (pid <= 0) {
                throw new NumberFormatException();
            }
            return pid;
        } catch (NumberFormatException e) {
            throw new UsageException("'" + text + "' is not a process id (see 'list')");
        }
    }

    /** Why this runtime cannot attach to other JVMs (no jdk.attach module), or null when it can. */
    static String attachUnavailable() {
        if (ModuleLayer.boot().findModule("jdk.attach").isPresent()) {
            return null;
        }
        return "this Java runtime (" + System.getProperty("java.home")
                + ") has no jdk.attach module; run the command with a full JDK";
    }

    static String usage() {
        return String.join(System.lineSeparator(),
                "threadlens " + Agent.version() + " - see what the threads of a JVM are doing and waiting for",
                "",
                "As an agent:",
                "  java -javaagent:threadlens-agent.jar[=key=value,...] -jar app.jar",
                "",
                "As a tool:",
                "  java -jar threadlens-agent.jar list                      JVMs this user can attach to",
                "  java -jar threadlens-agent.jar attach <pid> [key=value,...]  load the agent into a running JVM",
                "  java -jar threadlens-agent.jar detach <pid>              remove it again, restoring the original code",
                "  java -jar threadlens-agent.jar analyze <recording.jfr> [--json] [--top N]",
                "                                                           read a JFR file: contention, waits, deadlocks",
                "  java -jar threadlens-agent.jar deadlocks <pid> [--json]  deadlocks, hangs and stuck threads (no agent needed;",
                "                                                           exit 0 none, 1 found, 2 could not diagnose)",
                "  java -jar threadlens-agent.jar --version | --help",
                "",
                "Options (key=value, also -Dthreadlens.key=value or THREADLENS_KEY): see the README.",
                "Exit codes: 0 done, 1 failed (reason printed), 2 bad usage (or, for analyze, a bad recording).",
                "");
    }

    /** Bad arguments: printed with exit code 2. */
    static final class UsageException extends Exception {
        UsageException(String message) {
            super(message);
        }
    }
}
