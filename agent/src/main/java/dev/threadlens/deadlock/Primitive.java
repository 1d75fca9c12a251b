package dev.threadlens.deadlock;

import java.util.Objects;

/**
 * A synchronizer a thread waits for or holds: a monitor, a lock, a semaphore, a latch, a
 * condition, a future, an executor's queue. {@code type} uses the metric contract's vocabulary
 * ({@code monitor}, {@code reentrant_lock}, {@code read_lock}, {@code write_lock},
 * {@code stamped_lock}, {@code semaphore}, {@code latch}, {@code condition}, {@code object_wait},
 * {@code future}, {@code join}, {@code lock} for any other owned synchronizer, {@code other});
 * {@code identity} names the object ({@code class@identity-hash} in the agent, {@code class@address}
 * in a thread dump); {@code site} is where it was created, when known.
 */
public final class Primitive {

    private final String type;
    private final String identity;
    private final String site;

    public Primitive(String type, String identity, String site) {
        this.type = Objects.requireNonNull(type);
        this.identity = Objects.requireNonNull(identity);
        this.site = site;
    }

    public String type() {
        return type;
    }

    public String identity() {
        return identity;
    }

    /** Creation site, or null when nothing recorded it. */
    public String site() {
        return site;
    }

    /** {@code ReentrantLock$NonfairSync@1a2b} for {@code java.util.concurrent.locks.ReentrantLock$NonfairSync@1a2b}. */
    public String shortIdentity() {
        int at = identity.indexOf('@');
        String cls = at < 0 ? identity : identity.substring(0, at);
        int dot = cls.lastIndexOf('.');
        return dot < 0 ? identity : identity.substring(dot + 1);
    }

    /** For reports: {@code reentrant_lock ReentrantLock$NonfairSync@1a2b created at com.example.Bank.<init>(Bank.java:42)}. */
    public String describe() {
        return type + " " + shortIdentity() + (site == null ? "" : " created at " + site);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Primitive && ((Primitive) o).identity.equals(identity) && ((Primitive) o).type.equals(type);
    }

    @Override
    public int hashCode() {
        return identity.hashCode() * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return describe();
    }
}
