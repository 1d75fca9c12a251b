package dev.threadlens.dashboards.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** One panel of a dashboard. */
public final class Panel {

    private final JsonNode json;

    Panel(JsonNode json) {
        this.json = json;
    }

    public JsonNode json() {
        return json;
    }

    public int id() {
        return json.path("id").asInt(-1);
    }

    public String type() {
        return json.path("type").asText("");
    }

    public String title() {
        return json.path("title").asText("");
    }

    public String description() {
        return json.path("description").asText("");
    }

    /** The unit every field defaults to. */
    public String unit() {
        return json.path("fieldConfig").path("defaults").path("unit").asText("");
    }

    public boolean isRow() {
        return type().equals("row");
    }

    /** Rows and text panels carry no query. */
    public boolean showsData() {
        return !isRow() && !type().equals("text");
    }

    public List<Target> targets() {
        List<Target> out = new ArrayList<>();
        for (JsonNode t : json.path("targets")) {
            out.add(new Target(t));
        }
        return out;
    }

    @Override
    public String toString() {
        return "panel '" + title() + "' (id " + id() + ")";
    }
}
