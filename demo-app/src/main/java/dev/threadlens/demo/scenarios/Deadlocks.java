package dev.threadlens.demo.scenarios;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.threadlens.demo.Deadline;

/**
 * Asks the JVM itself ({@code ThreadMXBean.findDeadlockedThreads}) whether threads are
 * deadlocked, so a scenario can confirm its deadlock without knowing about any agent.
 */
final class Deadlocks {

    private Deadlocks() {
    }

    /**
     * Waits until every one of {@code threads} is in a deadlock cycle, or the deadline passes;
     * true if they all are. Other deadlocked threads (an earlier scenario's) do not count.
     */
    static boolean awaitAll(List<Thread> threads, Deadline deadline) throws InterruptedException {
        Set<Long> wanted = new HashSet<>();
        for (Thread t : threads) {
            wanted.add(t.getId());
        }
        while (true) {
            long[] ids = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
            Set<Long> found = new HashSet<>();
            if (ids != null) {
                for (long id : ids) {
                    found.add(id);
                }
            }
            if (found.containsAll(wanted)) {
                return true;
            }
            if (deadline.passed()) {
                return false;
            }
            Thread.sleep(20);
        }
    }
}
