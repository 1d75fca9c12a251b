package dev.threadlens.dashboards.promql;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BiConsumer;

/** Walking expression trees. */
public final class Exprs {

    private Exprs() {
    }

    /** The direct sub-expressions of {@code e}, left to right. */
    public static List<Expr> children(Expr e) {
        List<Expr> out = new ArrayList<>();
        if (e instanceof Expr.Matrix m) {
            out.add(m.selector());
        } else if (e instanceof Expr.Subquery s) {
            out.add(s.expr());
        } else if (e instanceof Expr.Call c) {
            out.addAll(c.args());
        } else if (e instanceof Expr.Aggregation a) {
            if (a.param() != null) {
                out.add(a.param());
            }
            out.add(a.expr());
        } else if (e instanceof Expr.Binary b) {
            out.add(b.left());
            out.add(b.right());
        } else if (e instanceof Expr.Unary u) {
            out.add(u.expr());
        } else if (e instanceof Expr.Paren p) {
            out.add(p.expr());
        }
        return out;
    }

    /** Visits every node, pre-order, with its ancestors (nearest first). */
    public static void walk(Expr root, BiConsumer<Expr, List<Expr>> visitor) {
        walk(root, new ArrayDeque<>(), visitor);
    }

    private static void walk(Expr e, Deque<Expr> ancestors, BiConsumer<Expr, List<Expr>> visitor) {
        visitor.accept(e, List.copyOf(ancestors));
        ancestors.push(e);
        for (Expr child : children(e)) {
            walk(child, ancestors, visitor);
        }
        ancestors.pop();
    }

    /** Every selector, including those under a range. */
    public static List<Expr.Selector> selectors(Expr root) {
        List<Expr.Selector> out = new ArrayList<>();
        walk(root, (e, ancestors) -> {
            if (e instanceof Expr.Selector s) {
                out.add(s);
            }
        });
        return out;
    }

    /** {@code e} without enclosing parentheses. */
    public static Expr unwrap(Expr e) {
        while (e instanceof Expr.Paren p) {
            e = p.expr();
        }
        return e;
    }

    /** The nearest ancestor that is not a parenthesis, or null. */
    public static Expr parent(List<Expr> ancestors) {
        for (Expr a : ancestors) {
            if (!(a instanceof Expr.Paren)) {
                return a;
            }
        }
        return null;
    }
}
