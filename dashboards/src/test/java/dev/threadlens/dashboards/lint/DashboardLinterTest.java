package dev.threadlens.dashboards.lint;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.threadlens.dashboards.Repo;
import dev.threadlens.dashboards.contract.MetricContract;
import dev.threadlens.dashboards.model.Dashboard;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The linter catches each kind of mistake: a real dashboard, broken in one way at a time, must
 * be rejected with a message that names the problem (and the unbroken one must pass).
 */
class DashboardLinterTest {

    private static final MetricContract CONTRACT = MetricContract.load();
    private static final Set<String> UIDS = Set.of("threadlens-overview", "threadlens-locks", "threadlens-executors",
            "threadlens-threads");

    @Test
    void theUnbrokenDashboardPasses() {
        assertTrue(lint(d -> { }).isEmpty(), () -> String.join("\n", lint(d -> { })));
    }

    @Test
    void dashboardLevelRules() {
        rejects(d -> d.put("schemaVersion", 39), "schemaVersion must be 41");
        rejects(d -> d.put("uid", "Overview 1"), "uid 'Overview 1'");
        rejects(d -> d.put("id", 7), "id must be null");
        rejects(d -> ((ArrayNode) d.get("tags")).removeAll(), "tags must include 'threadlens'");
        rejects(d -> ((ArrayNode) d.get("links")).removeAll(), "needs a link to the other threadlens dashboards");
        rejects(d -> ((ArrayNode) d.at("/annotations/list")).remove(1), "needs an enabled annotation");
    }

    @Test
    void variables() {
        rejects(d -> ((ArrayNode) d.at("/templating/list")).remove(0), "needs a variable 'datasource'");
        rejects(d -> ((ArrayNode) d.at("/templating/list")).remove(2), "needs a query variable 'instance'");
        rejects(d -> variable(d, "instance").put("query", "label_values(threadlens_agent_info, instance)"),
                "must only offer values of the selected $job");
        rejects(d -> variable(d, "instance").remove("allValue"), "set allValue");
        rejects(d -> ((ObjectNode) variable(d, "job").get("datasource")).put("uid", "abc"),
                "must query the ${datasource} data source");
    }

    @Test
    void panelsNeedTitleDescriptionUnitAndTheDatasourceVariable() {
        rejects(d -> panel(d, "Live threads").put("title", ""), "no title");
        rejects(d -> panel(d, "Live threads").put("description", "threads"), "the description must say");
        rejects(d -> ((ObjectNode) panel(d, "Live threads").at("/fieldConfig/defaults")).remove("unit"), "no unit");
        rejects(d -> ((ObjectNode) panel(d, "Live threads").get("datasource")).put("uid", "prometheus"),
                "must use the ${datasource} data source");
        rejects(d -> panel(d, "Stuck threads").put("id", 1), "duplicate or missing panel id");
        rejects(d -> panel(d, "Stuck threads").put("title", "Live threads"), "has the same title");
        rejects(d -> ((ObjectNode) panel(d, "Stuck threads").get("gridPos")).put("x", 0), "overlaps");
        rejects(d -> ((ObjectNode) panel(d, "Stuck threads").get("gridPos")).put("w", 30), "within the 24 columns");
        rejects(d -> ((ObjectNode) panel(d, "Busiest pool").at("/links/0")).put("url", "/d/threadlens-nope"),
                "unknown dashboard uid threadlens-nope");
    }

    @Test
    void queriesAreFilteredByJobAndInstance() {
        rejects(d -> expr(d, "Live threads", "sum(jvm_thread_count)"), "must be filtered by job=~\"$job\"");
        rejects(d -> expr(d, "Live threads", "sum(jvm_thread_count{job=~\"$job\"})"),
                "must be filtered by instance=~\"$instance\"");
        rejects(d -> expr(d, "Live threads", "sum(jvm_thread_count{job=\"demo\", instance=~\"$instance\"})"),
                "must be filtered by job=~\"$job\"");
        rejects(d -> expr(d, "Live threads", "sum(jvm_thread_count{job=~\"$job\", instance=~\"$nope\"})"),
                "unknown variable $nope");
    }

    @Test
    void onlyContractMetricsAndLabels() {
        rejects(d -> expr(d, "Live threads", "sum(jvm_threads_live{job=~\"$job\", instance=~\"$instance\"})"),
                "metric jvm_threads_live is not in the metric contract");
        rejects(d -> expr(d, "Blocked threads",
                "sum(jvm_thread_count{job=~\"$job\", instance=~\"$instance\", state=\"blocked\"})"),
                "jvm_thread_count has no label 'state'");
        rejects(d -> expr(d, "Threads by state", "sum by (state) (jvm_thread_count{job=~\"$job\", instance=~\"$instance\"})"),
                "sum by (state): no such label");
        rejects(d -> ((ObjectNode) panel(d, "Threads by state").at("/targets/0")).put("legendFormat", "{{state}}"),
                "legend uses {{state}}");
    }

