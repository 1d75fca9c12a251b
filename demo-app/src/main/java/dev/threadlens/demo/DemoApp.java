package dev.threadlens.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.threadlens.demo.scenarios.ProcessesScenario;

/**
 * The demo: one scenario per concurrency concept of the teaching material, to run under the
 * agent: {@code java -javaagent:threadlens-agent.jar -jar demo-app.jar <scenario>|all|list}.
 * It is an ordinary application: it depends on the JDK only, and of the agent it knows just the
 * status property it waits on before a scenario ({@link AgentReadiness}).
 * Exit status: 0 done, 1 a scenario failed, 2 bad command line.
 */
public final class DemoApp {

    static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    static final Duration ALL_STEP_DURATION = Duration.ofSeconds(6);

    private DemoApp() {
    }

    public static void main(String[] args) throws Exception {
        Scenarios scenarios = new Scenarios();
        Invocation invocation;
        try {
            invocation = new Arguments(scenarios).parse(args);
        } catch (UsageException e) {
            System.err.println("demo-app: " + e.getMessage());
            System.err.print(Usage.text(scenarios));
            System.exit(2);
            return;
        }
        PrintStream out = System.out;
        boolean ok = true;
        switch (invocation.command()) {
            case LIST:
                for (Scenario s : scenarios.all()) {
                    out.printf("%-20s %s%n", s.name(), s.summary());
                }
                break;
            case HELP:
                out.print(Usage.text(scenarios));
                break;
            case PROCESS_WORKER:
                ProcessesScenario.serveAsChild(System.in, out);
                return;
            case ALL:
                AgentReadiness.await(out);
                ok = new AllScenarios(scenarios, out).run(
                        invocation.duration() != null ? invocation.duration() : ALL_STEP_DURATION, invocation.loop());
                break;
            case SCENARIO:
                AgentReadiness.await(out);
                Scenario s = invocation.scenario();
                ok = new Runner(out).run(s,
                        invocation.duration() != null ? invocation.duration() : DEFAULT_DURATION,
                        invocation.threads() != null ? invocation.threads() : s.defaultThreads(),
                        invocation.mode() != null ? invocation.mode() : s.modes().isEmpty() ? "" : s.modes().get(0));
                break;
            default:
                throw new IllegalStateException(invocation.command().toString());
        }
        out.flush();
        if (invocation.hold()) {
            hold(out);
        }
        if (!ok) {
            System.exit(1);
        }
        // Otherwise main simply returns: the JVM exits once no non-daemon thread is left, which
        // is what every scenario promises.
    }

    /** {@code --hold}: keep the JVM up, e.g. to read the final numbers on the live page. */
    private static void hold(PrintStream out) throws IOException {
        out.println("== holding: press Enter to exit");
        out.flush();
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    }
}
