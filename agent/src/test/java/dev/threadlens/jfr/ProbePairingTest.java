package dev.threadlens.jfr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProbePairingTest {

    private static final long MS = 1_000_000L;

    /** nanoTime to epoch nanos the way the pairing does it, for building JFR-like intervals. */
    private static long epochNanos(long nanoTime) {
        Instant now = Instant.now();
        long nowNanoTime = System.nanoTime();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano() + (nanoTime - nowNanoTime);
    }

    @SuppressWarnings("deprecation")
    private static long id(Thread t) {
        return t.getId();
    }

    @Test
    void findsTheProbedWaitThatCoversAJfrPark() {
        ProbePairing pairing = new ProbePairing(100);
        pairing.setMinimumNanos(10 * MS);
        Thread me = Thread.currentThread();
        long start = System.nanoTime() - 500 * MS;
        pairing.lockWaited(me, "reentrant_lock", "com.example.Bank.<init>(Bank.java:42)", start, start + 200 * MS);

        // JFR saw two parks of that acquisition (a wake-up in between), each inside the probed wait.
        ProbedWaits.ProbedWait w = pairing.overlapping(id(me), epochNanos(start + 5 * MS), epochNanos(start + 90 * MS));
        assertEquals("reentrant_lock", w.type());
        assertEquals("com.example.Bank.<init>(Bank.java:42)", w.site());
        assertTrue(w.lock());
        assertTrue(pairing.overlapping(id(me), epochNanos(start + 100 * MS), epochNanos(start + 199 * MS)) != null);

        assertNull(pairing.overlapping(id(me) + 1, epochNanos(start + 5 * MS), epochNanos(start + 90 * MS)),
                "another thread's park");
        assertNull(pairing.overlapping(id(me), epochNanos(start + 190 * MS), epochNanos(start + 400 * MS)),
                "a park that only grazes the wait is another wait");
    }

    @Test
    void shortWaitsAndAStoppedStreamCostNothing() {
        ProbePairing pairing = new ProbePairing(100);
        Thread me = Thread.currentThread();
        long start = System.nanoTime();
        pairing.syncWaited(me, "condition", "site", start, start + 50 * MS);
        assertNull(pairing.overlapping(id(me), epochNanos(start), epochNanos(start + 50 * MS)), "JFR is off: nothing kept");
        pairing.setMinimumNanos(10 * MS);
        pairing.syncWaited(me, "condition", "site", start, start + 5 * MS);
        assertNull(pairing.overlapping(id(me), epochNanos(start), epochNanos(start + 5 * MS)), "below the threshold");
    }

    @Test
    void theRingKeepsTheNewestWaits() {
        ProbePairing pairing = new ProbePairing(100);
        pairing.setMinimumNanos(1);
        Thread me = Thread.currentThread();
        long t0 = System.nanoTime() - 10_000 * MS;
        for (int i = 0; i < ProbePairing.SLOTS + 10; i++) {
            long start = t0 + i * MS;
            pairing.syncWaited(me, "latch", "site-" + i, start, start + MS / 2);
        }
        long last = t0 + (ProbePairing.SLOTS + 9) * MS;
        assertEquals("site-" + (ProbePairing.SLOTS + 9),
                pairing.overlapping(id(me), epochNanos(last), epochNanos(last + MS / 2)).site());
        assertNull(pairing.overlapping(id(me), epochNanos(t0), epochNanos(t0 + MS / 2)), "overwritten");
    }

    @Test
    void probesDeclareTheKindsTheyTimeThemselves() {
        ProbePairing pairing = new ProbePairing(100);
        assertFalse(pairing.measuresSyncType("sleep"));
        pairing.declareMeasured("sleep");
        assertTrue(pairing.measuresSyncType("sleep"));
        assertFalse(ProbedWaits.NONE.measuresSyncType("sleep"));
    }

    @Test
    void stacksAreFoundBySiteAndByClass() {
        ProbePairing pairing = new ProbePairing(100);
        StackInfo.Builder b = new StackInfo.Builder(true);
        b.frame("java.util.concurrent.locks.LockSupport", "park", 1, false).frame("com.example.Bank", "transfer", 57, false);
        StackInfo stack = b.build();
        pairing.jfrStacks().add(JfrStacks.siteKey("reentrant_lock", "com.example.Bank.<init>(Bank.java:42)"), stack, 0.2, 1000);
        pairing.jfrStacks().add(JfrStacks.classKey("java.util.concurrent.locks.ReentrantLock$NonfairSync"), stack, 0.2, 1000);
        List<JfrStacks.JfrStack> bySite = pairing.stacks("reentrant_lock", "com.example.Bank.<init>(Bank.java:42)", 5);
        assertEquals(1, bySite.size());
        assertEquals("com.example.Bank.transfer(Bank.java:57)", bySite.get(0).frames().get(1));
        assertEquals(1, pairing.stacksForClass("java.util.concurrent.locks.ReentrantLock$NonfairSync", 5).size());
        assertEquals(List.of(), pairing.stacks("monitor", "nowhere", 5));
    }
}
