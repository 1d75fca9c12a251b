package dev.threadlens.dashboards.model;

import com.fasterxml.jackson.databind.JsonNode;

/** A template variable ({@code templating.list[]}). */
public final class Variable {

    private final JsonNode json;

    Variable(JsonNode json) {
        this.json = json;
    }

    public JsonNode json() {
        return json;
    }

    public String name() {
        return json.path("name").asText("");
    }

    public String type() {
        return json.path("type").asText("");
    }

    /** The query of a query variable (a string, or an object with {@code query} in newer Grafana). */
    public String query() {
        JsonNode q = json.path("query");
        return q.isObject() ? q.path("query").asText("") : q.asText("");
    }

    public boolean includeAll() {
        return json.path("includeAll").asBoolean(false);
    }

    public String allValue() {
        return json.path("allValue").asText("");
    }
}
