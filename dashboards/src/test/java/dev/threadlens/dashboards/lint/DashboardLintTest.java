package dev.threadlens.dashboards.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadlens.dashboards.Repo;
import dev.threadlens.dashboards.contract.MetricContract;
import dev.threadlens.dashboards.model.Dashboard;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every shipped dashboard follows every convention of {@link DashboardLinter}. */
class DashboardLintTest {

    private static final List<Dashboard> DASHBOARDS = Dashboard.loadAll(Repo.dashboardsDir());
    private static final MetricContract CONTRACT = MetricContract.load();

    static Stream<Dashboard> dashboards() {
        return DASHBOARDS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dashboards")
    void followsTheConventions(Dashboard dashboard) {
        Set<String> uids = DASHBOARDS.stream().map(Dashboard::uid).collect(Collectors.toSet());
        List<String> problems = new DashboardLinter(CONTRACT, uids).lint(dashboard);
        assertTrue(problems.isEmpty(), dashboard + ":\n  " + String.join("\n  ", problems));
    }

    @Test
    void theFourDashboardsExistWithUniqueUidsAndTitles() {
        assertEquals(Set.of("threadlens-overview", "threadlens-locks", "threadlens-executors", "threadlens-threads"),
                unique(Dashboard::uid), "dashboard uids");
        assertEquals(DASHBOARDS.size(), unique(Dashboard::title).size(), "dashboard titles must be unique");
    }

    private static Set<String> unique(Function<Dashboard, String> key) {
        List<String> all = DASHBOARDS.stream().map(key).collect(Collectors.toList());
        Set<String> distinct = new TreeSet<>(all);
        assertEquals(all.size(), distinct.size(), "duplicates in " + all);
        return distinct;
    }
}
