package dev.threadlens.demo.scenarios;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * Thread-local storage: one {@link ThreadLocal} variable, a separate value in every thread.
 * Code deep in a call chain can read "the current user" without it being passed along, and
 * threads never see each other's values, so no lock is needed. The catch: a pooled thread
 * outlives its task, and so does its value unless the task removes it.
 */
public final class ThreadLocalScenario implements Scenario {

    private final ThreadLocal<String> currentUser = new ThreadLocal<>();
    private final ThreadLocal<int[]> myCount = ThreadLocal.withInitial(() -> new int[1]);

    @Override
    public String name() {
        return "thread-local";
    }

    @Override
    public String summary() {
        return "per-thread state with ThreadLocal: each thread its own count; the pooled-thread leftover pitfall";
    }

    @Override
    public void run(Run run) throws Exception {
        run.title("thread-local storage: the same variable, a value per thread");
        run.concept("A ThreadLocal holds a separate value for every thread: threads never see each other's, so it "
                + "needs no lock. A pooled thread keeps its value after the task unless the task calls remove().");
        run.happens(run.threads() + " request threads each set their user and count their own work in one "
                + "ThreadLocal; then a one-thread pool shows a value leaking from one task to the next, and the fix.");
        run.watch("jvm_thread_started_total", "the request threads; and no jvm_lock_wait_seconds: nothing here waits",
                Panel.OVERVIEW);

        int started = 0;
        boolean allOwn = handleRequests(run, true);
        started += run.threads();

        ExecutorService pool = Executors.newSingleThreadExecutor(); // one worker that runs every task
        started++;
        try {
            pool.submit(() -> currentUser.set("alice")).get(); // forgets remove()
            String leftover = pool.submit(currentUser::get).get();
            run.say("pool: a later task on the same thread finds user '%s' left by an earlier one: a leak", leftover);
            pool.submit(() -> {
                currentUser.set("bob");
                try {
                    return "work for " + currentUser.get();
                } finally {
                    currentUser.remove(); // the fix: always clean up in finally
                }
            }).get();
            run.say("pool: with remove() in finally, the next task finds user '%s'", pool.submit(currentUser::get).get());
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }

        int rounds = 0;
        while (!run.deadline().passed()) {
            allOwn &= handleRequests(run, false);
            started += run.threads();
            rounds++;
            run.deadline().sleepAtMost(300);
        }
        run.result("every thread saw only its own count: %s; started %d threads (%d quiet rounds of requests)", allOwn,
                started, rounds);
    }

    /** One thread per request; each counts (i + 1) * 1000 in its own slot. True if each saw exactly its own. */
    private boolean handleRequests(Run run, boolean loud) throws InterruptedException {
        AtomicBoolean ok = new AtomicBoolean(true);
        List<Thread> requests = Workers.startAll("request", run.threads(), i -> {
            currentUser.set("user-" + (i + 1));
            int work = (i + 1) * 1_000;
            for (int k = 0; k < work; k++) {
                countOne();
            }
            int mine = myCount.get()[0];
            if (mine != work) {
                ok.set(false);
            }
            if (loud) {
                run.say("%s: for %s, counted %d in its own ThreadLocal slot", Thread.currentThread().getName(),
                        currentUser.get(), mine);
            }
            currentUser.remove();
            myCount.remove();
        });
        Workers.joinAll(requests);
        return ok.get();
    }

    /** Deep in the call chain: no parameter tells it whose count this is; the ThreadLocal does. */
    private void countOne() {
        myCount.get()[0]++;
    }
}
