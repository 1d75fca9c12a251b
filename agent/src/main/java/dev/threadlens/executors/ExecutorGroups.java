package dev.threadlens.executors;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.threadlens.bootstrap.Failures;

/**
 * Builds the exported view of all pools on an agent thread (scrape or API call): names each
 * pool once (and keeps that name), groups pools by name and kind, reads their gauges, adds the
 * totals of collected pools to their name so counters never go backwards, and forgets a name
 * when its last pool is gone. Distinct names are capped; later ones are exported as
 * {@code other}.
 */
final class ExecutorGroups {

    static final String OTHER = "other";

    private final PoolTable pools;
    private final int maxNames;
    /** Totals of collected pools, per name and kind, while that name still has live pools. */
    private final Map<Key, TaskTotals> retired = new HashMap<>();
    /** Queue size of each group at the previous look, for "is the backlog growing". */
    private final Map<Key, Long> lastQueueSize = new HashMap<>();
    /** Names exported at the previous look (for the cap). */
    private Set<String> namesInUse = new HashSet<>();

    ExecutorGroups(PoolTable pools, int maxNames) {
        this.pools = pools;
        this.maxNames = maxNames;
    }

    /** The current view, sorted by name then kind. */
    synchronized List<ExecutorGroup> snapshot() {
        pools.expunge(this::retire);
        Map<Key, ExecutorGroup> groups = new LinkedHashMap<>();
        Set<String> names = new HashSet<>();
        for (PoolState s : pools.live()) {
            Object pool = s.get();
            if (!s.exported || pool == null) {
                continue;
            }
            try {
                String name = nameOf(s, pool, names);
                if (name == null) {
                    continue;
                }
                Key key = new Key(name, s.kind);
                ExecutorGroup g = groups.computeIfAbsent(key, k -> new ExecutorGroup(k.name, k.kind));
                long steals = g.gauges.read(s, pool);
                if (s.kind == PoolKind.FORK_JOIN) {
                    s.lastSteals = steals;
                }
                g.totals.add(s);
                g.measured |= s.measured;
                g.pools++;
            } catch (RuntimeException e) {
                Failures.report("executors", e); // a pool subclass whose getters throw
            }
        }
        retired.keySet().retainAll(groups.keySet());
        lastQueueSize.keySet().retainAll(groups.keySet());
        for (Map.Entry<Key, ExecutorGroup> e : groups.entrySet()) {
            ExecutorGroup g = e.getValue();
            TaskTotals gone = retired.get(e.getKey());
            if (gone != null) {
                g.totals.add(gone);
            }
            Long before = lastQueueSize.put(e.getKey(), g.gauges.queueSize);
            g.saturated = g.busyWithBacklog() && (before == null || g.gauges.queueSize >= before);
        }
        namesInUse = names;
        List<ExecutorGroup> list = new ArrayList<>(groups.values());
        list.sort(Comparator.comparing((ExecutorGroup g) -> g.name).thenComparing(g -> g.kind.label));
        return list;
    }

    /** The pool's exported name: decided once, then kept. */
    private String nameOf(PoolState s, Object pool, Set<String> names) {
        String name = s.exportedName;
        if (name == null) {
            name = ExecutorNames.of(s, pool);
            if (name == null) {
                return null;
            }
            boolean known = namesInUse.contains(name) || names.contains(name);
            if (!known && Math.max(namesInUse.size(), names.size()) >= maxNames) {
                name = OTHER;
            }
            s.exportedName = name;
        }
        names.add(name);
        return name;
    }

    /** A collected pool: what it recorded stays with its name. */
    private void retire(PoolState dead) {
        if (dead.exportedName != null && (dead.measured || dead.lastSteals > 0)) {
            retired.computeIfAbsent(new Key(dead.exportedName, dead.kind), k -> new TaskTotals()).add(dead);
        }
    }

    private static final class Key {
        final String name;
        final PoolKind kind;

        Key(String name, PoolKind kind) {
            this.name = name;
            this.kind = kind;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key && ((Key) o).name.equals(name) && ((Key) o).kind == kind;
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, kind);
        }
    }
}
