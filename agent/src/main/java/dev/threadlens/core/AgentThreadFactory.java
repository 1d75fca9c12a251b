package dev.threadlens.core;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlens.bootstrap.AgentThreads;

/** Daemon threads in the agent's thread group, named {@code threadlens-<purpose>-<n>}. */
public final class AgentThreadFactory implements ThreadFactory {

    private final String purpose;
    private final AtomicInteger next = new AtomicInteger(1);

    public AgentThreadFactory(String purpose) {
        this.purpose = purpose;
    }

    @Override
    public Thread newThread(Runnable task) {
        return AgentThreads.newThread(task, purpose + "-" + next.getAndIncrement());
    }
}
