package dev.threadlens.jfr.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the deadlock section the JVM appends to a thread dump ({@code jcmd Thread.print}, and so
 * JFR's {@code jdk.ThreadDump}): "Found one Java-level deadlock:", the threads of the cycle with
 * what each waits for and who holds it, then their stacks. The JVM's own detector covers
 * monitors and {@code java.util.concurrent} ownable synchronizers alike.
 */
public final class ThreadDumpDeadlocks {

    private static final String FOUND = "Found one Java-level deadlock:";
    private static final String STACKS = "Java stack information for the threads listed above:";
    private static final Pattern THREAD = Pattern.compile("^\"(.*)\":\\s*$");
    private static final Pattern MONITOR = Pattern.compile("waiting to lock monitor .*, a ([^)]+)\\)");
    private static final Pattern SYNCHRONIZER = Pattern.compile("waiting for ownable synchronizer .*\\(a ([^)]+)\\)");
    private static final Pattern HELD_BY = Pattern.compile("which is held by \"?([^\"]*)\"?\\s*$");

    /** One thread of a cycle. */
    public static final class Member {
        final String thread;
        String kind = "unknown";
        String waitsFor;
        String heldBy;
        final List<String> stack = new ArrayList<>();

        Member(String thread) {
            this.thread = thread;
        }

        public String thread() {
            return thread;
        }

        /** {@code monitor} or {@code lock} (an ownable synchronizer such as a ReentrantLock). */
        public String kind() {
            return kind;
        }

        /** The class of what it waits for. */
        public String waitsFor() {
            return waitsFor;
        }

        public String heldBy() {
            return heldBy;
        }

        public List<String> stack() {
            return stack;
        }
    }

    /** One deadlock: threads each waiting for the next. */
    public static final class Cycle {
        final List<Member> members = new ArrayList<>();

        public List<Member> members() {
            return members;
        }

        /** {@code monitor}, {@code lock} or {@code mixed}. */
        public String kind() {
            String kind = null;
            for (Member m : members) {
                if (kind == null) {
                    kind = m.kind;
                } else if (!kind.equals(m.kind)) {
                    return "mixed";
                }
            }
            return kind == null ? "unknown" : kind;
        }

        /** The thread names, sorted: the same cycle seen in two dumps has the same key. */
        public String key() {
            List<String> names = new ArrayList<>();
            members.forEach(m -> names.add(m.thread));
            names.sort(null);
            return String.join("|", names);
        }
    }

    private ThreadDumpDeadlocks() {
    }

    /** The deadlocks a thread dump reports; empty when it reports none. */
    public static List<Cycle> parse(String dump) {
        List<Cycle> cycles = new ArrayList<>();
        if (dump == null || !dump.contains(FOUND)) {
            return cycles;
        }
        Cycle cycle = null;
        Map<String, Member> byName = new LinkedHashMap<>();
        boolean inStacks = false;
        Member current = null;
        for (String line : dump.split("\\R")) {
            if (line.startsWith(FOUND)) {
                cycle = new Cycle();
                cycles.add(cycle);
                byName = new LinkedHashMap<>();
                inStacks = false;
                current = null;
                continue;
            }
            if (cycle == null) {
                continue;
            }
            if (line.startsWith(STACKS)) {
                inStacks = true;
                current = null;
                continue;
            }
            if (line.startsWith("Found ") && line.contains("deadlock")) {
                cycle = null; // "Found N deadlocks." ends the section
                continue;
            }
            Matcher thread = THREAD.matcher(line);
            if (thread.matches()) {
                String name = thread.group(1);
                if (inStacks) {
                    current = byName.get(name);
                } else {
                    current = new Member(name);
                    byName.put(name, current);
                    cycle.members.add(current);
                }
                continue;
            }
            if (current == null) {
                continue;
            }
            String trimmed = line.trim();
            if (inStacks) {
                if (trimmed.startsWith("at ") || trimmed.startsWith("- ")) {
                    current.stack.add(trimmed);
                }
                continue;
            }
            Matcher m = MONITOR.matcher(trimmed);
            if (m.find()) {
                current.kind = "monitor";
                current.waitsFor = m.group(1);
                continue;
            }
            m = SYNCHRONIZER.matcher(trimmed);
            if (m.find()) {
                current.kind = "lock";
                current.waitsFor = m.group(1);
                continue;
            }
            m = HELD_BY.matcher(trimmed);
            if (m.find()) {
                current.heldBy = m.group(1);
            }
        }
        return cycles;
    }
}
