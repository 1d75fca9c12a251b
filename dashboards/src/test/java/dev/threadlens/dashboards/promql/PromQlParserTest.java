package dev.threadlens.dashboards.promql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PromQlParserTest {

    @Test
    void histogramQuantileOverSumByLeOfRate() {
        Expr e = PromQlParser.parse("histogram_quantile(0.99, sum by (le, jvm_lock_type) "
                + "(rate(jvm_lock_wait_seconds_bucket{job=~\"$job\", instance=~\"$instance\"}[$__rate_interval])))");
        Expr.Call q = assertInstanceOf(Expr.Call.class, e);
        assertEquals("histogram_quantile", q.function());
        Expr.Aggregation sum = assertInstanceOf(Expr.Aggregation.class, q.args().get(1));
        assertEquals(List.of("le", "jvm_lock_type"), sum.grouping());
        Expr.Call rate = assertInstanceOf(Expr.Call.class, sum.expr());
        Expr.Matrix m = assertInstanceOf(Expr.Matrix.class, rate.args().get(0));
        assertEquals("$__rate_interval", m.range());
        assertEquals("jvm_lock_wait_seconds_bucket", m.selector().metric());
        assertEquals(new Expr.Matcher("job", "=~", "$job"), m.selector().matcher("job"));
    }

    @Test
    void groupingAfterTheArgumentAndParameterisedAggregations() {
        Expr.Aggregation top = assertInstanceOf(Expr.Aggregation.class,
                PromQlParser.parse("topk(10, sum(rate(a_total[5m])) by (x))"));
        assertEquals("topk", top.op());
        assertInstanceOf(Expr.NumberLiteral.class, top.param());
        Expr.Aggregation sum = assertInstanceOf(Expr.Aggregation.class, top.expr());
        assertEquals(List.of("x"), sum.grouping());
    }

    @Test
    void operatorPrecedenceAndVectorMatching() {
        Expr.Binary and = assertInstanceOf(Expr.Binary.class,
                PromQlParser.parse("a > 1 and on (job, instance) b - c * 2 >= bool 3"));
        assertEquals("and", and.op());
        assertEquals(List.of("job", "instance"), and.matching().labels());
        Expr.Binary cmp = assertInstanceOf(Expr.Binary.class, and.right());
        assertEquals(">=", cmp.op());
        assertTrue(cmp.bool());
        Expr.Binary minus = assertInstanceOf(Expr.Binary.class, cmp.left());
        assertEquals("-", minus.op());
        assertEquals("*", assertInstanceOf(Expr.Binary.class, minus.right()).op());
        Expr.Binary grouped = assertInstanceOf(Expr.Binary.class,
                PromQlParser.parse("a / ignoring (x) group_left (y) b"));
        assertEquals("group_left", grouped.matching().group());
        assertEquals(List.of("y"), grouped.matching().include());
    }

    @Test
    void subqueriesStringsAndEscapes() {
        Expr.Call max = assertInstanceOf(Expr.Call.class, PromQlParser.parse("max_over_time(rate(x_total[1m])[5m:30s])"));
        Expr.Subquery sq = assertInstanceOf(Expr.Subquery.class, max.args().get(0));
        assertEquals("5m", sq.range());
        assertEquals("30s", sq.step());
        Expr.Selector s = assertInstanceOf(Expr.Selector.class, PromQlParser.parse("x{a=\"q\\\"t\", b!~'.*'}"));
        assertEquals("q\"t", s.matcher("a").value());
        assertEquals("!~", s.matcher("b").op());
    }

    @Test
    void selectorsAreFoundEverywhere() {
        Expr e = PromQlParser.parse("sum by (i) (a{j=\"1\"}) - sum by (i) (rate(b_total[1m])) or vector(0)");
        assertEquals(List.of("a", "b_total"),
                Exprs.selectors(e).stream().map(Expr.Selector::metric).collect(Collectors.toList()));
    }

    @Test
    void rejectsWhatIsNotPromQl() {
        assertThrows(PromQlException.class, () -> PromQlParser.parse("sum(x"));
        assertThrows(PromQlException.class, () -> PromQlParser.parse("x{a=1}"));
        assertThrows(PromQlException.class, () -> PromQlParser.parse("rate(sum(x)[5m])"));
        assertThrows(PromQlException.class, () -> PromQlParser.parse("x offset 5m"));
        assertThrows(PromQlException.class, () -> PromQlParser.parse("sum by (a) (x) by (b)"));
    }
}
