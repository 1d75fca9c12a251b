package dev.threadlens.dashboards.prometheus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadlens.dashboards.Repo;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The shipped Prometheus config and alert rules, judged by Prometheus's own promtool. */
class PromtoolTest {

    private static final Path DIR = Repo.prometheusDir();
    private static Promtool promtool;

    @BeforeAll
    static void promtool() {
        promtool = new Promtool();
        System.out.println("[threadlens] " + promtool.version());
    }

    @Test
    void configIsValidAndLoadsTheRules() {
        Command.Result r = promtool.run(DIR, null, "check", "config", "prometheus.yml");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.output().contains("1 rule files found"), r::toString);
    }

    @Test
    void rulesAreValid() {
        Command.Result r = promtool.run(DIR, null, "check", "rules", "alerts.yml");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.output().contains("SUCCESS: " + AlertRules.load(DIR.resolve("alerts.yml")).size() + " rules found"),
                r::toString);
    }

    @Test
    void ruleUnitTestsPass() {
        Command.Result r = promtool.run(DIR, null, "test", "rules", "alerts-test.yml");
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.output().contains("SUCCESS"), r::toString);
    }

    /** Each alert has at least one case where it fires and one where it must stay silent. */
    @Test
    void everyAlertIsTestedFiringAndNotFiring() {
        Set<String> fires = new HashSet<>();
        Set<String> silent = new HashSet<>();
        JsonNode tests = AlertRules.read(DIR.resolve("alerts-test.yml"));
        assertEquals("alerts.yml", tests.path("rule_files").path(0).asText());
        for (JsonNode test : tests.path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                String name = check.path("alertname").asText();
                (check.path("exp_alerts").isEmpty() ? silent : fires).add(name);
            }
        }
        List<String> alerts = AlertRules.load(DIR.resolve("alerts.yml")).stream().map(AlertRules.Alert::name)
                .collect(Collectors.toList());
        for (String alert : alerts) {
            assertTrue(fires.contains(alert), alert + " has no test case where it fires");
            assertTrue(silent.contains(alert), alert + " has no test case where it stays silent");
        }
    }
}
