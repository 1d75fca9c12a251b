package dev.threadlens.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class TestFaultsTest {

    @Test
    void unsetMeansNoFaultAndNothingFires() {
        assertTrue(TestFaults.parse(null).isEmpty());
        assertTrue(TestFaults.parse(" ").isEmpty());
        // This JVM runs without the property: the switch is off and fire() never throws.
        assertFalse(TestFaults.ANY);
        TestFaults.fire(TestFaults.LOCKS);
        assertFalse(TestFaults.take(TestFaults.METRICS));
    }

    @Test
    void namesWithAndWithoutACount() {
        Map<String, AtomicLong> faults = TestFaults.parse("locks, metrics:2,,jfr_stream:x");
        assertEquals(Long.MAX_VALUE, faults.get("locks").get());
        assertEquals(2, faults.get("metrics").get());
        assertEquals(Long.MAX_VALUE, faults.get("jfr_stream").get(), "a bad count means every time");
        assertEquals(3, faults.size());
    }
}
