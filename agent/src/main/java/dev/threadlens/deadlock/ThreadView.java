package dev.threadlens.deadlock;

import java.util.List;

/**
 * One thread as the wait-for graph sees it: its state, stack, the primitives it holds and what
 * it waits for. Built from the live JVM (in the agent) or from a thread dump (the CLI).
 * {@code key} is the thread id.
 */
public final class ThreadView {

    private final long key;
    private final String name;
    private final String state;
    private final boolean timed;
    private final List<String> stack;
    private final List<Held> held;
    private final WaitFor waitsFor;

    /**
     * @param state lowercase {@link Thread.State}: {@code blocked}, {@code waiting}, {@code timed_waiting}, ...
     * @param waitsFor null when the thread waits for nothing the graph understands
     */
    public ThreadView(long key, String name, String state, List<String> stack, List<Held> held, WaitFor waitsFor) {
        this.key = key;
        this.name = name;
        this.state = state;
        this.timed = state.equals("timed_waiting");
        this.stack = List.copyOf(stack);
        this.held = List.copyOf(held);
        this.waitsFor = waitsFor;
    }

    public long key() {
        return key;
    }

    public String name() {
        return name;
    }

    public String state() {
        return state;
    }

    /** A wait with a timeout ends by itself: never part of a deadlock. */
    public boolean timed() {
        return timed;
    }

    public List<String> stack() {
        return stack;
    }

    public List<Held> held() {
        return held;
    }

    public WaitFor waitsFor() {
        return waitsFor;
    }

    /** The application frame the thread waits in (or its top frame). */
    public String waitingAt() {
        return Frames.firstApplication(stack);
    }

    /** True when it holds a primitive with this identity. */
    public boolean holds(String identity) {
        for (Held h : held) {
            if (h.primitive().identity().equals(identity)) {
                return true;
            }
        }
        return false;
    }
}
