package dev.threadlens.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Ratios per workload and configuration, the right way up for times and throughputs. */
class RatioTableTest {

    @Test
    void timeRatiosAreWithOverWithout() {
        RatioTable t = new RatioTable("none", List.of("none", "agent"));
        t.add("lock", "ns/op", false, "none", List.of(20.0, 20.0, 20.0));
        t.add("lock", "ns/op", false, "agent", List.of(22.0, 22.0, 22.0));
        Estimate r = t.ratio("lock", "agent");
        assertEquals(1.10, r.mean(), 1e-12);
        assertEquals(0.0, r.error(), 1e-12, "no spread, no interval");
    }

    @Test
    void throughputRatiosAreWithoutOverWithSoAboveOneIsSlower() {
        RatioTable t = new RatioTable("none", List.of("none", "agent"));
        t.add("http", "req/s", true, "none", List.of(1000.0, 1000.0));
        t.add("http", "req/s", true, "agent", List.of(800.0, 800.0));
        assertEquals(1.25, t.ratio("http", "agent").mean(), 1e-12);
    }

    @Test
    void samplesFromSeveralRoundsArePooled() {
        RatioTable t = new RatioTable("none", List.of("none", "agent"));
        t.add("lock", "ns/op", false, "none", List.of(10.0));
        t.add("lock", "ns/op", false, "none", List.of(30.0));
        assertEquals(20.0, t.absolute("lock", "none").mean(), 1e-12);
    }

    @Test
    void aFailedConfigurationIsShownAsSuchAndHasNoRatio() {
        RatioTable t = new RatioTable("none", List.of("none", "agent", "peer"));
        t.add("lock", "ns/op", false, "none", List.of(10.0, 11.0));
        t.add("lock", "ns/op", false, "agent", List.of(10.0, 11.0));
        t.fail("lock", "ns/op", false, "peer", "fork crashed");
        assertNull(t.ratio("lock", "peer"));
        String md = t.markdown();
        assertTrue(md.startsWith("| workload | none | agent | peer |\n|---|---|---|---|\n"), md);
        assertTrue(md.contains("| lock | 10.5 ± "), md);
        assertTrue(md.contains("1.00 ± "), md);
        assertTrue(md.contains("≈"), "a ratio whose interval holds 1 is marked: " + md);
        assertTrue(md.contains("failed (fork crashed)"), md);
    }
}
