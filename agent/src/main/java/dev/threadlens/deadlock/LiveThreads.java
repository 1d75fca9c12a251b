package dev.threadlens.deadlock;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.threadlens.bootstrap.AgentThreads;

/** The JVM's live platform threads, without the agent's own, by thread id. No stacks are taken. */
final class LiveThreads {

    private LiveThreads() {
    }

    static Map<Long, Thread> application() {
        ThreadGroup root = Thread.currentThread().getThreadGroup();
        while (root.getParent() != null) {
            root = root.getParent();
        }
        Thread[] threads;
        int n;
        do {
            threads = new Thread[root.activeCount() * 2 + 16];
            n = root.enumerate(threads, true);
        } while (n == threads.length);
        Map<Long, Thread> byId = new LinkedHashMap<>(n * 2);
        for (int i = 0; i < n; i++) {
            Thread t = threads[i];
            if (!AgentThreads.isAgentThread(t)) {
                byId.put(t.getId(), t);
            }
        }
        return byId;
    }
}
