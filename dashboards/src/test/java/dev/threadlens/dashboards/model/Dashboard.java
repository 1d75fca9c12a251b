package dev.threadlens.dashboards.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A Grafana dashboard JSON file (classic model), with its panels flattened out of rows. */
public final class Dashboard {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final JsonNode json;

    private Dashboard(Path file, JsonNode json) {
        this.file = file;
        this.json = json;
    }

    public static Dashboard load(Path file) {
        try {
            return new Dashboard(file, JSON.readTree(file.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** A dashboard built in memory (the linter's own tests mutate real ones). */
    public static Dashboard of(Path file, JsonNode json) {
        return new Dashboard(file, json);
    }

    /** Every {@code *.json} in {@code dir}, sorted by file name. */
    public static List<Dashboard> loadAll(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().map(Dashboard::load)
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path file() {
        return file;
    }

    public JsonNode json() {
        return json;
    }

    public String uid() {
        return json.path("uid").asText("");
    }

    public String title() {
        return json.path("title").asText("");
    }

    /** Every panel, with the panels of collapsed rows in place of their row; rows themselves included. */
    public List<Panel> panels() {
        List<Panel> out = new ArrayList<>();
        for (JsonNode p : json.path("panels")) {
            out.add(new Panel(p));
            for (JsonNode nested : p.path("panels")) {
                out.add(new Panel(nested));
            }
        }
        return out;
    }

    /** Panels that show data (not rows or text). */
    public List<Panel> dataPanels() {
        return panels().stream().filter(Panel::showsData).collect(Collectors.toList());
    }

    public List<Variable> variables() {
        List<Variable> out = new ArrayList<>();
        for (JsonNode v : json.path("templating").path("list")) {
            out.add(new Variable(v));
        }
        return out;
    }

    /** Annotation queries other than Grafana's built-in one. */
    public List<JsonNode> annotations() {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode a : json.path("annotations").path("list")) {
            if (!a.path("builtIn").asBoolean(false) && a.path("builtIn").asInt(0) != 1) {
                out.add(a);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return file.getFileName().toString();
    }
}
