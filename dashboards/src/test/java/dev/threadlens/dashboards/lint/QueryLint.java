package dev.threadlens.dashboards.lint;

import dev.threadlens.dashboards.contract.MetricContract;
import dev.threadlens.dashboards.promql.Expr;
import dev.threadlens.dashboards.promql.Exprs;
import dev.threadlens.dashboards.promql.PromQlException;
import dev.threadlens.dashboards.promql.PromQlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The conventions every PromQL expression we ship follows, for dashboards and alert rules alike:
 * only contract metrics and their labels; counters only through {@code rate}/{@code increase}
 * (or as a difference of counters); gauges never through them; histograms only as
 * {@code sum by (le, ...) (rate(..._bucket[...]))}; no subqueries. Dashboard queries also filter
 * every selector by {@code $job} and {@code $instance} and use {@code $__rate_interval} for
 * ranges ({@code $__range} in instant queries); rules use fixed durations.
 */
public final class QueryLint {

    /** Where an expression lives, which decides the rules on filters and ranges. */
    public enum Context {
        /** A range query of a dashboard panel (time series, heat map). */
        DASHBOARD_RANGE,
        /** An instant query of a dashboard panel (stat, table): may total over {@code $__range}. */
        DASHBOARD_INSTANT,
        /** An alerting rule: no dashboard variables, fixed ranges. */
        RULE
    }

    private static final Set<String> COUNTER_FUNCTIONS = Set.of("rate", "irate", "increase");
    private static final Set<String> GAUGE_FUNCTIONS = Set.of("deriv", "delta", "idelta", "predict_linear");
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");
    private static final Pattern DURATION = Pattern.compile("(\\d+(ms|s|m|h|d|w|y))+");

    private final MetricContract contract;
    private final LabelFlow labels;

    public QueryLint(MetricContract contract) {
        this.contract = contract;
        this.labels = new LabelFlow(contract);
    }

    /** Violations of {@code expr} (empty when it follows every convention). */
    public List<String> check(String expr, Context context) {
        return check(expr, context, "");
    }

    /** Also checks that every {@code {{label}}} of {@code legendFormat} can be in the result. */
    public List<String> check(String expr, Context context, String legendFormat) {
        List<String> problems = new ArrayList<>();
        Expr root;
        try {
            root = PromQlParser.parse(expr);
        } catch (PromQlException e) {
            problems.add("does not parse: " + e.getMessage());
            return problems;
        }
        Exprs.walk(root, (e, ancestors) -> {
            if (e instanceof Expr.Selector s) {
                checkSelector(s, ancestors, context, problems);
            } else if (e instanceof Expr.Matrix m) {
                checkRange(m, ancestors, context, problems);
            } else if (e instanceof Expr.Subquery) {
                problems.add("subqueries are not used (they hide the scrape interval): " + expr);
            } else if (e instanceof Expr.Aggregation a) {
                checkGrouping(a, problems);
            } else if (e instanceof Expr.Call c && c.function().equals("histogram_quantile")) {
                checkQuantile(c, problems);
            }
        });
        Set<String> output = labels.output(root);
        Matcher m = LEGEND_LABEL.matcher(legendFormat);
        while (m.find()) {
            if (!output.contains(m.group(1))) {
                problems.add("legend uses {{" + m.group(1) + "}} but the result only has labels " + output);
            }
        }
        return problems;
    }

    private void checkSelector(Expr.Selector s, List<Expr> ancestors, Context context, List<String> problems) {
        if (s.metric() == null) {
            problems.add("selector without a metric name: " + s.matchers());
            return;
        }
        Optional<MetricContract.Series> found = contract.series(s.metric());
        if (found.isEmpty()) {
            problems.add("metric " + s.metric() + " is not in the metric contract");
            return;
        }
        MetricContract.Series series = found.get();
        for (Expr.Matcher matcher : s.matchers()) {
            if (!series.labels().contains(matcher.label())) {
                problems.add(s.metric() + " has no label '" + matcher.label() + "' (it has " + series.labels() + ")");
            }
        }
        if (context != Context.RULE) {
            requireMatcher(s, "job", "$job", problems);
            requireMatcher(s, "instance", "$instance", problems);
        } else {
            for (Expr.Matcher matcher : s.matchers()) {
                if (matcher.value().contains("$")) {
                    problems.add("a rule cannot use dashboard variables: " + matcher);
                }
            }
        }
        Expr parent = Exprs.parent(ancestors);
        boolean ranged = parent instanceof Expr.Matrix;
        if (series.isCumulative() && !ranged && !insideCounterDifference(ancestors)) {
            problems.add(s.metric() + " is cumulative: use it through rate() or increase()");
        }
        if (series.isBucket() && !ranged) {
            problems.add(s.metric() + " buckets only make sense as sum by (le) (rate(...))");
        }
    }

