package dev.threadlens.deadlock.dump;

import java.util.List;
import java.util.Set;

/** A parsed HotSpot thread dump: its Java threads, and the threads its own deadlock check named. */
public final class ThreadDump {

    private final List<DumpThread> threads;
    private final Set<String> jvmDeadlocked;

    ThreadDump(List<DumpThread> threads, Set<String> jvmDeadlocked) {
        this.threads = List.copyOf(threads);
        this.jvmDeadlocked = Set.copyOf(jvmDeadlocked);
    }

    public List<DumpThread> threads() {
        return threads;
    }

    /** Names listed under "Found one Java-level deadlock". */
    public Set<String> jvmDeadlocked() {
        return jvmDeadlocked;
    }

    DumpThread thread(long id) {
        for (DumpThread t : threads) {
            if (t.id == id) {
                return t;
            }
        }
        return null;
    }
}
