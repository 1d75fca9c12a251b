package dev.threadlens.deadlock.dump;

import java.util.ArrayList;
import java.util.List;

/** One Java thread of a HotSpot thread dump ({@code jcmd Thread.print -l}), as parsed. */
public final class DumpThread {

    /** An object named in the dump: its address and class, e.g. {@code <0x000000069ec1b150> (a java.lang.Object)}. */
    public static final class Ref {
        final String address;
        final String className;

        Ref(String address, String className) {
            this.address = address;
            this.className = className;
        }

        /** {@code java.lang.Object@0x000000069ec1b150}. */
        String identity() {
            return className + "@" + address;
        }
    }

    /** A monitor the thread entered, and the frame that entered it. */
    static final class Locked {
        final Ref ref;
        final String frame;

        Locked(Ref ref, String frame) {
            this.ref = ref;
            this.frame = frame;
        }
    }

    final String name;
    final long id;
    final boolean daemon;
    String state = "unknown";
    final List<String> stack = new ArrayList<>();
    /** BLOCKED entering (or re-entering after wait()) this monitor. */
    Ref waitingToLock;
    /** In {@code Object.wait()} on this object. */
    Ref waitingOn;
    /** Parked with this blocker. */
    Ref parkedOn;
    final List<Locked> locked = new ArrayList<>();
    final List<Ref> ownableSynchronizers = new ArrayList<>();

    DumpThread(String name, long id, boolean daemon) {
        this.name = name;
        this.id = id;
        this.daemon = daemon;
    }

    public String name() {
        return name;
    }

    public long id() {
        return id;
    }

    /** Lowercase {@code Thread.State}: {@code blocked}, {@code waiting}, ... */
    public String state() {
        return state;
    }

    public List<String> stack() {
        return stack;
    }

    /** The blocker the thread waits on, whichever kind, or null. */
    Ref blocker() {
        return waitingToLock != null ? waitingToLock : parkedOn != null ? parkedOn : waitingOn;
    }

    /** Same state, same blocker (class and address), same stack: it did not visibly move. */
    boolean sameWaitAs(DumpThread other) {
        Ref a = blocker();
        Ref b = other.blocker();
        return other.state.equals(state) && stack.equals(other.stack) && (a == null ? b == null
                : b != null && a.className.equals(b.className) && a.address.equals(b.address));
    }
}
