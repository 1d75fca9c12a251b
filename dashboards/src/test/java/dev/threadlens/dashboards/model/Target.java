package dev.threadlens.dashboards.model;

import com.fasterxml.jackson.databind.JsonNode;

/** One Prometheus query of a panel (or an annotation). */
public final class Target {

    private final JsonNode json;

    public Target(JsonNode json) {
        this.json = json;
    }

    public JsonNode json() {
        return json;
    }

    public String refId() {
        return json.path("refId").asText("");
    }

    public String expr() {
        return json.path("expr").asText("");
    }

    /** Evaluated at one instant (stat, table, bar gauge) rather than over the time range. */
    public boolean instant() {
        return json.path("instant").asBoolean(false) && !json.path("range").asBoolean(false);
    }

    public String format() {
        return json.path("format").asText("time_series");
    }

    public String legendFormat() {
        return json.path("legendFormat").asText("");
    }
}
