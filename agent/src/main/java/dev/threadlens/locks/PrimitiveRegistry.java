package dev.threadlens.locks;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Exchanger;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.function.BiConsumer;

import dev.threadlens.bootstrap.LockProbes;
import dev.threadlens.util.RecentIdentityCache;
import dev.threadlens.util.WeakIdentityMap;

/**
 * Every primitive the probes have seen, by the object its waits name (an AQS synchronizer, a
 * condition, a StampedLock, barrier, phaser or exchanger), held weakly: a primitive that is
 * garbage leaves nothing behind. Primitives are registered by their constructor probe, or at their
 * first wait when they were created before the agent started.
 */
final class PrimitiveRegistry {

    /** Distinct (kind, site) descriptions shared between primitives; past this each primitive has its own. */
    private static final int MAX_SHARED = 20_000;

    private final CreationSites sites;
    private final WeakIdentityMap<Object, PrimitiveInfo> byKey = new WeakIdentityMap<>();
    /** Hot primitives (a queue's conditions are signalled on every offer): found without the map. */
    private final RecentIdentityCache<PrimitiveInfo> recent = new RecentIdentityCache<>(1024);
    private final WeakIdentityMap<Semaphore, PrimitiveInfo> semaphores = new WeakIdentityMap<>();
    private final Map<List<Object>, PrimitiveInfo> shared = new ConcurrentHashMap<>();

    PrimitiveRegistry(CreationSites sites) {
        this.sites = sites;
    }

    CreationSites sites() {
        return sites;
    }

    PrimitiveInfo get(Object key) {
        PrimitiveInfo info = recent.get(key);
        if (info == null) {
            info = byKey.get(key);
            if (info != null) {
                recent.put(key, info);
            }
        }
        return info;
    }

    /** The description of {@code key} if it is in the recent cache, else null: no map lookup, no allocation. */
    PrimitiveInfo recent(Object key) {
        return recent.get(key);
    }

    /** Constructor probe: registers {@code key} (once; chained constructors report it again). */
    void created(Object primitive, Object key, PrimitiveKind kind) {
        if (byKey.get(key) != null) {
            return;
        }
        CreationSites.Capture c = sites.capture(primitive, null);
        PrimitiveInfo info = info(refine(kind, c.creator), c.site, c.inside(), true);
        byKey.put(key, info);
        if (primitive instanceof Semaphore) {
            semaphores.put((Semaphore) primitive, info);
        }
    }

    /**
     * The description of {@code key} for a wait of type {@code what}: the registered one, or one
     * made now from the waiting thread's stack (and kept) when the constructor was not seen.
     * Joins and sleeps have no primitive: their site is the call site, found on every call.
     */
    PrimitiveInfo forWait(Object key, int what) {
        if (what == LockProbes.WAIT_JOIN || what == LockProbes.WAIT_SLEEP) {
            PrimitiveKind kind = what == LockProbes.WAIT_JOIN ? PrimitiveKind.JOIN : PrimitiveKind.SLEEP;
            return info(kind, sites.callSite(), null, false);
        }
        PrimitiveInfo info = get(key);
        if (info == null) {
            PrimitiveKind kind = PrimitiveKind.classify(key, what);
            CreationSites.Capture c = kind.recorded() ? sites.capture(null, apiClass(kind)) : null;
            info = c == null ? info(kind, CreationSites.UNKNOWN, null, false)
                    : info(refine(kind, c.creator), c.site, c.inside(), false);
            byKey.put(key, info);
        }
        return info;
    }

    /** Live semaphores the constructor probe registered, for the permits gauge. */
    void forEachSemaphore(BiConsumer<Semaphore, PrimitiveInfo> action) {
        semaphores.forEach(action);
    }

    /** Entries (live, or collected and not yet expunged). */
    int size() {
        return byKey.size();
    }

    void expunge() {
        byKey.expunge();
        semaphores.expunge();
    }

    private PrimitiveInfo info(PrimitiveKind kind, String site, String inside, boolean creation) {
        List<Object> key = Arrays.asList(kind, site, inside, creation);
        PrimitiveInfo info = shared.get(key);
        if (info != null) {
            return info;
        }
        info = new PrimitiveInfo(kind, site, inside, creation);
        if (shared.size() >= MAX_SHARED) {
            return info;
        }
        PrimitiveInfo raced = shared.putIfAbsent(key, info);
        return raced == null ? info : raced;
    }

    /**
     * A condition made by a BlockingQueue (or the JDK's ReferenceQueue, which the cleaner and
     * finalizer threads wait on) is a queue wait; the trip condition of a CyclicBarrier and the
     * termination latch a virtual thread's join waits on are internal to a measured wait.
     */
    static PrimitiveKind refine(PrimitiveKind kind, Class<?> creator) {
        if (creator == null) {
            return kind;
        }
        if (kind == PrimitiveKind.LATCH && creator.getName().equals("java.lang.VirtualThread")) {
            return PrimitiveKind.INTERNAL;
        }
        if (kind != PrimitiveKind.CONDITION) {
            return kind;
        }
        if (BlockingQueue.class.isAssignableFrom(creator) || creator == java.lang.ref.ReferenceQueue.class) {
            return PrimitiveKind.QUEUE;
        }
        if (creator == CyclicBarrier.class) {
            return PrimitiveKind.INTERNAL;
        }
        return kind;
    }

    /** The public class whose methods sit between the wait and its caller, skipped when finding a site. */
    private static Class<?> apiClass(PrimitiveKind kind) {
        switch (kind) {
            case SEMAPHORE:
                return Semaphore.class;
            case LATCH:
                return CountDownLatch.class;
            case BARRIER:
                return CyclicBarrier.class;
            case PHASER:
                return Phaser.class;
            case EXCHANGER:
                return Exchanger.class;
            default:
                return null;
        }
    }
}
