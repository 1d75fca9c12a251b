package dev.threadlens.jfr.analysis;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/** What {@link RecordingAnalyzer} found in one recording, ready for a report. */
public final class Analysis {

    /** How one thread spent the time the recording saw it wait. */
    public static final class ThreadTimes {
        final String name;
        final long id;
        final boolean virtual;
        long blockedNanos;
        long waitingNanos;
        long parkedNanos;
        long sleepingNanos;
        long idleNanos;

        ThreadTimes(String name, long id, boolean virtual) {
            this.name = name;
            this.id = id;
            this.virtual = virtual;
        }

        public String name() {
            return name;
        }

        public long id() {
            return id;
        }

        public boolean virtual() {
            return virtual;
        }

        /** Blocked entering a monitor (synchronized). */
        public double blockedSeconds() {
            return blockedNanos / 1e9;
        }

        /** In Object.wait or Thread.join. */
        public double waitingSeconds() {
            return waitingNanos / 1e9;
        }

        /** Parked (locks, conditions, latches, futures, queues), idle pool waits excluded. */
        public double parkedSeconds() {
            return parkedNanos / 1e9;
        }

        public double sleepingSeconds() {
            return sleepingNanos / 1e9;
        }

        /** Waiting for a task as an idle pool worker. */
        public double idleSeconds() {
            return idleNanos / 1e9;
        }

        double stalledNanos() {
            return blockedNanos + waitingNanos + parkedNanos;
        }
    }

    /** Thread starts and ends of one pool. */
    public static final class PoolChurn {
        final String pool;
        long started;
        long ended;

        PoolChurn(String pool) {
            this.pool = pool;
        }

        public String pool() {
            return pool;
        }

        public long started() {
            return started;
        }

        public long ended() {
            return ended;
        }
    }

    /** What the recording's thread dumps say about deadlocks. */
    public static final class Deadlocks {
        int threadDumps;
        int dumpsWithDeadlock;
        Instant firstSeen;
        Instant lastSeen;
        List<ThreadDumpDeadlocks.Cycle> cycles = List.of();

        public int threadDumps() {
            return threadDumps;
        }

        public int dumpsWithDeadlock() {
            return dumpsWithDeadlock;
        }

        public Instant firstSeen() {
            return firstSeen;
        }

        public Instant lastSeen() {
            return lastSeen;
        }

        /** The cycles of the last dump that showed any. */
        public List<ThreadDumpDeadlocks.Cycle> cycles() {
            return cycles;
        }
    }

    final String file;
    Instant start;
    Instant end;
    String jvm;
    long eventsRead;
    final Map<String, Long> eventCounts = new TreeMap<>();
    final Map<String, WaitGroup> monitors = new LinkedHashMap<>();
    final Map<String, WaitGroup> locks = new LinkedHashMap<>();
    final Map<String, WaitGroup> waits = new LinkedHashMap<>();
    final Map<String, WaitGroup> sleeps = new LinkedHashMap<>();
    final Map<String, WaitGroup> pinned = new LinkedHashMap<>();
    final Map<Long, ThreadTimes> threads = new LinkedHashMap<>();
    final Map<String, PoolChurn> churn = new LinkedHashMap<>();
    long idleCount;
    long idleNanos;
    long threadsStarted;
    long threadsEnded;
    long virtualStarted;
    long virtualEnded;
    final Deadlocks deadlocks = new Deadlocks();
    final List<String> notes = new ArrayList<>();

    Analysis(String file) {
        this.file = file;
    }

    public String file() {
        return file;
    }

    /** First and last event time; null for an empty recording. */
    public Instant start() {
        return start;
    }

    public Instant end() {
        return end;
    }

    /** The JVM that made the recording (jdk.JVMInformation), or null. */
    public String jvm() {
        return jvm;
    }

    public long eventsRead() {
        return eventsRead;
    }

    /** How many events of each type the analysis used. */
    public Map<String, Long> eventCounts() {
        return eventCounts;
    }

    public List<WaitGroup> monitors(int top) {
        return top(monitors, top);
    }

    public List<WaitGroup> locks(int top) {
        return top(locks, top);
    }

    public List<WaitGroup> waits(int top) {
        return top(waits, top);
    }

    public List<WaitGroup> sleeps(int top) {
        return top(sleeps, top);
    }

    public List<WaitGroup> pinned(int top) {
        return top(pinned, top);
    }

    /** Threads by time blocked + waiting + parked, longest first. */
    public List<ThreadTimes> threads(int top) {
        List<ThreadTimes> list = new ArrayList<>(threads.values());
        list.removeIf(t -> t.stalledNanos() == 0 && t.sleepingNanos == 0);
        list.sort(Comparator.comparingDouble(ThreadTimes::stalledNanos).reversed()
                .thenComparing(Comparator.comparingLong((ThreadTimes t) -> t.sleepingNanos).reversed()));
        return list.size() > top ? list.subList(0, top) : list;
    }

    public long idleCount() {
        return idleCount;
    }

    public double idleSeconds() {
        return idleNanos / 1e9;
    }

    public long threadsStarted() {
        return threadsStarted;
    }

    public long threadsEnded() {
        return threadsEnded;
    }

    public long virtualStarted() {
        return virtualStarted;
    }

    public long virtualEnded() {
        return virtualEnded;
    }

    /** Pools by threads started, most first. */
    public List<PoolChurn> churn(int top) {
        List<PoolChurn> list = new ArrayList<>(churn.values());
        list.sort(Comparator.comparingLong(PoolChurn::started).reversed());
        return list.size() > top ? list.subList(0, top) : list;
    }

    public Deadlocks deadlocks() {
        return deadlocks;
    }

    /** What the recording lacks to answer some question (events not enabled...). */
    public List<String> notes() {
        return notes;
    }

    private static List<WaitGroup> top(Map<String, WaitGroup> groups, int top) {
        return top(groups, top, WaitGroup::totalSeconds);
    }

    private static List<WaitGroup> top(Map<String, WaitGroup> groups, int top, ToDoubleFunction<WaitGroup> by) {
        List<WaitGroup> list = new ArrayList<>(groups.values());
        list.sort(Comparator.comparingDouble(by).reversed());
        return list.size() > top ? list.subList(0, top) : list;
    }
}
