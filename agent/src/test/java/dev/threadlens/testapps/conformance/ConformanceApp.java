package dev.threadlens.testapps.conformance;

import java.util.Map;

import dev.threadlens.testapps.CommandLoop;

/**
 * The java.util.concurrent conformance suite: deterministic checks of the semantics of every
 * primitive the agent weaves, run the same with and without the agent. Command {@code run}
 * prints one line per check, {@code PASS name} or {@code FAIL name: detail}, then
 * {@code summary checks=N passed=P failed=F}. It waits for that command (rather than running at
 * start) so a test can attach the agent first.
 */
public final class ConformanceApp {

    /** A check that has not returned by then has hung (its threads are left behind, reported). */
    private static final long HANG_MS = 120_000;

    private ConformanceApp() {
    }

    public static void main(String[] args) throws Exception {
        new CommandLoop().on("run", a -> runAll()).on("verification", a -> printVerification()).run();
    }

    /** Whether this JVM verifies boot (local) and other classes: the woven JDK classes are local. */
    private static void printVerification() {
        com.sun.management.HotSpotDiagnosticMXBean vm = java.lang.management.ManagementFactory
                .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class);
        try {
            System.out.println("verification local=" + vm.getVMOption("BytecodeVerificationLocal").getValue()
                    + " remote=" + vm.getVMOption("BytecodeVerificationRemote").getValue());
        } catch (IllegalArgumentException diagnosticFlagsLocked) {
            System.out.println("verification unknown");
        }
    }

    static Checks suite() {
        Checks c = Checks.create();
        LockChecks.register(c);
        SyncChecks.register(c);
        ExecutorChecks.register(c);
        QueueChecks.register(c);
        MoreChecks.register(c);
        VirtualChecks.register(c);
        return c;
    }

    private static void runAll() throws InterruptedException {
        int passed = 0;
        int failed = 0;
        for (Checks.Check check : suite().all()) {
            String failure = runOne(check);
            if (failure == null) {
                passed++;
                System.out.println("PASS " + check.name);
            } else {
                failed++;
                System.out.println("FAIL " + check.name + ": " + failure.replace('\n', ' '));
            }
            System.out.flush();
        }
        System.out.println("summary checks=" + (passed + failed) + " passed=" + passed + " failed=" + failed);
    }

    /** Runs one check on a fresh thread (so a stray interrupt never leaks into the next); null when it passed. */
    private static String runOne(Checks.Check check) throws InterruptedException {
        String[] outcome = {null};
        Thread t = new Thread(() -> {
            try {
                check.body.run();
                if (Thread.interrupted()) {
                    outcome[0] = "left its thread interrupted";
                }
            } catch (Checks.Failed f) {
                outcome[0] = f.getMessage();
            } catch (Throwable e) {
                outcome[0] = "threw " + e;
            }
        }, "check-" + check.name);
        t.start();
        t.join(HANG_MS);
        if (t.isAlive()) {
            return "hung; " + stacks();
        }
        return outcome[0];
    }

    private static String stacks() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<Thread, StackTraceElement[]> e : Thread.getAllStackTraces().entrySet()) {
            sb.append(" [").append(e.getKey().getName()).append(' ').append(e.getKey().getState());
            StackTraceElement[] frames = e.getValue();
            for (int i = 0; i < Math.min(6, frames.length); i++) {
                sb.append(" at ").append(frames[i]);
            }
            sb.append(']');
        }
        return sb.toString();
    }
}
