package dev.threadlens.jfr;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recent stacks of the waits JFR reported, by key: a site ({@code "monitor <site>"} or a probe's
 * {@code "<type> <site>"}) or a class ({@code "class <monitor or blocker class>"}). Each key keeps
 * its {@value #PER_KEY} most recently seen distinct stacks; the number of keys is capped.
 * Written by the JFR stream's thread only, read by the HTTP threads.
 */
public final class JfrStacks {

    static final int PER_KEY = 4;

    /** One stack and how often, how long and how recently threads waited in it. */
    public static final class JfrStack {
        private final List<String> frames;
        private long count;
        private double totalSeconds;
        private long lastSeenMillis;

        JfrStack(List<String> frames) {
            this.frames = frames;
        }

        public List<String> frames() {
            return frames;
        }

        public synchronized long count() {
            return count;
        }

        public synchronized double totalSeconds() {
            return totalSeconds;
        }

        public synchronized long lastSeenMillis() {
            return lastSeenMillis;
        }

        synchronized void seen(double seconds, long nowMillis) {
            count++;
            totalSeconds += seconds;
            lastSeenMillis = nowMillis;
        }

        synchronized JfrStack copy() {
            JfrStack c = new JfrStack(frames);
            c.count = count;
            c.totalSeconds = totalSeconds;
            c.lastSeenMillis = lastSeenMillis;
            return c;
        }
    }

    private final int maxKeys;
    private final Map<String, List<JfrStack>> byKey = new ConcurrentHashMap<>();

    JfrStacks(int maxKeys) {
        this.maxKeys = maxKeys;
    }

    static String siteKey(String type, String site) {
        return type + " " + site;
    }

    static String classKey(String className) {
        return "class " + className;
    }

    /** Records a wait of {@code seconds} in {@code stack} under {@code key}. */
    void add(String key, StackInfo stack, double seconds, long nowMillis) {
        if (stack.frames().isEmpty()) {
            return;
        }
        List<JfrStack> list = byKey.get(key);
        if (list == null) {
            if (byKey.size() >= maxKeys) {
                return;
            }
            list = byKey.computeIfAbsent(key, k -> new ArrayList<>(PER_KEY));
        }
        synchronized (list) {
            JfrStack found = null;
            for (JfrStack s : list) {
                if (s.frames == stack.frames() || s.frames.equals(stack.frames())) {
                    found = s;
                    break;
                }
            }
            if (found == null) {
                if (list.size() >= PER_KEY) {
                    list.remove(list.stream().min(Comparator.comparingLong(JfrStack::lastSeenMillis)).get());
                }
                found = new JfrStack(stack.frames());
                list.add(found);
            }
            found.seen(seconds, nowMillis);
        }
    }

    /** Up to {@code max} stacks under {@code key}, most recently seen first (copies). */
    public List<JfrStack> recent(String key, int max) {
        List<JfrStack> list = byKey.get(key);
        if (list == null) {
            return List.of();
        }
        List<JfrStack> copy = new ArrayList<>();
        synchronized (list) {
            for (JfrStack s : list) {
                copy.add(s.copy());
            }
        }
        copy.sort(Comparator.comparingLong(JfrStack::lastSeenMillis).reversed());
        return copy.size() > max ? copy.subList(0, max) : copy;
    }

    /** Every key, for {@code /api/jfr}. */
    public List<String> keys() {
        return new ArrayList<>(byKey.keySet());
    }
}
