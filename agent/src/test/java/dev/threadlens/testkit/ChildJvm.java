package dev.threadlens.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A JVM started by a test: optionally with the agent ({@code -javaagent}), always with its output
 * captured, its stdin writable (the test apps take commands there) and its endpoint scrapable.
 * Closing it kills it.
 */
public final class ChildJvm implements AutoCloseable {

    /** Generous: a loaded CI machine with two cores can be slow to start a JVM with an agent. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    private final Process process;
    private final Path portFile;
    private final Output stdout;
    private final Output stderr;
    private final Writer stdin;
    private final List<String> command;
    private volatile int attachedPort = -1;

    private ChildJvm(Process process, Path portFile, List<String> command) {
        this.process = process;
        this.portFile = portFile;
        this.command = command;
        this.stdout = new Output(process.getInputStream(), "stdout");
        this.stderr = new Output(process.getErrorStream(), "stderr");
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    }

    public static Builder builder(Jdk jdk) {
        return new Builder(jdk);
    }

    /** Sets up the command line. */
    public static final class Builder {
        private final Jdk jdk;
        private String agentOptions;
        private boolean withPortFile = true;
        private final List<String> jvmArgs = new ArrayList<>();
        private final List<String> classpath = new ArrayList<>();
        private String mainClass;
        private String jar;
        private final List<String> args = new ArrayList<>();
        private final List<String[]> env = new ArrayList<>();

        private Builder(Jdk jdk) {
            this.jdk = jdk;
        }

        /**
         * Loads the agent with these options ({@code port=0} and a port file are added unless the
         * options set a port themselves).
         */
        public Builder agent(String options) {
            this.agentOptions = options == null ? "" : options;
            return this;
        }

        public Builder agent() {
            return agent("");
        }

        /** Do not add {@code port=0,portFile=...} to the agent options. */
        public Builder noPortFile() {
            this.withPortFile = false;
            return this;
        }

        public Builder jvmArg(String arg) {
            jvmArgs.add(arg);
            return this;
        }

        public Builder env(String name, String value) {
            env.add(new String[] {name, value});
            return this;
        }

        /** Runs a class from the test applications ({@code dev.threadlens.testapps}). */
        public Builder main(Class<?> main, String... arguments) {
            classpath.add(Paths.testApps().toString());
            this.mainClass = main.getName();
            this.args.addAll(List.of(arguments));
            return this;
        }

        /** Runs {@code java -jar jarPath arguments}. */
        public Builder jar(Path jarPath, String... arguments) {
            this.jar = jarPath.toString();
            this.args.addAll(List.of(arguments));
            return this;
        }

        public ChildJvm start() throws IOException {
            List<String> cmd = new ArrayList<>();
            cmd.add(jdk.java());
            Path portFile = null;
            if (agentOptions != null) {
                String options = agentOptions;
                if (withPortFile && !options.matches("(^|.*,)port=.*")) {
                    portFile = Files.createTempFile("threadlens-port", ".txt");
                    Files.delete(portFile);
                    options = "port=0,portFile=" + portFile + (options.isEmpty() ? "" : "," + options);
                }
                cmd.add("-javaagent:" + Paths.agentJar() + (options.isEmpty() ? "" : "=" + options));
            }
            cmd.addAll(jvmArgs);
            if (jar != null) {
                cmd.add("-jar");
                cmd.add(jar);
            } else {
                cmd.add("-cp");
                cmd.add(String.join(java.io.File.pathSeparator, classpath));
                cmd.add(mainClass);
            }
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().keySet().removeIf(k -> k.startsWith("THREADLENS_") || k.equals("JAVA_TOOL_OPTIONS"));
            for (String[] e : env) {
                pb.environment().put(e[0], e[1]);
            }
            return new ChildJvm(pb.start(), portFile, cmd);
        }
    }

    public long pid() {
        return process.pid();
    }

    /** Sends one line to the child's stdin. */
    public ChildJvm send(String line) {
        try {
            stdin.write(line + "\n");
            stdin.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("child JVM is gone; output:\n" + output(), e);
        }
    }