    @Test
    void ratesUseRateIntervalAndOnlyCounters() {
        rejects(d -> expr(d, "Thread starts and ends",
                "sum(rate(jvm_thread_started_total{job=~\"$job\", instance=~\"$instance\"}[5m]))"),
                "range queries use [$__rate_interval]");
        rejects(d -> expr(d, "Thread starts and ends",
                "sum(rate(jvm_thread_started_total{job=~\"$job\", instance=~\"$instance\"}[$__range]))"),
                "range queries use [$__rate_interval]");
        rejects(d -> expr(d, "Queued tasks",
                "sum(rate(jvm_executor_queue_size{job=~\"$job\", instance=~\"$instance\"}[$__rate_interval]))"),
                "rate() of gauge jvm_executor_queue_size");
        rejects(d -> expr(d, "Thread starts and ends",
                "sum(jvm_thread_started_total{job=~\"$job\", instance=~\"$instance\"})"),
                "is cumulative: use it through rate() or increase()");
        rejects(d -> expr(d, "Thread starts and ends",
                "max_over_time(rate(jvm_thread_started_total{job=~\"$job\", instance=~\"$instance\"}[$__rate_interval])[5m:])"),
                "subqueries are not used");
    }

    @Test
    void histogramsGoThroughSumByLe() {
        rejects(d -> expr(d, "Lock wait p99 by lock type",
                "histogram_quantile(0.99, rate(jvm_lock_wait_seconds_bucket{job=~\"$job\", instance=~\"$instance\"}[$__rate_interval]))"),
                "aggregate buckets with sum by (le, ...)");
        rejects(d -> expr(d, "Lock wait p99 by lock type",
                "histogram_quantile(0.99, sum by (jvm_lock_type) (rate(jvm_lock_wait_seconds_bucket{job=~\"$job\", instance=~\"$instance\"}[$__rate_interval])))"),
                "histogram_quantile over sum by (le, ...)");
        rejects(d -> expr(d, "Lock wait p99 by lock type",
                "histogram_quantile(99, sum by (le) (rate(jvm_lock_wait_seconds_bucket{job=~\"$job\", instance=~\"$instance\"}[$__rate_interval])))"),
                "a quantile between 0 and 1");
        rejects(d -> expr(d, "Lock wait p99 by lock type",
                "sum(jvm_lock_wait_seconds_bucket{job=~\"$job\", instance=~\"$instance\"})"),
                "buckets only make sense as sum by (le) (rate(...))");
    }

    @Test
    void heatMapsShowPrometheusBuckets() {
        rejects(d -> panel(d, "Lock wait p99 by lock type").put("type", "heatmap"), "must not re-bucket");
        rejects(d -> panel(d, "Lock wait p99 by lock type").put("type", "heatmap"), "use format heatmap");
    }

    @Test
    void instantQueriesMayTotalOverTheRange() {
        assertTrue(lint(d -> expr(d, "Deadlocks found in range",
                "round(sum(increase(jvm_deadlocks_detected_total{job=~\"$job\", instance=~\"$instance\"}[$__range])))"))
                .isEmpty());
        rejects(d -> expr(d, "Deadlocks found in range",
                "round(sum(increase(jvm_deadlocks_detected_total{job=~\"$job\", instance=~\"$instance\"}[1h])))"),
                "instant queries use [$__range]");
    }

    @Test
    void queriesThatDoNotParseAreRejected() {
        rejects(d -> expr(d, "Live threads", "sum(jvm_thread_count{job=~\"$job\", instance=~\"$instance\"}"),
                "does not parse");
    }

    private static void rejects(Consumer<ObjectNode> breakIt, String expected) {
        List<String> problems = lint(breakIt);
        assertTrue(problems.stream().anyMatch(p -> p.contains(expected)),
                "expected a problem containing [" + expected + "] but got:\n  " + String.join("\n  ", problems));
    }

    private static List<String> lint(Consumer<ObjectNode> breakIt) {
        Dashboard original = Dashboard.load(Repo.dashboardsDir().resolve("overview.json"));
        ObjectNode copy = original.json().deepCopy();
        breakIt.accept(copy);
        return new DashboardLinter(CONTRACT, UIDS).lint(Dashboard.of(original.file(), copy));
    }

    private static ObjectNode panel(ObjectNode d, String title) {
        for (JsonNode p : d.get("panels")) {
            if (p.path("title").asText().equals(title)) {
                return (ObjectNode) p;
            }
        }
        throw new AssertionError("no panel '" + title + "' in the overview");
    }

    private static ObjectNode variable(ObjectNode d, String name) {
        for (JsonNode v : d.at("/templating/list")) {
            if (v.path("name").asText().equals(name)) {
                return (ObjectNode) v;
            }
        }
        throw new AssertionError("no variable " + name);
    }

    private static void expr(ObjectNode d, String panelTitle, String expr) {
        ((ObjectNode) panel(d, panelTitle).at("/targets/0")).put("expr", expr);
    }
}
