package dev.threadlens.dashboards.promql;

import java.util.List;

/**
 * A PromQL expression tree: just enough of the language for the dashboards and alert rules, so
 * the linter can reason about selectors, ranges, aggregations and the labels an expression
 * yields. Prometheus itself remains the judge of validity (the end-to-end test sends every
 * expression to a real server).
 */
public sealed interface Expr {

    /** {@code metric{label op "value", ...}}; {@code metric} is null for a bare {@code {...}}. */
    record Selector(String metric, List<Matcher> matchers) implements Expr {
        /** The matcher on {@code label}, or null. */
        public Matcher matcher(String label) {
            return matchers.stream().filter(m -> m.label().equals(label)).findFirst().orElse(null);
        }
    }

    /** One label matcher: {@code op} is one of {@code = != =~ !~}. */
    record Matcher(String label, String op, String value) {
        @Override
        public String toString() {
            return label + op + '"' + value + '"';
        }
    }

    /** {@code selector[range]}; {@code range} as written ({@code 5m}, {@code $__rate_interval}). */
    record Matrix(Selector selector, String range) implements Expr {
    }

    /** {@code expr[range:step]}; {@code step} may be empty. */
    record Subquery(Expr expr, String range, String step) implements Expr {
    }

    /** A function call such as {@code rate(...)} or {@code histogram_quantile(0.99, ...)}. */
    record Call(String function, List<Expr> args) implements Expr {
    }

    /**
     * {@code op [by|without (grouping)] ([param,] expr)}. {@code grouping} is null when neither
     * {@code by} nor {@code without} was written.
     */
    record Aggregation(String op, boolean without, List<String> grouping, Expr param, Expr expr) implements Expr {
    }

    /** {@code left op [bool] [on|ignoring (labels)] [group_left|group_right (labels)] right}. */
    record Binary(String op, Expr left, Expr right, boolean bool, VectorMatching matching) implements Expr {
    }

    /** Vector matching of a binary operation; {@code on} false means {@code ignoring}. */
    record VectorMatching(boolean on, List<String> labels, String group, List<String> include) {
    }

    /** {@code -expr} or {@code +expr}. */
    record Unary(String op, Expr expr) implements Expr {
    }

    record NumberLiteral(double value) implements Expr {
    }

    record StringLiteral(String value) implements Expr {
    }

    record Paren(Expr expr) implements Expr {
    }
}