    /** {@code started_total - terminated_total}: a difference of counters is a gauge in its own right. */
    private static boolean insideCounterDifference(List<Expr> ancestors) {
        return ancestors.stream().anyMatch(a -> a instanceof Expr.Binary b && b.op().equals("-"));
    }

    private static void requireMatcher(Expr.Selector s, String label, String variable, List<String> problems) {
        Expr.Matcher m = s.matcher(label);
        if (m == null || !m.op().equals("=~") || !m.value().equals(variable)) {
            problems.add(s.metric() + " must be filtered by " + label + "=~\"" + variable + "\" (has " + s.matchers()
                    + ")");
        }
    }

    private void checkRange(Expr.Matrix m, List<Expr> ancestors, Context context, List<String> problems) {
        String range = m.range();
        switch (context) {
            case DASHBOARD_RANGE -> {
                if (!range.equals("$__rate_interval")) {
                    problems.add(m.selector().metric() + "[" + range + "]: range queries use [$__rate_interval]");
                }
            }
            case DASHBOARD_INSTANT -> {
                if (!range.equals("$__rate_interval") && !range.equals("$__range")) {
                    problems.add(m.selector().metric() + "[" + range
                            + "]: instant queries use [$__range] (the whole time range) or [$__rate_interval]");
                }
            }
            case RULE -> {
                if (!DURATION.matcher(range).matches()) {
                    problems.add(m.selector().metric() + "[" + range + "]: rules use a fixed duration");
                }
            }
        }
        Expr parent = Exprs.parent(ancestors);
        if (!(parent instanceof Expr.Call call)) {
            problems.add(m.selector().metric() + "[" + range + "] must be the argument of a function");
            return;
        }
        Optional<MetricContract.Series> series = contract.series(m.selector().metric());
        if (series.isEmpty()) {
            return;
        }
        boolean cumulative = series.get().isCumulative();
        if (COUNTER_FUNCTIONS.contains(call.function()) && !cumulative) {
            problems.add(call.function() + "() of gauge " + m.selector().metric() + ": use deriv() or delta()");
        }
        if (GAUGE_FUNCTIONS.contains(call.function()) && cumulative) {
            problems.add(call.function() + "() of counter " + m.selector().metric() + ": use rate() or increase()");
        }
        if (series.get().isBucket()) {
            checkBucketAggregation(m, ancestors, call, problems);
        }
    }

    private static void checkBucketAggregation(Expr.Matrix m, List<Expr> ancestors, Expr.Call call,
            List<String> problems) {
        if (!call.function().equals("rate") && !call.function().equals("increase")) {
            problems.add(m.selector().metric() + " goes through rate() or increase(), not " + call.function() + "()");
            return;
        }
        int callIndex = ancestors.indexOf(call);
        Expr aggregation = Exprs.parent(ancestors.subList(callIndex + 1, ancestors.size()));
        if (!(aggregation instanceof Expr.Aggregation a) || !a.op().equals("sum") || a.without()
                || a.grouping() == null || !a.grouping().contains("le")) {
            problems.add(m.selector().metric() + ": aggregate buckets with sum by (le, ...) (" + call.function()
                    + "(...)) before histogram_quantile or a heat map");
        }
    }

    private void checkGrouping(Expr.Aggregation a, List<String> problems) {
        if (a.grouping() == null) {
            return;
        }
        Set<String> available = labels.output(a.expr());
        for (String label : a.grouping()) {
            if (!available.contains(label)) {
                problems.add(a.op() + (a.without() ? " without" : " by") + " (" + label
                        + "): no such label in what is aggregated (" + available + ")");
            }
        }
    }

    private static void checkQuantile(Expr.Call c, List<String> problems) {
        if (c.args().size() != 2 || !(Exprs.unwrap(c.args().get(0)) instanceof Expr.NumberLiteral q)
                || q.value() < 0 || q.value() > 1) {
            problems.add("histogram_quantile takes a quantile between 0 and 1 and one vector");
            return;
        }
        Expr inner = Exprs.unwrap(c.args().get(1));
        if (!(inner instanceof Expr.Aggregation a) || !a.op().equals("sum") || a.grouping() == null
                || !a.grouping().contains("le")) {
            problems.add("histogram_quantile over sum by (le, ...) (rate(..._bucket[...])), not over " + inner);
        }
    }
}
