package dev.threadlens.dashboards.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The alerting rules of a Prometheus rule file. */
public final class AlertRules {

    /** One alerting rule. */
    public record Alert(String name, String expr, String forDuration, JsonNode labels, JsonNode annotations) {
    }

    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private AlertRules() {
    }

    public static List<Alert> load(Path file) {
        List<Alert> alerts = new ArrayList<>();
        for (JsonNode group : read(file).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.has("alert")) {
                    alerts.add(new Alert(rule.path("alert").asText(), rule.path("expr").asText(),
                            rule.path("for").asText(""), rule.path("labels"), rule.path("annotations")));
                }
            }
        }
        return alerts;
    }

    public static JsonNode read(Path file) {
        try {
            return YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
