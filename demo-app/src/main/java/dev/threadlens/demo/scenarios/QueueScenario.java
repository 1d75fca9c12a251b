package dev.threadlens.demo.scenarios;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * Share work, not state: producers put items on a {@link BlockingQueue} and consumers take
 * them. The queue does all the locking and waiting; the application code has no lock at all.
 * The story: order desks and cooks in a restaurant kitchen.
 */
public final class QueueScenario implements Scenario {

    private static final int DESKS = 2;
    private static final int QUEUE_CAPACITY = 5;
    private static final int NO_MORE_ORDERS = -1;

    @Override
    public String name() {
        return "queue";
    }

    @Override
    public String summary() {
        return "producers and consumers share work through a BlockingQueue instead of locks";
    }

    @Override
    public int defaultThreads() {
        return 3;
    }

    @Override
    public void run(Run run) throws Exception {
        BlockingQueue<Integer> orders = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
        run.title("producers and consumers through a BlockingQueue");
        run.concept("When threads must cooperate on shared work, hand the work over through a queue: put() waits "
                + "while it is full, take() waits while it is empty, and no application lock is needed.");
        run.happens(DESKS + " order desks put orders in rushes on a queue of " + QUEUE_CAPACITY + "; " + run.threads()
                + " cooks take and cook them. In a rush the desks wait for room; between rushes the cooks wait for orders.");
        run.watch("jvm_sync_wait_seconds{jvm_sync_type=\"queue\"}",
                "put() and take() waiting inside the queue (for room, for an order)", Panel.LOCKS);
        run.watch("jvm_thread_count{jvm_thread_state=\"waiting\"}", "idle cooks between rushes", Panel.THREADS);

        AtomicInteger cooked = new AtomicInteger();
        AtomicLong cookedSum = new AtomicLong();
        List<Thread> cooks = Workers.startAll("cook", run.threads(), i -> {
            while (true) {
                int order = orders.take();
                if (order == NO_MORE_ORDERS) {
                    return;
                }
                Workers.sleepRandom(30, 60); // cooking
                cooked.incrementAndGet();
                cookedSum.addAndGet(order);
            }
        });
        AtomicInteger taken = new AtomicInteger();
        AtomicLong takenSum = new AtomicLong();
        List<Thread> desks = Workers.startAll("order-desk", DESKS, i -> {
            int n = 0;
            while (!run.deadline().passed()) {
                for (int k = 0; k < 10; k++) { // a rush: ten orders at once
                    int order = (i + 1) * 1_000_000 + ++n;
                    orders.put(order);
                    taken.incrementAndGet();
                    takenSum.addAndGet(order);
                }
                run.deadline().sleepAtMost(600); // a quiet spell
            }
        });
        while (!run.deadline().passed()) {
            run.deadline().sleepAtMost(1_000);
            run.say("main: %d orders waiting in the queue, %d cooked so far", orders.size(), cooked.get());
        }
        Workers.joinAll(desks);
        for (int i = 0; i < cooks.size(); i++) {
            orders.put(NO_MORE_ORDERS); // one "closing time" note per cook, after every real order
        }
        Workers.joinAll(cooks);
        run.result("took %d orders, cooked %d (every order exactly once: %s), without a single lock in our code",
                taken.get(), cooked.get(), taken.get() == cooked.get() && takenSum.get() == cookedSum.get());
    }
}
