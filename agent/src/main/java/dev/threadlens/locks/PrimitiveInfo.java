package dev.threadlens.locks;

import dev.threadlens.bootstrap.LockProbes;

/**
 * What the agent knows about a primitive: its kind, where it was created, and the JDK class it
 * lives in when a JDK class made it for the application. One instance is shared by every
 * primitive of the same kind created at the same site (100,000 locks made at one line cost one
 * of these), so it carries no per-object state.
 */
public final class PrimitiveInfo {

    private final PrimitiveKind kind;
    private final String site;
    private final String inside;
    /** False when the site was taken at the first wait (primitive made before the agent, or siteCapture=contention). */
    private final boolean creationSite;

    // Series this primitive records into, resolved at its first wait (site labels are admitted then).
    volatile SiteStats exclusive;
    volatile SiteStats shared;
    volatile SiteStats idle;

    PrimitiveInfo(PrimitiveKind kind, String site, String inside, boolean creationSite) {
        this.kind = kind;
        this.site = site;
        this.inside = inside;
        this.creationSite = creationSite;
    }

    public PrimitiveKind kind() {
        return kind;
    }

    /** Where it was created ({@code com.example.Bank.<init>(Bank.java:42)}); see {@link #creationSite()}. */
    public String site() {
        return site;
    }

    /** The JDK class that created it for the application ({@code java.util.concurrent.LinkedBlockingQueue}), or null. */
    public String inside() {
        return inside;
    }

    /**
     * True when {@link #site()} is where the primitive was constructed; false when it is the call
     * site of its first measured wait (it was created before the agent started, or with
     * {@code siteCapture=contention}).
     */
    public boolean creationSite() {
        return creationSite;
    }

    /** The type label a wait of this primitive is recorded under ({@code LockProbes.WAIT_*} {@code what}). */
    public String waitType(int what, boolean executorIdle) {
        return executorIdle ? PrimitiveKind.EXECUTOR_IDLE : kind.type(isShared(what));
    }

    /** True when such a wait is lock contention, false for a signalling wait. */
    public boolean waitIsLock(boolean executorIdle) {
        return !executorIdle && kind.isLock();
    }

    static boolean isShared(int what) {
        return what == LockProbes.WAIT_SHARED || what == LockProbes.WAIT_STAMPED_READ;
    }

    @Override
    public String toString() {
        return kind.type() + " " + site + (inside == null ? "" : " (inside " + inside + ")");
    }
}
