package dev.threadlens.dashboards.stack;

import dev.threadlens.dashboards.contract.MetricContract;
import dev.threadlens.dashboards.model.Dashboard;
import dev.threadlens.dashboards.model.Panel;
import dev.threadlens.dashboards.model.Target;
import dev.threadlens.dashboards.promql.Expr;
import dev.threadlens.dashboards.promql.Exprs;
import dev.threadlens.dashboards.promql.PromQlParser;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** One query of one panel of one dashboard, as Grafana would send it. */
public record PanelQuery(Dashboard dashboard, Panel panel, Target target) {

    /** Every query of every data panel of {@code dashboards}. */
    public static List<PanelQuery> all(List<Dashboard> dashboards) {
        List<PanelQuery> out = new ArrayList<>();
        for (Dashboard d : dashboards) {
            for (Panel p : d.dataPanels()) {
                for (Target t : p.targets()) {
                    out.add(new PanelQuery(d, p, t));
                }
            }
        }
        return out;
    }

    /** The contract families the query reads. */
    public Set<MetricContract.Family> families(MetricContract contract) {
        Set<MetricContract.Family> out = new java.util.LinkedHashSet<>();
        for (Expr.Selector s : Exprs.selectors(PromQlParser.parse(target.expr()))) {
            contract.series(s.metric()).ifPresent(series -> out.add(series.family()));
        }
        return out;
    }

    /** The series names the query reads. */
    public Set<String> seriesNames() {
        Set<String> out = new TreeSet<>();
        Exprs.selectors(PromQlParser.parse(target.expr())).forEach(s -> out.add(s.metric()));
        return out;
    }

    /** The oldest JDK on which every metric of the query exists (virtual-thread pinning needs 21). */
    public int minJdk(MetricContract contract) {
        return families(contract).stream().mapToInt(MetricContract.Family::minJdk).max().orElse(0);
    }

    @Override
    public String toString() {
        return dashboard.title() + " / " + panel.title() + " [" + target.refId() + "]";
    }
}
