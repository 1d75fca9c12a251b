package dev.threadlens.deadlock;

/** A primitive a thread holds, and the frame where it took it when that is known. */
public final class Held {

    private final Primitive primitive;
    private final String takenAt;

    public Held(Primitive primitive, String takenAt) {
        this.primitive = primitive;
        this.takenAt = takenAt;
    }

    public Primitive primitive() {
        return primitive;
    }

    /** The stack frame that took it (monitors), or null when the JVM does not record it. */
    public String takenAt() {
        return takenAt;
    }
}
