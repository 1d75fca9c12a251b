package dev.threadlens.bench;

import java.lang.management.ManagementFactory;
import java.time.Instant;

/**
 * Prints the wall clock (microseconds since the epoch) on the first line of main, and the CPU
 * time the process has used so far (nanoseconds: on a loaded machine the better measure of the
 * work done before main), then exits.
 */
public final class StartupProbeApp {

    private StartupProbeApp() {
    }

    public static void main(String[] args) {
        Instant now = Instant.now();
        long cpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        System.out.println("main " + (now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000) + " " + cpu);
        System.out.flush();
        Runtime.getRuntime().halt(0);
    }
}
