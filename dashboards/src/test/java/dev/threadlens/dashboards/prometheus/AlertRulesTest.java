package dev.threadlens.dashboards.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadlens.dashboards.Repo;
import dev.threadlens.dashboards.contract.MetricContract;
import dev.threadlens.dashboards.lint.LabelFlow;
import dev.threadlens.dashboards.lint.QueryLint;
import dev.threadlens.dashboards.promql.PromQlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The conventions of the alert rules, beyond what promtool checks. */
class AlertRulesTest {

    private static final List<AlertRules.Alert> ALERTS = AlertRules.load(Repo.prometheusDir().resolve("alerts.yml"));
    private static final MetricContract CONTRACT = MetricContract.load();

    static Stream<AlertRules.Alert> alerts() {
        return ALERTS.stream();
    }

    @Test
    void theAlertsTheIssueAsksFor() {
        assertEquals(List.of("ThreadlensDeadlock", "ThreadlensStuckThreads", "ThreadlensExecutorSaturated",
                "ThreadlensExecutorQueueGrowing", "ThreadlensLockWaitP99High", "ThreadlensThreadLeak"),
                ALERTS.stream().map(AlertRules.Alert::name).collect(Collectors.toList()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alerts")
    void followsTheConventions(AlertRules.Alert alert) {
        List<String> problems = new ArrayList<>(new QueryLint(CONTRACT).check(alert.expr(), QueryLint.Context.RULE));
        if (!alert.forDuration().matches("\\d+[smh]")) {
            problems.add("needs a for: duration (a single sample must not page anyone)");
        }
        if (!Set.of("critical", "warning").contains(alert.labels().path("severity").asText())) {
            problems.add("needs severity critical or warning");
        }
        for (String annotation : List.of("summary", "description")) {
            if (alert.annotations().path(annotation).asText().isBlank()) {
                problems.add("needs a " + annotation + " annotation");
            }
        }
        if (!alert.annotations().path("description").asText().contains("$labels.instance")) {
            problems.add("the description must name the instance");
        }
        if (problems.isEmpty()) {
            Set<String> labels = new LabelFlow(CONTRACT).output(PromQlParser.parse(alert.expr()));
            if (!labels.containsAll(MetricContract.TARGET_LABELS)) {
                problems.add("the alert must keep job and instance (it yields " + labels + ")");
            }
        }
        assertTrue(problems.isEmpty(), alert.name() + ":\n  " + String.join("\n  ", problems));
    }
}
