package dev.threadlens.dashboards.stack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadlens.dashboards.Repo;
import dev.threadlens.dashboards.contract.MetricContract;
import dev.threadlens.dashboards.prometheus.Command;
import dev.threadlens.dashboards.prometheus.Promtool;
import dev.threadlens.testkit.ChildJvm;
import dev.threadlens.testkit.Jdk;
import dev.threadlens.testkit.Paths;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The whole stack, for real, on every JDK: the demo (with the arguments its image runs) under the
 * agent, a real Prometheus on 127.0.0.1 scraping it every second with the shipped alert rules,
 * and every query of every dashboard sent through the HTTP API ({@link StackCheck}): each must
 * parse and return data. Then promtool check metrics on a real scrape of the agent. The JDKs run
 * side by side (each with its own demo, ports and Prometheus): most of the time is waiting for
 * the demo's loop to reach every scenario.
 */
@Execution(ExecutionMode.CONCURRENT)
class StackEndToEndIT {

    /** How long the demo gets to make every panel show data (its loop must reach every scenario). */
    private static final Duration DATA_TIMEOUT = Duration.ofSeconds(Long.getLong("threadlens.e2e.timeoutSeconds", 240));

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.threadlens.testkit.Jdks#all")
    void everyPanelShowsDataAndEveryAlertEvaluates(Jdk jdk) throws Exception {
        List<String> args = DemoImage.load().demoArguments();
        try (ChildJvm demo = ChildJvm.builder(jdk).agent().jar(Paths.demoJar(), args.toArray(String[]::new)).start();
                StackCheck stack = new StackCheck("demo " + String.join(" ", args) + " on " + jdk,
                        "127.0.0.1:" + demo.port(), jdk.feature(), demo::isAlive)) {
            StackReport report;
            try {
                report = stack.run(DATA_TIMEOUT);
            } catch (AssertionError e) {
                throw new AssertionError(e.getMessage() + "\n--- demo\n" + StackReport.tail(demo.output(), 40), e);
            }
            checkScrapeWithPromtool(demo, report);
            System.out.println(report.summary());
            assertTrue(report.ok(), () -> report.failure("--- demo (last lines)\n" + StackReport.tail(demo.output(), 30)
                    + "\n--- prometheus log\n" + StackReport.tail(stack.prometheus().log(), 20)));
        }
    }

    /**
     * promtool check metrics on the agent's own scrape. The only findings allowed are about the
     * contract's gauges named *_count after the OpenTelemetry conventions (the README says why).
     */
    private static void checkScrapeWithPromtool(ChildJvm demo, StackReport report) {
        Command.Result r = new Promtool().run(Repo.root(), demo.get("/metrics").body(), "check", "metrics");
        Set<String> allowed = MetricContract.load().families().stream()
                .filter(f -> f.type().equals("gauge") && f.name().endsWith("_count"))
                .map(f -> f.name() + " non-histogram and non-summary metrics should not have \"_count\" suffix")
                .collect(Collectors.toSet());
        List<String> findings = r.output().lines().map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.toList());
        List<String> unexpected = findings.stream().filter(l -> !allowed.contains(l)).collect(Collectors.toList());
        if (!unexpected.isEmpty() || (r.exitCode() != 0 && r.exitCode() != 3)) {
            report.problem("promtool check metrics on the agent's scrape: exit " + r.exitCode() + "\n    "
                    + String.join("\n    ", unexpected));
        }
        report.info("promtool check metrics: " + (findings.isEmpty() ? "clean" : "only the justified findings: "
                + String.join("; ", findings)));
    }
}
