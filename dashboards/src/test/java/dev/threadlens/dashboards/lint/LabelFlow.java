package dev.threadlens.dashboards.lint;

import dev.threadlens.dashboards.contract.MetricContract;
import dev.threadlens.dashboards.promql.Expr;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which labels the series of an expression's result carry, from the contract's labels of the
 * metrics it selects: enough to catch a {@code by (...)} or a legend naming a label that cannot
 * be there.
 */
public final class LabelFlow {

    private final MetricContract contract;

    public LabelFlow(MetricContract contract) {
        this.contract = contract;
    }

    public Set<String> output(Expr e) {
        if (e instanceof Expr.Selector s) {
            return s.metric() == null ? Set.of()
                    : contract.series(s.metric()).map(MetricContract.Series::labels).orElse(Set.of());
        }
        if (e instanceof Expr.Matrix m) {
            return output(m.selector());
        }
        if (e instanceof Expr.Subquery s) {
            return output(s.expr());
        }
        if (e instanceof Expr.Paren p) {
            return output(p.expr());
        }
        if (e instanceof Expr.Unary u) {
            return output(u.expr());
        }
        if (e instanceof Expr.Call c) {
            return call(c);
        }
        if (e instanceof Expr.Aggregation a) {
            return aggregation(a);
        }
        if (e instanceof Expr.Binary b) {
            return binary(b);
        }
        return Set.of();
    }

    private Set<String> call(Expr.Call c) {
        Set<String> labels = new LinkedHashSet<>();
        switch (c.function()) {
            case "vector", "time", "scalar", "absent", "absent_over_time" -> {
                return Set.of();
            }
            case "histogram_quantile" -> {
                labels.addAll(output(c.args().get(c.args().size() - 1)));
                labels.remove("le");
                return labels;
            }
            case "label_replace" -> {
                labels.addAll(output(c.args().get(0)));
                if (c.args().size() > 1 && c.args().get(1) instanceof Expr.StringLiteral dst) {
                    labels.add(dst.value());
                }
                return labels;
            }
            default -> {
                for (Expr arg : c.args()) {
                    labels.addAll(output(arg));
                }
                return labels;
            }
        }
    }

    private Set<String> aggregation(Expr.Aggregation a) {
        Set<String> inner = output(a.expr());
        if (a.grouping() == null) {
            return Set.of("topk", "bottomk", "limitk", "limit_ratio").contains(a.op()) ? inner : Set.of();
        }
        Set<String> labels = new LinkedHashSet<>();
        if (a.without()) {
            labels.addAll(inner);
            labels.removeAll(a.grouping());
        } else {
            labels.addAll(a.grouping());
        }
        if (a.op().equals("count_values") && a.param() instanceof Expr.StringLiteral l) {
            labels.add(l.value());
        }
        return labels;
    }

    private Set<String> binary(Expr.Binary b) {
        Set<String> left = output(b.left());
        Set<String> right = output(b.right());
        Set<String> labels = new LinkedHashSet<>();
        if (b.matching() != null && "group_right".equals(b.matching().group())) {
            labels.addAll(right);
            labels.addAll(b.matching().include());
        } else if (b.op().equals("or") || isScalar(b.left())) {
            labels.addAll(left);
            labels.addAll(right);
        } else {
            labels.addAll(left);
            if (b.matching() != null) {
                labels.addAll(b.matching().include());
            }
        }
        return labels;
    }

    private static boolean isScalar(Expr e) {
        return e instanceof Expr.NumberLiteral || e instanceof Expr.Paren p && isScalar(p.expr());
    }
}