    /** Closes the child's stdin: a test app's command loop ends and its main() returns. */
    public ChildJvm closeInput() {
        try {
            stdin.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Sends a command to a test app and waits for its {@code ok <command>} reply. */
    public ChildJvm command(String line) {
        int seen = stdout.count("ok " + line);
        send(line);
        stdout.await(l -> l.equals("ok " + line), seen + 1, DEFAULT_WAIT, this);
        return this;
    }

    /**
     * Runs a command that prints a line starting with {@code prefix}, and returns that line as
     * printed by this very command (not an earlier one).
     */
    public String ask(String line, String prefix) {
        int seen = stdout.countPrefix(prefix);
        command(line);
        return stdout.await(l -> l.startsWith(prefix), seen + 1, DEFAULT_WAIT, this);
    }

    /** Waits until stdout has a line matching {@code regex}; returns it. */
    public String awaitStdout(String regex) {
        return awaitStdout(regex, DEFAULT_WAIT);
    }

    public String awaitStdout(String regex, Duration timeout) {
        Pattern p = Pattern.compile(regex);
        return stdout.await(l -> p.matcher(l).find(), 1, timeout, this);
    }

    public String awaitStderr(String regex) {
        Pattern p = Pattern.compile(regex);
        return stderr.await(l -> p.matcher(l).find(), 1, DEFAULT_WAIT, this);
    }

    /**
     * Scrape and query the agent on this port from now on (an agent attached later, whose port
     * the test learnt from the attach); -1 goes back to the port file.
     */
    public ChildJvm usePort(int port) {
        this.attachedPort = port;
        return this;
    }

    /** The port the agent bound to, from its port file (or the one set by {@link #usePort}). */
    public int port() {
        if (attachedPort >= 0) {
            return attachedPort;
        }
        if (portFile == null) {
            throw new IllegalStateException("this JVM was started without a port file");
        }
        long deadline = System.nanoTime() + DEFAULT_WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (Files.exists(portFile)) {
                    String text = Files.readString(portFile).trim();
                    if (!text.isEmpty()) {
                        return Integer.parseInt(text);
                    }
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("child JVM exited before writing its port; output:\n" + output());
                }
                Thread.sleep(20);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalStateException("no port file after " + DEFAULT_WAIT + "; output:\n" + output());
    }

    /** Scrapes {@code /metrics} in the Prometheus text format. */
    public Metrics scrape() {
        return Metrics.parse(Http.get(port(), "/metrics").body());
    }

    /** GET on the agent's endpoint. */
    public Http.Response get(String path) {
        return Http.get(port(), path);
    }

    /** Waits for the process to end; returns its exit code. */
    public int waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("child JVM still running after " + timeout + "; output:\n" + output());
            }
            stdout.drain();
            stderr.drain();
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdout() {
        return stdout.text();
    }

    public String stderr() {
        return stderr.text();
    }

    /** Command line and both streams, for assertion messages. */
    public String output() {
        return "$ " + String.join(" ", command) + "\n--- stdout\n" + stdout.text() + "--- stderr\n" + stderr.text();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (portFile != null) {
            try {
                Files.deleteIfExists(portFile);
            } catch (IOException ignored) {
                // a temporary file
            }
        }
    }

    /** Collects a stream's lines on a daemon thread. */
    private static final class Output {
        private final List<String> lines = new ArrayList<>();
        private final Thread reader;

        Output(InputStream in, String name) {
            reader = new Thread(() -> {
                try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = r.readLine()) != null) {
                        synchronized (this) {
                            lines.add(line);
                            notifyAll();
                        }
                    }
                } catch (IOException ignored) {
                    // process killed
                }
                synchronized (this) {
                    notifyAll();
                }
            }, "child-" + name);
            reader.setDaemon(true);
            reader.start();
        }

        synchronized int count(String exact) {
            int n = 0;
            for (String l : lines) {
                if (l.equals(exact)) {
                    n++;
                }
            }
            return n;
        }

        synchronized int countPrefix(String prefix) {
            int n = 0;
            for (String l : lines) {
                if (l.startsWith(prefix)) {
                    n++;
                }
            }
            return n;
        }

        synchronized String await(java.util.function.Predicate<String> match, int occurrences, Duration timeout,
                ChildJvm owner) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                int n = 0;
                for (String l : lines) {
                    if (match.test(l) && ++n == occurrences) {
                        return l;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || (!reader.isAlive())) {
                    throw new AssertionError("expected output did not appear within " + timeout + "; output:\n"
                            + owner.output());
                }
                try {
                    wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(Math.min(left, 200_000_000L))));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            }
        }

        void drain() {
            try {
                reader.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        synchronized String text() {
            StringBuilder sb = new StringBuilder();
            for (String l : lines) {
                sb.append(l).append('\n');
            }
            return sb.toString();
        }
    }
}
