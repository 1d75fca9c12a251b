package dev.threadlens.deadlock.order;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * All locks created at one site: the unit lock order is judged by (like lockdep's lock classes).
 * {@link #after} holds the orders seen so far: this class was held when the key was taken.
 */
final class LockClass {

    /** One observed order: {@code from} was held when {@code to} was taken, first seen on this stack. */
    static final class Edge {
        final LockClass from;
        final LockClass to;
        final String thread;
        final List<String> stack;

        Edge(LockClass from, LockClass to, String thread, List<String> stack) {
            this.from = from;
            this.to = to;
            this.thread = thread;
            this.stack = stack;
        }
    }

    /** Index in the tracker's table, never 0 (0 marks a held lock whose class was not looked up yet). */
    final int id;
    final String site;
    final String type;
    final Map<LockClass, Edge> after = new ConcurrentHashMap<>();

    LockClass(int id, String site, String type) {
        this.id = id;
        this.site = site;
        this.type = type;
    }

    @Override
    public String toString() {
        return site;
    }
}
