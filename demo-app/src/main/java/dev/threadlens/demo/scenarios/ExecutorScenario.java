package dev.threadlens.demo.scenarios;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.threadlens.demo.Panel;
import dev.threadlens.demo.Run;
import dev.threadlens.demo.Scenario;

/**
 * Executors: a pool of threads runs submitted tasks; {@code submit} returns a {@link Future}
 * ({@code isDone()}, {@code get()}, and the task's exception if it failed); a
 * {@link CompletableFuture} chains steps without blocking; a pool with a bounded queue refuses
 * work when it is full. The story: a kitchen of three cooks, and a food truck with two.
 */
public final class ExecutorScenario implements Scenario {

    @Override
    public String name() {
        return "executor";
    }

    @Override
    public String summary() {
        return "a pool of 3: submit, Future.isDone()/get(), a CompletableFuture chain, a saturated pool rejecting";
    }

    @Override
    public int defaultThreads() {
        return 3;
    }

    @Override
    public void run(Run run) throws Exception {
        run.title("thread pools, futures and rejection");
        run.concept("An executor reuses a few threads for many tasks: submit() queues a task and returns a Future to "
                + "ask isDone() and get() the result (or the task's exception). A full pool with a bounded queue rejects work.");
        run.happens("A kitchen of " + run.threads() + " cooks (threads named kitchen-N) takes orders; a CompletableFuture "
                + "chain cooks a meal; one order fails; a food truck with 2 cooks and 2 places in its queue turns customers away.");
        run.watch("jvm_executor_task_submitted_total, _completed_total, _failed_total, _rejected_total",
                "task flow per pool: 'kitchen' by its thread names, the truck by where it was created", Panel.EXECUTORS);
        run.watch("jvm_executor_task_queue_wait_seconds, jvm_executor_queue_size, jvm_executor_thread_count",
                "how long orders wait, and how busy the cooks are", Panel.EXECUTORS);

        ExecutorService kitchen = Executors.newFixedThreadPool(run.threads(), new NamedThreads("kitchen"));
        // The truck uses the default thread factory (pool-N-thread-M): its name is where it was created.
        ThreadPoolExecutor truck = new ThreadPoolExecutor(2, 2, 0L, TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(2));
        int submitted = 0;
        int failed = 0;
        int truckAccepted = 0;
        int truckRejected = 0;
        try {
            Future<String> soup = kitchen.submit(() -> cook("soup", 300));
            submitted++;
            run.say("waiter: ordered soup; isDone() = %s", soup.isDone());
            run.say("waiter: get() waits for it: %s; isDone() = %s", soup.get(), soup.isDone());

            List<Future<String>> orders = new ArrayList<>();
            for (String dish : new String[] {"salad", "steak", "fish", "curry", "pie"}) {
                orders.add(kitchen.submit(() -> cook(dish, 150)));
                submitted++;
            }
            List<String> served = new ArrayList<>();
            for (Future<String> f : orders) {
                served.add(f.get());
            }
            run.say("waiter: %d orders cooked by %d cooks: %s", served.size(), run.threads(), served);

            CompletableFuture<String> meal = CompletableFuture.supplyAsync(() -> cook("pasta", 200), kitchen)
                    .thenApplyAsync(pasta -> pasta + " with sauce", kitchen)
                    .thenCombine(CompletableFuture.supplyAsync(() -> cook("lemonade", 100), kitchen),
                            (food, drink) -> food + " and " + drink);
            submitted += 3; // two supplyAsync and one thenApplyAsync go through the kitchen
            run.say("waiter: a CompletableFuture chain, nobody blocked on the way: %s", meal.join());

            Future<String> toast = kitchen.submit(() -> {
                throw new IllegalStateException("burnt the toast");
            });
            submitted++;
            failed++;
            try {
                toast.get();
            } catch (ExecutionException e) {
                run.say("waiter: get() rethrows the task's failure: %s", e.getCause());
            }

            for (int i = 0; i < 8; i++) {
                if (offer(truck, 300)) {
                    truckAccepted++;
                } else {
                    truckRejected++;
                }
            }
            run.say("food truck: 8 customers at once, %d served or queued, %d turned away (2 cooking + 2 queued "
                    + "is all it holds)", truckAccepted, truckRejected);

            // Until the end: a steady stream of orders, and a rush at the truck every second.
            long nextRush = System.nanoTime();
            while (!run.deadline().passed()) {
                kitchen.execute(() -> cook("dish of the day", ThreadLocalRandom.current().nextLong(150, 400)));
                submitted++;
                if (System.nanoTime() - nextRush >= 0) {
                    for (int i = 0; i < 6; i++) {
                        if (offer(truck, 250)) {
                            truckAccepted++;
                        } else {
                            truckRejected++;
                        }
                    }
                    nextRush = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                }
                run.deadline().sleepAtMost(100);
            }
        } finally {
            kitchen.shutdown();
            truck.shutdown();
            kitchen.awaitTermination(30, TimeUnit.SECONDS);
            truck.awaitTermination(30, TimeUnit.SECONDS);
        }
        run.result("kitchen: %d tasks submitted, %d completed, %d failed; food truck: %d accepted, %d rejected",
                submitted, submitted - failed, failed, truckAccepted, truckRejected);
    }

    /** Hands a task to the truck; false when it is full and says no. */
    private static boolean offer(ExecutorService truck, long millis) {
        try {
            truck.execute(() -> cook("burger", millis));
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private static String cook(String dish, long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return dish;
    }

    /** Names pool threads prefix-1, prefix-2...: readable in thread dumps, and the pool's name in threadlens. */
    static final class NamedThreads implements ThreadFactory {
        private final String prefix;
        private final AtomicInteger next = new AtomicInteger(1);

        NamedThreads(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            return new Thread(task, prefix + "-" + next.getAndIncrement());
        }
    }
}
