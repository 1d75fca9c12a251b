package dev.threadlens.jfr.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The waits of one kind at one place in a recording: count, total and longest wait, which
 * threads waited, and the distinct stacks they waited in (most frequent first).
 */
public final class WaitGroup {

    private static final int MAX_STACKS = 20;
    private static final int MAX_THREAD_NAMES = 50;

    private final String type;
    private final String className;
    private final String site;
    private long count;
    private long totalNanos;
    private long maxNanos;
    private String detail;
    private final Set<String> threads = new LinkedHashSet<>();
    private final Map<List<String>, long[]> stacks = new LinkedHashMap<>();

    WaitGroup(String type, String className, String site) {
        this.type = type;
        this.className = className;
        this.site = site;
    }

    void add(long nanos, String thread, List<String> stack) {
        count++;
        totalNanos += nanos;
        maxNanos = Math.max(maxNanos, nanos);
        if (thread != null && threads.size() < MAX_THREAD_NAMES) {
            threads.add(thread);
        }
        if (!stack.isEmpty()) {
            long[] n = stacks.get(stack);
            if (n != null) {
                n[0]++;
            } else if (stacks.size() < MAX_STACKS) {
                stacks.put(stack, new long[] {1});
            }
        }
    }

    void detail(String text) {
        this.detail = text;
    }

    /** {@code monitor}, a lock type, a wait type ({@code condition}, {@code park}, ...), {@code sleep}, {@code pinned}. */
    public String type() {
        return type;
    }

    /** The monitor or blocker class, or null. */
    public String className() {
        return className;
    }

    /** The first application frame (else the top frame). */
    public String site() {
        return site;
    }

    /** Extra words on the group, such as why a virtual thread was pinned (JDK 24+); may be null. */
    public String detail() {
        return detail;
    }

    public long count() {
        return count;
    }

    public double totalSeconds() {
        return totalNanos / 1e9;
    }

    public double maxSeconds() {
        return maxNanos / 1e9;
    }

    /** Names of the threads that waited here (the first fifty). */
    public Set<String> threads() {
        return threads;
    }

    /** Up to {@code max} stacks, most frequent first, each with how many waits it had. */
    public List<Map.Entry<List<String>, Long>> topStacks(int max) {
        List<Map.Entry<List<String>, Long>> list = new ArrayList<>();
        stacks.forEach((k, v) -> list.add(Map.entry(k, v[0])));
        list.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        return list.size() > max ? list.subList(0, max) : list;
    }
}
