package dev.threadlens.dashboards.stack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.threadlens.dashboards.contract.MetricContract;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every dashboard query against a real Prometheus scraping {@link ContractExporter}: proves the
 * queries work on data shaped exactly as the metric contract says (labels, documented values,
 * histogram buckets), whichever probes exist yet. The agent itself is {@link StackEndToEndIT}'s job.
 */
class DashboardsOnContractDataIT {

    @Test
    void everyPanelShowsDataForMetricsThatFollowTheContract() throws Exception {
        try (ContractExporter exporter = ContractExporter.start(MetricContract.load());
                StackCheck stack = new StackCheck("contract exporter", "127.0.0.1:" + exporter.port(),
                        Integer.MAX_VALUE, () -> true)) {
            StackReport report = stack.run(Duration.ofSeconds(60));
            System.out.println(report.summary());
            assertTrue(report.ok(), () -> report.failure("--- prometheus log\n"
                    + StackReport.tail(stack.prometheus().log(), 20)));
        }
    }
}
