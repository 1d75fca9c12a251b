package dev.threadlens.demo.scenarios;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;

import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * A semaphore is a counter of permits: {@code acquire()} takes one (waiting while there are
 * none), {@code release()} gives one back. The story: a pool of 3 database connections shared
 * by more workers than that.
 */
public final class SemaphoreScenario implements Scenario {

    static final int CONNECTIONS = 3;

    @Override
    public String name() {
        return "semaphore";
    }

    @Override
    public String summary() {
        return "a connection pool behind a semaphore: 3 permits, 5 workers";
    }

    @Override
    public int defaultThreads() {
        return 5;
    }

    @Override
    public void run(Run run) throws Exception {
        ConnectionPool pool = run.keep(new ConnectionPool(CONNECTIONS)); // its permits gauge ends at 3
        run.title("a connection pool behind a semaphore");
        run.concept("A semaphore hands out a fixed number of permits: a resource that supports a few users at "
                + "once, but not unlimited ones. Threads past the limit wait for a permit to come back.");
        run.happens(run.threads() + " workers share " + CONNECTIONS + " connections; each borrows one, runs a query "
                + "(100-250 ms) and gives it back, until the end.");
        run.watch("jvm_semaphore_permits_available", "connections left: between 0 and " + CONNECTIONS
                + ", never below", Panel.LOCKS);
        run.watch("jvm_lock_wait_seconds{jvm_lock_type=\"semaphore\"}", "workers waiting for a connection",
                Panel.LOCKS);

        AtomicInteger inUse = new AtomicInteger();
        AtomicInteger maxInUse = new AtomicInteger();
        AtomicIntegerArray queries = new AtomicIntegerArray(run.threads());
        List<Thread> workers = Workers.startAll("db-worker", run.threads(), i -> {
            while (!run.deadline().passed()) {
                String connection = pool.borrow();
                try {
                    maxInUse.accumulateAndGet(inUse.incrementAndGet(), Math::max);
                    Workers.sleepRandom(100, 250); // the query
                    queries.incrementAndGet(i);
                } finally {
                    inUse.decrementAndGet();
                    pool.giveBack(connection);
                }
            }
        });
        while (!run.deadline().passed()) {
            run.deadline().sleepAtMost(1_000);
            run.say("main: connections available = %d, workers waiting = %d", pool.available(), pool.waiting());
        }
        Workers.joinAll(workers);
        run.result("at most %d of %d connections were in use at once; queries per worker %s; %d available at the end",
                maxInUse.get(), CONNECTIONS, queries, pool.available());
    }

    /** A fixed set of connections; the semaphore counts the idle ones. */
    static final class ConnectionPool {
        private final Semaphore permits;
        private final Queue<String> idle = new ConcurrentLinkedQueue<>();

        ConnectionPool(int size) {
            permits = new Semaphore(size, true);
            for (int i = 1; i <= size; i++) {
                idle.add("connection-" + i);
            }
        }

        String borrow() throws InterruptedException {
            permits.acquire();
            return idle.remove();
        }

        void giveBack(String connection) {
            idle.add(connection);
            permits.release();
        }

        int available() {
            return permits.availablePermits();
        }

        int waiting() {
            return permits.getQueueLength();
        }
    }
}
