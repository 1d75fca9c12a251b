package dev.threadlens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time (user + system) a process has used, from {@code /proc/<pid>/stat}: on a machine
 * shared with other work, the work a step cost the target, which its wall time is not.
 * Resolution: one clock tick (10 ms at the usual 100 Hz), so average it over repeats.
 */
final class ProcCpu {

    private static final double MILLIS_PER_TICK = 10;

    private ProcCpu() {
    }

    /** Milliseconds of CPU, or NaN where there is no /proc. */
    static double millis(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            // Fields after the command name (which may hold spaces) in parentheses.
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            long utime = Long.parseLong(f[11]);
            long stime = Long.parseLong(f[12]);
            return (utime + stime) * MILLIS_PER_TICK;
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
