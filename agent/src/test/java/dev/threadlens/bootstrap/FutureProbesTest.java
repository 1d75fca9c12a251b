package dev.threadlens.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class FutureProbesTest {

    private final List<String> recorded = new ArrayList<>();
    private int walks;

    @AfterEach
    void off() {
        FutureProbes.install(null);
    }

    private void install() {
        FutureProbes.install(new FutureProbes.Sink() {
            @Override
            public String siteOfCaller() {
                walks++;
                return "site" + walks;
            }

            @Override
            public void waited(String site, long nanos) {
                recorded.add(site);
            }
        });
    }

    @Test
    void shortWaitsWalkTheStackOnceInThirtyTwo() throws Exception {
        install();
        Thread t = new Thread(() -> {
            for (int i = 0; i < 64; i++) {
                FutureProbes.waitEnded(FutureProbes.waitStarting());
            }
        });
        t.start();
        t.join();
        assertEquals(64, recorded.size(), "every wait is recorded");
        assertEquals(2, walks, "the first wait, then one in 32");
        assertEquals("site1", recorded.get(0));
        assertEquals("site1", recorded.get(30), "short waits in between count at the last walked site");
        assertEquals("site2", recorded.get(32));
    }

    @Test
    void longWaitsAlwaysWalk() throws Exception {
        install();
        Thread t = new Thread(() -> {
            FutureProbes.waitEnded(FutureProbes.waitStarting());
            for (int i = 0; i < 3; i++) {
                FutureProbes.waitEnded(System.nanoTime() - 2 * FutureProbes.EXACT_NANOS);
            }
        });
        t.start();
        t.join();
        assertEquals(4, walks);
        assertEquals(List.of("site1", "site2", "site3", "site4"), recorded);
    }

    @Test
    void offMeansNoClockRead() {
        assertEquals(0L, FutureProbes.waitStarting());
        FutureProbes.waitEnded(0L);
        assertEquals(0, walks);
    }
}
