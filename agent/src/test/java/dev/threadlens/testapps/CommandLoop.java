package dev.threadlens.testapps;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The skeleton of every test application: prints {@code ready}, then reads commands from stdin,
 * one per line, runs each and answers {@code ok <command line>} (or {@code error ...}). The
 * test drives it step by step and scrapes between steps. Only JDK types: it runs in a child JVM.
 */
public final class CommandLoop {

    /** One command; {@code args} are the words after its name. */
    @FunctionalInterface
    public interface Command {
        void run(String[] args) throws Exception;
    }

    private final Map<String, Command> commands = new LinkedHashMap<>();

    public CommandLoop on(String name, Command command) {
        commands.put(name, command);
        return this;
    }

    public void run() throws Exception {
        on("exit", args -> System.exit(args.length > 0 ? Integer.parseInt(args[0]) : 0));
        on("gc", args -> {
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(50);
            }
        });
        on("threads", args -> {
            StringBuilder names = new StringBuilder();
            for (Thread t : Thread.getAllStackTraces().keySet()) {
                names.append(names.length() == 0 ? "" : ",").append(t.getName());
            }
            System.out.println("threads: " + names);
        });
        on("spy", args -> ProbeSpy.install(args[0], args.length > 1 ? args[1] : null));
        on("spycount", args -> System.out.println("spycount " + ProbeSpy.count()));
        awaitAgentStarted();
        System.out.println("ready pid=" + ProcessHandle.current().pid());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            line = line.trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            Command c = commands.get(words[0]);
            if (c == null) {
                System.out.println("error unknown command " + words[0]);
                continue;
            }
            String[] args = new String[words.length - 1];
            System.arraycopy(words, 1, args, 0, args.length);
            try {
                c.run(args);
                System.out.println("ok " + line);
            } catch (Exception e) {
                System.out.println("error " + line + ": " + e);
            }
            System.out.flush();
        }
    }

    /**
     * These apps test the probes, not start-up: with {@code startup=background} the
     * probes arrive beside main(), so wait for them before taking commands (StartupIT tests that
     * second itself). Gives up after a minute: the test then fails on what it finds missing.
     */
    private static void awaitAgentStarted() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while ("starting".equals(System.getProperty("threadlens.agent.status")) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    /** Waits until {@code t} is in {@code state}; fails if it ends first. */
    public static void awaitState(Thread t, Thread.State state) throws InterruptedException {
        while (t.getState() != state) {
            if (!t.isAlive()) {
                throw new IllegalStateException(t.getName() + " ended before reaching " + state);
            }
            Thread.sleep(1);
        }
    }

    /** Starts a virtual thread through reflection, so this code still compiles for Java 17. */
    public static Thread startVirtual(Runnable task) throws Exception {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class)
                .invoke(builder, task);
    }
}
