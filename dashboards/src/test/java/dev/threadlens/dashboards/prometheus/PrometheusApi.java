package dev.threadlens.dashboards.prometheus;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.threadlens.testkit.Http;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Prometheus's HTTP API on 127.0.0.1. */
public final class PrometheusApi {

    /** The outcome of one query: the parsed response, or Prometheus's error. */
    public record Result(JsonNode json) {
        public boolean ok() {
            return json.path("status").asText().equals("success");
        }

        public String error() {
            return json.path("errorType").asText() + ": " + json.path("error").asText();
        }

        /** The series (vector or matrix) of a successful query. */
        public JsonNode series() {
            return json.path("data").path("result");
        }

        /** True when some series has some value that is a number (NaN is no data to a person). */
        public boolean hasData() {
            for (JsonNode s : series()) {
                if (s.has("value") && !s.path("value").path(1).asText().equals("NaN")) {
                    return true;
                }
                for (JsonNode point : s.path("values")) {
                    if (!point.path(1).asText().equals("NaN")) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final int port;

    PrometheusApi(int port) {
        this.port = port;
    }

    /** An instant query at {@code time} (Unix seconds). */
    public Result query(String expr, long time) {
        return get("/api/v1/query?query=" + encode(expr) + "&time=" + time);
    }

    /** A range query, as Grafana sends for a time series panel. */
    public Result queryRange(String expr, long start, long end, long stepSeconds) {
        return get("/api/v1/query_range?query=" + encode(expr) + "&start=" + start + "&end=" + end + "&step="
                + stepSeconds);
    }

    public JsonNode targets() {
        return get("/api/v1/targets").json();
    }

    public JsonNode rules() {
        return get("/api/v1/rules").json();
    }

    public JsonNode buildInfo() {
        return get("/api/v1/status/buildinfo").json();
    }

    private Result get(String path) {
        Http.Response r = Http.get(port, path);
        try {
            JsonNode json = JSON.readTree(r.body());
            return new Result(json);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON from " + path + " (" + r.status() + "): " + r.body(), e);
        }
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
