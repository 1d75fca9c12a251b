package dev.threadlens.locks;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.threadlens.util.CallSites;

/**
 * Where a primitive was created, from one stack walk in its constructor: the first application
 * frame ({@code com.example.Bank.<init>(Bank.java:42)}), and the creator, the first class outside
 * {@code java.util.concurrent.locks} and the primitive's own classes. For the locks a JDK class
 * makes on the application's behalf (the two locks of a {@code LinkedBlockingQueue}) the creator
 * is that JDK class and the site is still the application line that made it.
 *
 * <p>A walk costs a few microseconds, once per primitive. Site strings are interned (bounded), so
 * 100,000 locks made at one line share one string.
 */
final class CreationSites {

    /** The site of a stack with no frame outside the JDK and the agent. */
    static final String UNKNOWN = "unknown";

    private static final StackWalker WALKER =
            StackWalker.getInstance(Set.of(StackWalker.Option.RETAIN_CLASS_REFERENCE));
    private static final int MAX_DEPTH = 64;
    private static final String LOCKS_PACKAGE = "java.util.concurrent.locks.";

    /** Where a walk found the creator and the site. */
    static final class Capture {
        final String site;
        /** First class outside java.util.concurrent.locks and the primitive's own classes; null if none. */
        final Class<?> creator;

        Capture(String site, Class<?> creator) {
            this.site = site;
            this.creator = creator;
        }

        /** The creator's name when it is JDK code (the primitive lives inside it), else null. */
        String inside() {
            return creator == null || CallSites.isApplication(creator.getName()) ? null : creator.getName();
        }
    }

    private final Map<String, String> interned = new ConcurrentHashMap<>();
    private final int maxInterned;

    CreationSites(int maxInterned) {
        this.maxInterned = maxInterned;
    }

    /**
     * Walks the current stack: from inside {@code primitive}'s constructor, or (primitive null) from
     * its first wait, skipping the frames of {@code api} (Semaphore.acquire, ...) if given.
     */
    Capture capture(Object primitive, Class<?> api) {
        Capture c = WALKER.walk(new Finder(primitive, api));
        return new Capture(intern(c.site), c.creator);
    }

    /** The first application frame of the current stack (the call site of a join or sleep). */
    String callSite() {
        return intern(CallSites.firstApplicationFrame());
    }

    /**
     * Up to {@code max} frames of the current stack, starting at the first application frame (or,
     * in a JDK thread, the first frame outside the agent and java.util.concurrent.locks).
     */
    List<String> contendingStack(int max) {
        return WALKER.walk(new StackFinder(max));
    }

    String intern(String site) {
        String known = interned.get(site);
        if (known != null) {
            return known;
        }
        if (interned.size() >= maxInterned) {
            return site;
        }
        known = interned.putIfAbsent(site, site);
        return known == null ? site : known;
    }

    /** Not a lambda: this runs inside probes, where a lambda's first linkage could recurse. */
    private static final class Finder implements Function<Stream<StackWalker.StackFrame>, Capture> {
        private final Object primitive;
        private final Class<?> api;

        Finder(Object primitive, Class<?> api) {
            this.primitive = primitive;
            this.api = api;
        }

        @Override
        public Capture apply(Stream<StackWalker.StackFrame> frames) {
            Iterator<StackWalker.StackFrame> it = frames.iterator();
            Class<?> creator = null;
            StackWalker.StackFrame firstOutside = null;
            for (int depth = 0; it.hasNext() && depth < MAX_DEPTH; depth++) {
                StackWalker.StackFrame f = it.next();
                Class<?> type = f.getDeclaringClass();
                String name = type.getName();
                if (CallSites.isAgent(name) || ownClass(type)) {
                    continue;
                }
                if (creator == null) {
                    if (name.startsWith(LOCKS_PACKAGE)) {
                        continue;
                    }
                    creator = type;
                    firstOutside = f;
                }
                if (CallSites.isApplication(name)) {
                    return new Capture(CallSites.format(f), creator);
                }
            }
            return new Capture(firstOutside == null ? UNKNOWN : CallSites.format(firstOutside), creator);
        }

        /** A frame of the primitive's own constructor chain (subclasses included) or of its API class. */
        private boolean ownClass(Class<?> type) {
            return (primitive != null && type != Object.class && type.isInstance(primitive))
                    || (api != null && api.isAssignableFrom(type));
        }
    }

    private static final class StackFinder implements Function<Stream<StackWalker.StackFrame>, List<String>> {
        private final int max;

        StackFinder(int max) {
            this.max = max;
        }

        @Override
        public List<String> apply(Stream<StackWalker.StackFrame> frames) {
            List<String> jdk = new ArrayList<>();
            List<String> app = new ArrayList<>();
            Iterator<StackWalker.StackFrame> it = frames.iterator();
            for (int depth = 0; it.hasNext() && depth < MAX_DEPTH && app.size() < max; depth++) {
                StackWalker.StackFrame f = it.next();
                String name = f.getClassName();
                if (CallSites.isAgent(name)) {
                    continue;
                }
                if (!app.isEmpty() || CallSites.isApplication(name)) {
                    app.add(CallSites.format(f));
                } else if (!name.startsWith(LOCKS_PACKAGE) && jdk.size() < max) {
                    jdk.add(CallSites.format(f));
                }
            }
            return app.isEmpty() ? jdk : app;
        }
    }
}
