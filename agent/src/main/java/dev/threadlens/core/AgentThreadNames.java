package dev.threadlens.core;

import java.util.ArrayList;
import java.util.List;

import dev.threadlens.bootstrap.AgentThreads;
import dev.threadlens.log.Log;

/** Finds the agent's threads, names the ones the JDK created for it, and waits for them to end. */
final class AgentThreadNames {

    private AgentThreadNames() {
    }

    /** Live threads of the agent's group. */
    static List<Thread> live() {
        ThreadGroup group = AgentThreads.group();
        Thread[] threads = new Thread[group.activeCount() + 16];
        int n = group.enumerate(threads, true);
        List<Thread> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(threads[i]);
        }
        return list;
    }

    /**
     * Renames threads the JDK started on the agent's behalf ({@code HTTP-Dispatcher}, ...) so that
     * a thread dump says they are ours.
     */
    static void claim() {
        for (Thread t : live()) {
            if (!t.getName().startsWith(AgentThreads.NAME_PREFIX)) {
                t.setName(AgentThreads.NAME_PREFIX + t.getName().toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
            }
        }
    }

    /** Waits until every agent thread except the caller has ended; logs the ones that did not. */
    static void awaitNone(long timeoutMillis) {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (Thread t : live()) {
            if (t == Thread.currentThread()) {
                continue;
            }
            long left = deadline - System.currentTimeMillis();
            try {
                if (left > 0) {
                    t.join(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (t.isAlive()) {
                Log.warn("agent thread " + t.getName() + " is still running after detach");
            }
        }
    }
}
