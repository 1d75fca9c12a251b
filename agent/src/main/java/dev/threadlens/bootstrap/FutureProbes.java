package dev.threadlens.bootstrap;

/**
 * Dispatcher for waits on futures, called by advice in the blocking paths only:
 * {@code FutureTask.awaitDone} (behind {@code get()} when the result is not there yet) and
 * {@code CompletableFuture.waitingGet}/{@code timedGet} (behind {@code get()} and
 * {@code join()}). A future that is already done never reaches them.
 *
 * <p>The site of a wait (where the thread waited) takes a stack walk, which costs more than a
 * short wait itself (microseconds). So each thread remembers the site it last walked: waits of
 * {@link #EXACT_NANOS} or more, the first wait of a thread and one short wait in
 * {@link #RESAMPLE} are walked; the short waits in between are attributed to the thread's last
 * walked site, like a sampling profiler would. Only a {@code String} is kept per thread, so
 * nothing of the agent stays reachable from application threads after a detach.
 */
public final class FutureProbes {

    /** Receives finished waits, on the thread that waited. */
    public interface Sink {
        /** Where the current thread is waiting (a stack walk); the value to pass to {@link #waited}. */
        String siteOfCaller();

        void waited(String site, long nanos);
    }

    /** Waits this long or longer always get their own stack walk. */
    public static final long EXACT_NANOS = 1_000_000L;
    /** One short wait in this many is walked again. */
    public static final int RESAMPLE = 32;

    private static final String COMPONENT = "executors";

    /** The last walked site of a thread and the short waits attributed to it since. */
    static final class LastSite {
        String site;
        int reused;
    }

    private static final ThreadLocal<LastSite> LAST_SITE = new ThreadLocal<LastSite>() {
        @Override
        protected LastSite initialValue() {
            return new LastSite();
        }
    };

    private static volatile Sink sink;

    private FutureProbes() {
    }

    public static void install(Sink s) {
        sink = s;
    }

    /** Returns the start time to hand to {@link #waitEnded}, or 0 when off. */
    public static long waitStarting() {
        return sink == null ? 0L : System.nanoTime();
    }

    public static void waitEnded(long start) {
        if (start == 0L) {
            return;
        }
        long nanos = System.nanoTime() - start;
        Sink s = sink;
        if (s == null || !ProbeGuard.enter()) {
            return;
        }
        try {
            LastSite last = LAST_SITE.get();
            String site = last.site;
            if (site == null || nanos >= EXACT_NANOS || ++last.reused >= RESAMPLE) {
                site = s.siteOfCaller();
                last.site = site;
                last.reused = 0;
            }
            s.waited(site, nanos);
        } catch (Throwable e) {
            Failures.report(COMPONENT, e);
        } finally {
            ProbeGuard.exit();
        }
    }
}
