package dev.threadlens.demo.scenarios;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.threadlens.demo.Arguments;
import dev.threadlens.demo.DemoApp;
import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * Processes versus threads. A process has memory of its own; the threads inside it share
 * theirs. Child JVMs (this very jar, started with {@link ProcessBuilder} and a hidden
 * sub-command) get work down their stdin pipe and answer on stdout, which is what a
 * multiprocessing queue does underneath; threads simply add to a shared total.
 */
public final class ProcessesScenario implements Scenario {

    private static final int RANGE = 1_000_000;
    private static final int VISITS = 3;

    /** Every process has its own copy: a child's visits never show up here. */
    private static int visits;

    @Override
    public String name() {
        return "processes";
    }

    @Override
    public String summary() {
        return "processes vs threads: child JVMs with their own memory, exchanging data through pipes";
    }

    @Override
    public int defaultThreads() {
        return 2;
    }

    @Override
    public void run(Run run) throws Exception {
        int n = run.threads();
        run.title("processes and threads");
        run.concept("A process is a running program with its own memory; its threads share that memory. Processes "
                + "exchange data only through channels such as pipes, and cost much more to start than threads.");
        run.happens(n + " child JVMs (this jar again, via ProcessBuilder) count primes in ranges sent down their "
                + "stdin pipe and answer on stdout, like a process queue; then " + n + " threads do the same work here, "
                + "adding to one shared total.");
        run.watch("jvm_thread_started_total", "the worker threads show up here; the child processes do not (their "
                + "threads live in other JVMs)", Panel.OVERVIEW);
        run.watch("jvm_thread_time_seconds_total{cause=\"io\"}", "main blocked reading the children's pipes",
                Panel.THREADS);

        synchronized (ProcessesScenario.class) {
            visits = 0;
        }
        int threadsStarted = 0;
        List<Child> children = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            for (int i = 1; i <= n; i++) {
                children.add(Child.start(i));
            }
            for (Child c : children) {
                c.send("hello");
                c.receive(); // the child is up once it answers
            }
            run.say("main: %d child JVMs up and answering after %d ms (pids %s)", n, millisSince(t0), pids(children));

            // Memory is per process.
            for (int i = 0; i < VISITS; i++) {
                children.get(0).send("visit");
            }
            String childSays = "";
            for (int i = 0; i < VISITS; i++) {
                childSays = children.get(0).receive();
            }
            int parentBefore = visitsHere();
            run.say("main: child 1 counted its visits: '%s'; this JVM's own counter is still %d", childSays, parentBefore);
            long t1 = System.nanoTime();
            List<Thread> visitors = Workers.startAll("visitor", VISITS, i -> visit());
            threadsStarted += VISITS;
            Workers.joinAll(visitors);
            run.say("main: %d threads each visited once: this JVM's counter is %d (threads share memory); "
                    + "starting them took %d ms", VISITS, visitsHere(), millisSince(t1));

            // The same work, round after round: through pipes to processes, then on threads.
            int rounds = 0;
            boolean agree = true;
            long primes = 0;
            do {
                rounds++;
                long t2 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    children.get(i).send("primes " + from(i, n) + " " + from(i + 1, n));
                }
                long byProcesses = 0;
                for (Child c : children) {
                    byProcesses += Long.parseLong(c.receive().substring("primes ".length()));
                }
                long processMillis = millisSince(t2);

                long t3 = System.nanoTime();
                AtomicLong shared = new AtomicLong();
                List<Thread> workers = Workers.startAll("prime-counter", n,
                        i -> shared.addAndGet(countPrimes(from(i, n), from(i + 1, n))));
                threadsStarted += n;
                Workers.joinAll(workers);
                long byThreads = shared.get();
                primes = byThreads;
                agree &= byProcesses == byThreads;
                run.say("round %d: primes below %d: %d by %d processes through pipes (%d ms), %d by %d threads "
                        + "sharing a total (%d ms)", rounds, RANGE, byProcesses, n, processMillis, byThreads, n,
                        millisSince(t3));
            } while (!run.deadline().passed());
            run.result("processes and threads agree every round: %s (%d primes below %d); the child's visits never "
                    + "reached this JVM (%d here); started %d threads in this JVM", agree, primes, RANGE, parentBefore,
                    threadsStarted);
        } finally {
            for (Child c : children) {
                c.stop();
            }
        }
    }

    private static synchronized void visit() {
        visits++;
    }

    private static synchronized int visitsHere() {
        return visits;
    }

    private static int from(int part, int parts) {
        return 2 + (int) ((long) (RANGE - 2) * part / parts);
    }

    static long countPrimes(int from, int to) {
        long count = 0;
        for (int k = from; k < to; k++) {
            if (isPrime(k)) {
                count++;
            }
        }
        return count;
    }

    private static boolean isPrime(int k) {
        if (k < 2) {
            return false;
        }
        if (k % 2 == 0) {
            return k == 2;
        }
        for (int d = 3; (long) d * d <= k; d += 2) {
            if (k % d == 0) {
                return false;
            }
        }
        return true;
    }

    private static long millisSince(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static String pids(List<Child> children) {
        List<Long> pids = new ArrayList<>();
        for (Child c : children) {
            pids.add(c.process.pid());
        }
        return pids.toString();
    }

    /**
     * The child side ({@code demo-app.jar process-worker}): one request per line on stdin, one
     * answer per line on stdout, until "exit" or the end of the input.
     */
    public static void serveAsChild(InputStream in, PrintStream out) throws IOException {
        BufferedReader requests = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        String line;
        while ((line = requests.readLine()) != null) {
            String[] words = line.trim().split("\\s+");
            switch (words[0]) {
                case "hello":
                    out.println("hello from pid " + ProcessHandle.current().pid());
                    break;
                case "visit":
                    visit();
                    out.println("visits " + visitsHere());
                    break;
                case "primes":
                    out.println("primes " + countPrimes(Integer.parseInt(words[1]), Integer.parseInt(words[2])));
                    break;
                case "exit":
                    out.flush();
                    return;
                default:
                    out.println("error unknown request " + words[0]);
                    break;
            }
            out.flush();
        }
    }

    /** A child JVM and the two ends of its pipes. */
    private static final class Child {
        private final Process process;
        private final Writer toChild;
        private final BufferedReader fromChild;

        private Child(Process process) {
            this.process = process;
            this.toChild = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            this.fromChild = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        }

        /** Starts {@code java -cp <this jar> DemoApp process-worker} with the same java binary. */
        static Child start(int number) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder pb = new ProcessBuilder(java, "-cp",
                    codeLocation(), DemoApp.class.getName(), Arguments.PROCESS_WORKER);
            // A plain worker JVM: nothing inherited that would load agents into it.
            pb.environment().remove("JAVA_TOOL_OPTIONS");
            pb.environment().remove("JDK_JAVA_OPTIONS");
            pb.redirectError(ProcessBuilder.Redirect.INHERIT);
            return new Child(pb.start());
        }

        void send(String request) throws IOException {
            toChild.write(request + "\n");
            toChild.flush();
        }

        String receive() throws IOException {
            String line = fromChild.readLine(); // blocks until the child answers: a pipe read
            if (line == null) {
                throw new IOException("child process " + process.pid() + " closed its output (exit code "
                        + (process.isAlive() ? "none yet" : process.exitValue()) + ")");
            }
            return line;
        }

        void stop() throws InterruptedException {
            try {
                send("exit");
                toChild.close();
            } catch (IOException e) {
                // already gone
            }
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }

        private static String codeLocation() {
            try {
                return Path.of(ProcessesScenario.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                        .toString();
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
