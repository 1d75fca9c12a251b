package dev.threadlens.dashboards.stack;

import dev.threadlens.dashboards.contract.MetricContract;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** What a {@link StackCheck} found: problems fail the test; the rest goes to the build log. */
public final class StackReport {

    final List<String> problems = new ArrayList<>();
    final List<String> info = new ArrayList<>();
    final List<PanelQuery> withData = new ArrayList<>();
    final List<PanelQuery> withoutData = new ArrayList<>();
    final List<PanelQuery> notOnThisJdk = new ArrayList<>();
    final Set<String> missingSeries = new TreeSet<>();
    private final String name;
    private final String prometheusVersion;
    private final MetricContract contract;

    StackReport(String name, String prometheusVersion, MetricContract contract) {
        this.name = name;
        this.prometheusVersion = prometheusVersion;
        this.contract = contract;
    }

    public void problem(String p) {
        problems.add(p);
    }

    public void info(String i) {
        info.add(i);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Which panel queries returned data and which did not, for the build log. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append("[threadlens] ").append(name).append(", Prometheus ").append(prometheusVersion).append(": ")
                .append(withData.size()).append(" panel queries returned data, ").append(withoutData.size())
                .append(" did not, ").append(notOnThisJdk.size()).append(" need a newer JDK\n");
        withoutData.forEach(q -> sb.append("  no data:   ").append(q).append('\n'));
        notOnThisJdk.forEach(q -> sb.append("  needs JDK ").append(q.minJdk(contract)).append(": ").append(q).append('\n'));
        withData.forEach(q -> sb.append("  data:      ").append(q).append('\n'));
        info.forEach(i -> sb.append("  ").append(i).append('\n'));
        return sb.toString();
    }

    /** The assertion message: every problem, then whatever context the caller adds. */
    public String failure(String context) {
        return problems.size() + " problems (" + name + "):\n  " + String.join("\n  ", problems) + "\n" + context;
    }

    static String tail(String text, int lines) {
        List<String> all = text.lines().collect(Collectors.toList());
        return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }
}
