package dev.threadlens.dashboards.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.threadlens.dashboards.contract.MetricContract;
import dev.threadlens.dashboards.model.Dashboard;
import dev.threadlens.dashboards.model.Panel;
import dev.threadlens.dashboards.model.Target;
import dev.threadlens.dashboards.model.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conventions of threadlens dashboards, checked on one dashboard at a time (see
 * {@link #lint}); cross-dashboard rules (unique uids, links that resolve) take the set of uids.
 */
public final class DashboardLinter {

    /** What Grafana 11.6 writes; Grafana 11.6 and later (12.x, 13.x) load it without migrating. */
    public static final int SCHEMA_VERSION = 41;
    public static final String TAG = "threadlens";
    public static final String DATASOURCE = "${datasource}";

    private static final Pattern UID = Pattern.compile("threadlens-[a-z0-9-]{1,29}");
    private static final Pattern DASHBOARD_LINK = Pattern.compile("/d/([A-Za-z0-9_-]+)");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");
    private static final Set<String> GRAFANA_VARIABLES = Set.of("__rate_interval", "__range", "__interval",
            "__url_time_range", "__all_variables", "__from", "__to");

    private final QueryLint queries;
    private final Set<String> knownUids;

    /** {@code knownUids}: the uids of all shipped dashboards, which links may point at. */
    public DashboardLinter(MetricContract contract, Set<String> knownUids) {
        this.queries = new QueryLint(contract);
        this.knownUids = knownUids;
    }

    /** Every violation in {@code d}, each naming where it is. */
    public List<String> lint(Dashboard d) {
        List<String> problems = new ArrayList<>();
        dashboard(d, problems);
        Set<String> variables = variables(d, problems);
        links(d, problems);
        annotations(d, problems);
        panels(d, variables, problems);
        layout(d, problems);
        return problems;
    }

    private void dashboard(Dashboard d, List<String> problems) {
        JsonNode json = d.json();
        if (!UID.matcher(d.uid()).matches()) {
            problems.add("uid '" + d.uid() + "' must be stable and look like threadlens-<name> (at most 40 chars)");
        }
        if (d.title().isBlank()) {
            problems.add("dashboard has no title");
        }
        if (json.path("schemaVersion").asInt(-1) != SCHEMA_VERSION) {
            problems.add("schemaVersion must be " + SCHEMA_VERSION + ", is " + json.path("schemaVersion"));
        }
        if (json.hasNonNull("id")) {
            problems.add("id must be null: provisioning assigns it");
        }
        if (!contains(json.path("tags"), TAG)) {
            problems.add("tags must include '" + TAG + "' (the dashboards' links find each other by it)");
        }
        if (json.path("time").path("from").asText("").isEmpty()) {
            problems.add("no default time range");
        }
        if (!json.path("refresh").isTextual()) {
            problems.add("refresh must be a string such as \"10s\"");
        }
    }

    /** Checks the variables; returns the names defined. */
    private Set<String> variables(Dashboard d, List<String> problems) {
        Set<String> names = new HashSet<>();
        Variable datasource = null;
        Variable job = null;
        Variable instance = null;
        for (Variable v : d.variables()) {
            if (!names.add(v.name())) {
                problems.add("variable $" + v.name() + " defined twice");
            }
            switch (v.name()) {
                case "datasource" -> datasource = v;
                case "job" -> job = v;
                case "instance" -> instance = v;
                default -> {
                }
            }
            if (v.type().equals("query")) {
                if (!DATASOURCE.equals(v.json().path("datasource").path("uid").asText())) {
                    problems.add("variable $" + v.name() + " must query the " + DATASOURCE + " data source");
                }
                if (!v.query().startsWith("label_values(")) {
                    problems.add("variable $" + v.name() + " should use label_values(...): " + v.query());
                }
                if (!v.name().equals("job") && !v.query().contains("job=~\"$job\"")) {
                    problems.add("variable $" + v.name() + " must only offer values of the selected $job");
                }
            }
            if (v.includeAll() && v.allValue().isEmpty()) {
                problems.add("variable $" + v.name() + " offers All: set allValue (\".*\") so queries stay short");
            }
        }
        if (datasource == null || !datasource.type().equals("datasource") || !datasource.query().equals("prometheus")) {
            problems.add("needs a variable 'datasource' of type datasource for Prometheus");
        }
        if (job == null || !job.type().equals("query")) {
            problems.add("needs a query variable 'job'");
        }
        if (instance == null || !instance.type().equals("query")) {
            problems.add("needs a query variable 'instance'");
        }
        return names;
    }

    private void links(Dashboard d, List<String> problems) {
        boolean linked = false;
        for (JsonNode link : d.json().path("links")) {
            if (link.path("type").asText().equals("dashboards") && contains(link.path("tags"), TAG)
                    && link.path("includeVars").asBoolean(false) && link.path("keepTime").asBoolean(false)) {
                linked = true;
            }
        }
        if (!linked) {
            problems.add("needs a link to the other threadlens dashboards (type dashboards, tag '" + TAG
                    + "', includeVars and keepTime)");
        }
    }

    private void annotations(Dashboard d, List<String> problems) {
        boolean deadlocks = false;
        for (JsonNode a : d.annotations()) {
            String where = "annotation '" + a.path("name").asText() + "'";
            if (!DATASOURCE.equals(a.path("datasource").path("uid").asText())) {
                problems.add(where + " must use the " + DATASOURCE + " data source");
            }
            String expr = a.path("expr").asText("");
            for (String p : queries.check(expr, QueryLint.Context.DASHBOARD_RANGE, a.path("titleFormat").asText(""))) {
                problems.add(where + ": " + p);
            }
            if (expr.contains("jvm_deadlocks_detected_total") && a.path("enable").asBoolean(false)) {
                deadlocks = true;
            }
        }
        if (!deadlocks) {
            problems.add("needs an enabled annotation marking detected deadlocks (jvm_deadlocks_detected_total)");
        }
    }

    private void panels(Dashboard d, Set<String> variables, List<String> problems) {
        Set<Integer> ids = new HashSet<>();
        Set<String> titles = new HashSet<>();
        for (Panel p : d.panels()) {
            if (!ids.add(p.id())) {
                problems.add(p + ": duplicate or missing panel id");
            }
            if (p.title().isBlank()) {
                problems.add(p + ": no title");
            } else if (!titles.add(p.title())) {
                problems.add(p + ": another panel of this dashboard has the same title");
            }
            for (JsonNode link : p.json().path("links")) {
                linkTarget(p + " link", link.path("url").asText(), problems);
            }
            if (!p.showsData()) {
                continue;
            }
            if (p.description().length() < 40) {
                problems.add(p + ": the description must say what question the panel answers (40+ chars)");
            }
            if (p.unit().isBlank()) {
                problems.add(p + ": no unit (fieldConfig.defaults.unit)");
            }
            if (!DATASOURCE.equals(p.json().path("datasource").path("uid").asText())) {
                problems.add(p + ": must use the " + DATASOURCE + " data source");
            }
            if (p.type().equals("heatmap") && p.json().path("options").path("calculate").asBoolean(true)) {
                problems.add(p + ": heat maps of Prometheus histograms must not re-bucket (options.calculate false)");
            }
            targets(p, variables, problems);
        }
    }

    private void targets(Panel p, Set<String> variables, List<String> problems) {
        List<Target> targets = p.targets();
        if (targets.isEmpty()) {
            problems.add(p + ": no query");
        }
        Set<String> refIds = new HashSet<>();
        for (Target t : targets) {
            String where = p + " query " + t.refId();
            if (t.refId().isBlank() || !refIds.add(t.refId())) {
                problems.add(where + ": missing or duplicate refId");
            }
            JsonNode ds = t.json().path("datasource");
            if (!ds.isMissingNode() && !DATASOURCE.equals(ds.path("uid").asText())) {
                problems.add(where + ": must use the " + DATASOURCE + " data source");
            }
            if (p.type().equals("heatmap") && !t.format().equals("heatmap")) {
                problems.add(where + ": heat map queries use format heatmap");
            }
            QueryLint.Context context = t.instant() ? QueryLint.Context.DASHBOARD_INSTANT
                    : QueryLint.Context.DASHBOARD_RANGE;
            for (String problem : queries.check(t.expr(), context, t.legendFormat())) {
                problems.add(where + ": " + problem);
            }
            Matcher m = VARIABLE.matcher(t.expr());
            while (m.find()) {
                if (!variables.contains(m.group(1)) && !GRAFANA_VARIABLES.contains(m.group(1))) {
                    problems.add(where + ": unknown variable $" + m.group(1));
                }
            }
        }
    }

    private void linkTarget(String where, String url, List<String> problems) {
        Matcher m = DASHBOARD_LINK.matcher(url);
        if (m.find() && !knownUids.contains(m.group(1))) {
            problems.add(where + " points at unknown dashboard uid " + m.group(1));
        }
    }

    /** Panels inside the 24-column grid and not on top of one another. */
    private static void layout(Dashboard d, List<String> problems) {
        List<int[]> boxes = new ArrayList<>();
        List<Panel> placed = new ArrayList<>();
        for (Panel p : d.panels()) {
            JsonNode g = p.json().path("gridPos");
            int x = g.path("x").asInt(-1);
            int y = g.path("y").asInt(-1);
            int w = g.path("w").asInt(0);
            int h = g.path("h").asInt(0);
            if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > 24) {
                problems.add(p + ": gridPos must lie within the 24 columns: " + g);
                continue;
            }
            for (int i = 0; i < boxes.size(); i++) {
                int[] o = boxes.get(i);
                if (x < o[0] + o[2] && o[0] < x + w && y < o[1] + o[3] && o[1] < y + h) {
                    problems.add(p + " overlaps " + placed.get(i));
                }
            }
            boxes.add(new int[] {x, y, w, h});
            placed.add(p);
        }
    }

    private static boolean contains(JsonNode array, String value) {
        for (JsonNode n : array) {
            if (n.asText().equals(value)) {
                return true;
            }
        }
        return false;
    }
}
