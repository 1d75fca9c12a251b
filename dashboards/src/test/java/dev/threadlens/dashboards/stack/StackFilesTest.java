package dev.threadlens.dashboards.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadlens.dashboards.Repo;
import dev.threadlens.dashboards.model.Dashboard;
import dev.threadlens.dashboards.model.Variable;
import dev.threadlens.dashboards.prometheus.AlertRules;
import dev.threadlens.dashboards.prometheus.Command;
import dev.threadlens.dashboards.prometheus.Executables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml, validated offline by docker-compose itself, and held together with the
 * files it mounts: what `docker compose up` needs to show dashboards with data, short of a
 * Docker engine.
 */
class StackFilesTest {

    private static final JsonNode COMPOSE = AlertRules.read(Repo.path("docker-compose.yml"));
    private static final JsonNode PROMETHEUS = AlertRules.read(Repo.prometheusDir().resolve("prometheus.yml"));
    private static final JsonNode DATASOURCES = AlertRules.read(
            Repo.path("dashboards/grafana/provisioning/datasources/prometheus.yml"));
    private static final JsonNode PROVIDERS = AlertRules.read(
            Repo.path("dashboards/grafana/provisioning/dashboards/threadlens.yml"));

    @Test
    void dockerComposeAcceptsTheFile() {
        Path compose = Executables.require("docker-compose", "docker-compose");
        Command.Result r = Command.run(Repo.root(), null, List.of(compose.toString(), "config", "-q"));
        assertEquals(0, r.exitCode(), r::toString);
        assertEquals("", r.output().strip(), "warnings from docker-compose config: " + r);
    }

    @Test
    void imagesArePinnedToCurrentReleases() {
        assertTrue(image("prometheus").matches("prom/prometheus:v3\\.\\d+\\.\\d+"), image("prometheus"));
        Matcher grafana = Pattern.compile("grafana/grafana:(\\d+)\\.\\d+\\.\\d+").matcher(image("grafana"));
        assertTrue(grafana.matches(), image("grafana"));
        assertTrue(Integer.parseInt(grafana.group(1)) >= 12, "Grafana 12 or later: " + image("grafana"));
        JsonNode build = COMPOSE.at("/services/demo/build");
        Path dockerfile = Repo.path(build.path("context").asText()).resolve(build.path("dockerfile").asText());
        assertTrue(Files.isRegularFile(dockerfile), dockerfile + " (the demo image's Dockerfile)");
    }

    @Test
    void everyBindMountExists() {
        for (String service : List.of("demo", "prometheus", "grafana")) {
            for (JsonNode volume : COMPOSE.at("/services/" + service + "/volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".")) {
                    assertTrue(Files.exists(Repo.path(source)), service + " mounts " + source + ", which is missing");
                }
            }
        }
    }

    @Test
    void prometheusLoadsItsConfigAndRulesAndScrapesTheDemo() {
        String configFile = flag(COMPOSE.at("/services/prometheus/command"), "--config.file");
        Path config = hostPath("prometheus", configFile);
        assertEquals(Repo.prometheusDir().resolve("prometheus.yml").normalize(), config.normalize(),
                "--config.file must be the mounted prometheus.yml");
        for (JsonNode rules : PROMETHEUS.path("rule_files")) {
            assertTrue(Files.isRegularFile(config.getParent().resolve(rules.asText())), "rule file " + rules);
        }
        String port = Dockerfile.parse(demoDockerfile()).last().env().get("THREADLENS_PORT");
        List<String> targets = new ArrayList<>();
        PROMETHEUS.at("/scrape_configs/0/static_configs/0/targets").forEach(t -> targets.add(t.asText()));
        assertEquals(List.of("demo:" + port), targets, "Prometheus scrapes the demo service on the agent's port");
        assertTrue(COMPOSE.at("/services/demo").isObject());
    }

    @Test
    void grafanaGetsTheDataSourceTheDashboardsExpect() {
        JsonNode ds = DATASOURCES.at("/datasources/0");
        assertEquals("prometheus", ds.path("type").asText());
        assertEquals("http://prometheus:9090", ds.path("url").asText(), "the compose service, on Prometheus's port");
        assertEquals(PROMETHEUS.at("/global/scrape_interval").asText(), ds.at("/jsonData/timeInterval").asText(),
                "timeInterval must equal scrape_interval, or $__rate_interval is wrong");
        for (Dashboard d : Dashboard.loadAll(Repo.dashboardsDir())) {
            Variable datasource = d.variables().stream().filter(v -> v.name().equals("datasource")).findFirst()
                    .orElseThrow();
            assertEquals(ds.path("uid").asText(), datasource.json().at("/current/value").asText(),
                    d + ": $datasource defaults to the provisioned data source");
        }
    }

    @Test
    void grafanaLoadsTheDashboardsAndOpensOnTheOverview() {
        Path provisioning = hostPath("grafana", "/etc/grafana/provisioning");
        assertEquals(Repo.path("dashboards/grafana/provisioning").normalize(), provisioning.normalize());
        String providerPath = PROVIDERS.at("/providers/0/options/path").asText();
        assertEquals(Repo.dashboardsDir().normalize(), hostPath("grafana", providerPath).normalize(),
                "the dashboard provider reads the mounted dashboards directory");
        String home = COMPOSE.at("/services/grafana/environment/GF_DASHBOARDS_DEFAULT_HOME_DASHBOARD_PATH").asText();
        Path homeFile = hostPath("grafana", home);
        assertTrue(Files.isRegularFile(homeFile), "home dashboard " + home + " -> " + homeFile);
        assertEquals("threadlens-overview", Dashboard.load(homeFile).uid());
    }

    private static String image(String service) {
        return COMPOSE.at("/services/" + service + "/image").asText();
    }

    static Path demoDockerfile() {
        JsonNode build = COMPOSE.at("/services/demo/build");
        return Repo.path(build.path("context").asText()).resolve(build.path("dockerfile").asText());
    }

    private static String flag(JsonNode command, String name) {
        for (JsonNode arg : command) {
            if (arg.asText().startsWith(name + "=")) {
                return arg.asText().substring(name.length() + 1);
            }
        }
        throw new AssertionError("no " + name + " in " + command);
    }

    /** The repository path behind a path inside a service's container, through its bind mounts. */
    private static Path hostPath(String service, String containerPath) {
        for (JsonNode volume : COMPOSE.at("/services/" + service + "/volumes")) {
            String[] parts = volume.asText().split(":");
            String source = parts[0];
            String target = parts[1];
            if (source.startsWith(".") && (containerPath.equals(target) || containerPath.startsWith(target + "/"))) {
                return Repo.path(source).resolve(containerPath.substring(target.length()).replaceFirst("^/", ""));
            }
        }
        throw new AssertionError(service + " has no bind mount containing " + containerPath);
    }
}
