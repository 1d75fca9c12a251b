package dev.threadlens.deadlock.dump;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the thread dump HotSpot writes for {@code jcmd <pid> Thread.print -l} (and the attach
 * mechanism's {@code threaddump -l}), JDK 17 to 25: each Java thread's name, id, state and
 * stack, the monitors it waits for or holds (with the frame that entered them), what it is
 * parked on, its locked ownable synchronizers, and the threads of any
 * "Found one Java-level deadlock" section. JVM-internal threads (no {@code #id}) are skipped.
 */
public final class ThreadDumpParser {

    /** {@code "name" #12 [4711] daemon prio=5 ...} (the {@code [os id]} since JDK 19); greedy so names may hold quotes. */
    private static final Pattern HEADER = Pattern.compile("^\"(.*)\"\\s+#(\\d+)\\s+(?:\\[\\d+\\]\\s+)?(daemon\\s+)?.*");
    private static final Pattern STATE = Pattern.compile("^\\s+java\\.lang\\.Thread\\.State: (\\w+)");
    private static final Pattern FRAME = Pattern.compile("^\\s+at (.+)$");
    private static final String REF = "<(0x[0-9a-f]+)>\\s+\\(a ([^)]+)\\)";
    private static final Pattern WAITING_TO_LOCK = Pattern.compile("^\\s+- waiting to (?:lock|re-lock in wait\\(\\)) " + REF);
    private static final Pattern WAITING_ON = Pattern.compile("^\\s+- waiting on " + REF);
    private static final Pattern PARKING = Pattern.compile("^\\s+- parking to wait for\\s+" + REF);
    private static final Pattern LOCKED = Pattern.compile("^\\s+- locked " + REF);
    private static final Pattern OWNABLE = Pattern.compile("^\\s+- " + REF);
    private static final Pattern DEADLOCK_THREAD = Pattern.compile("^\"(.*)\":$");

    private ThreadDumpParser() {
    }

    public static ThreadDump parse(String dump) {
        List<DumpThread> threads = new ArrayList<>();
        Set<String> deadlocked = new LinkedHashSet<>();
        DumpThread current = null;
        boolean ownables = false;
        boolean deadlockSection = false;
        for (String line : dump.split("\\R")) {
            if (line.startsWith("Found one Java-level deadlock") || line.startsWith("Found a total of")) {
                deadlockSection = true;
                current = null;
                continue;
            }
            if (deadlockSection) {
                if (line.startsWith("Java stack information for the threads listed above")) {
                    deadlockSection = false;
                } else {
                    Matcher m = DEADLOCK_THREAD.matcher(line);
                    if (m.matches()) {
                        deadlocked.add(m.group(1));
                    }
                }
                continue;
            }
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                current = new DumpThread(header.group(1), Long.parseLong(header.group(2)), header.group(3) != null);
                threads.add(current);
                ownables = false;
                continue;
            }
            if (line.startsWith("\"")) {
                current = null; // a JVM-internal thread, or the deadlock section's stacks
                continue;
            }
            if (current == null) {
                continue;
            }
            if (line.trim().startsWith("Locked ownable synchronizers:")) {
                ownables = true;
                continue;
            }
            if (ownables) {
                Matcher m = OWNABLE.matcher(line);
                if (m.find()) {
                    current.ownableSynchronizers.add(new DumpThread.Ref(m.group(1), m.group(2)));
                }
                continue;
            }
            parseStackLine(current, line);
        }
        return new ThreadDump(threads, deadlocked);
    }

    private static void parseStackLine(DumpThread t, String line) {
        Matcher m = STATE.matcher(line);
        if (m.find()) {
            t.state = m.group(1).toLowerCase(Locale.ROOT);
            return;
        }
        m = FRAME.matcher(line);
        if (m.matches()) {
            t.stack.add(withoutModule(m.group(1)));
            return;
        }
        m = WAITING_TO_LOCK.matcher(line);
        if (m.find()) {
            t.waitingToLock = new DumpThread.Ref(m.group(1), m.group(2));
            return;
        }
        m = PARKING.matcher(line);
        if (m.find()) {
            t.parkedOn = new DumpThread.Ref(m.group(1), m.group(2));
            return;
        }
        m = WAITING_ON.matcher(line);
        if (m.find()) {
            t.waitingOn = new DumpThread.Ref(m.group(1), m.group(2));
            return;
        }
        m = LOCKED.matcher(line);
        if (m.find()) {
            String frame = t.stack.isEmpty() ? null : t.stack.get(t.stack.size() - 1);
            t.locked.add(new DumpThread.Locked(new DumpThread.Ref(m.group(1), m.group(2)), frame));
        }
    }

    /** {@code java.util.Foo.bar(java.base@17.0.15/Foo.java:12)} -> {@code java.util.Foo.bar(Foo.java:12)}. */
    static String withoutModule(String frame) {
        int open = frame.lastIndexOf('(');
        int slash = frame.lastIndexOf('/');
        if (open >= 0 && slash > open) {
            return frame.substring(0, open + 1) + frame.substring(slash + 1);
        }
        return frame;
    }
}
