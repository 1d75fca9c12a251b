package dev.threadlens.testapps.conformance;

import static dev.threadlens.testapps.conformance.Checks.PATIENCE_MS;
import static dev.threadlens.testapps.conformance.Checks.SHORT_MS;
import static dev.threadlens.testapps.conformance.Checks.awaitBlocked;
import static dev.threadlens.testapps.conformance.Checks.expect;
import static dev.threadlens.testapps.conformance.Checks.expectEquals;
import static dev.threadlens.testapps.conformance.Checks.since;
import static dev.threadlens.testapps.conformance.Checks.start;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/** Blocking queues (their locks and conditions are what the agent weaves). */
final class QueueChecks {

    private QueueChecks() {
    }

    static void register(Checks c) {
        bounded(c, "linkedblockingqueue", () -> new LinkedBlockingQueue<>(2));
        bounded(c, "arrayblockingqueue", () -> new ArrayBlockingQueue<>(2));
        bounded(c, "arrayblockingqueue-fair", () -> new ArrayBlockingQueue<>(2, true));
        bounded(c, "linkedblockingdeque", () -> new LinkedBlockingDeque<>(2));
        synchronous(c);
        delay(c);
    }

    /** FIFO, poll timeout, take blocking until a put, put blocking until a take, interrupted take. */
    private static void bounded(Checks c, String name, Supplier<BlockingQueue<Integer>> make) {
        c.add(name + ".put-take-poll", () -> {
            BlockingQueue<Integer> q = make.get();
            q.put(1);
            q.put(2);
            expectEquals(0, q.remainingCapacity(), "remaining capacity");
            expect(!q.offer(3), "offer to a full queue");
            long t0 = System.nanoTime();
            expect(!q.offer(3, SHORT_MS, TimeUnit.MILLISECONDS), "timed offer to a full queue");
            expect(since(t0) >= SHORT_MS, "timed offer gave up early");
            expectEquals(1, q.take(), "first taken");
            expectEquals(2, q.poll(PATIENCE_MS, TimeUnit.MILLISECONDS), "second polled");
            t0 = System.nanoTime();
            expectEquals(null, q.poll(SHORT_MS, TimeUnit.MILLISECONDS), "poll of an empty queue");
            expect(since(t0) >= SHORT_MS, "timed poll gave up early");
        });
        c.add(name + ".blocking-handoff", () -> {
            BlockingQueue<Integer> q = make.get();
            List<Integer> taken = new ArrayList<>();
            Checks.Helper consumer = start("consumer", () -> {
                for (int i = 0; i < 50; i++) {
                    taken.add(q.take());
                }
            });
            awaitBlocked(consumer.thread());
            Checks.Helper producer = start("producer", () -> {
                for (int i = 0; i < 50; i++) {
                    q.put(i);
                }
            });
            producer.finish();
            consumer.finish();
            List<Integer> expected = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                expected.add(i);
            }
            expectEquals(expected, taken, "order through a blocking queue");
        });
        c.add(name + ".interrupted", () -> {
            BlockingQueue<Integer> q = make.get();
            AtomicBoolean takeInterrupted = new AtomicBoolean();
            Checks.Helper taker = start("taker", () -> {
                try {
                    q.take();
                } catch (InterruptedException e) {
                    takeInterrupted.set(true);
                }
            });
            awaitBlocked(taker.thread());
            taker.thread().interrupt();
            taker.finish();
            expect(takeInterrupted.get(), "take was not interrupted");
            q.put(1);
            q.put(2);
            AtomicBoolean putInterrupted = new AtomicBoolean();
            Checks.Helper putter = start("putter", () -> {
                try {
                    q.put(3);
                } catch (InterruptedException e) {
                    putInterrupted.set(true);
                }
            });
            awaitBlocked(putter.thread());
            putter.thread().interrupt();
            putter.finish();
            expect(putInterrupted.get(), "put was not interrupted");
            expectEquals(2, q.size(), "size after the interrupted put");
        });
    }

    private static void synchronous(Checks c) {
        c.add("synchronousqueue.handoff", () -> {
            SynchronousQueue<String> q = new SynchronousQueue<>();
            expect(!q.offer("nobody"), "offer with no taker");
            long t0 = System.nanoTime();
            expectEquals(null, q.poll(SHORT_MS, TimeUnit.MILLISECONDS), "poll with no giver");
            expect(since(t0) >= SHORT_MS, "timed poll gave up early");
            AtomicReference<String> got = new AtomicReference<>();
            Checks.Helper taker = start("taker", () -> got.set(q.take()));
            awaitBlocked(taker.thread());
            q.put("handed");
            taker.finish();
            expectEquals("handed", got.get(), "taken");
            Checks.Helper giver = start("giver", () -> q.put("given"));
            awaitBlocked(giver.thread());
            expectEquals("given", q.poll(PATIENCE_MS, TimeUnit.MILLISECONDS), "polled from a waiting giver");
            giver.finish();
        });
        c.add("synchronousqueue-fair.handoff", () -> {
            SynchronousQueue<Integer> q = new SynchronousQueue<>(true);
            List<Checks.Helper> givers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                int v = i;
                Checks.Helper g = start("giver-" + i, () -> q.put(v));
                awaitBlocked(g.thread());
                givers.add(g);
            }
            List<Integer> taken = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                taken.add(q.take());
            }
            for (Checks.Helper g : givers) {
                g.finish();
            }
            expectEquals(List.of(0, 1, 2), taken, "fair handoff order");
        });
    }

    /** An element that becomes available at a fixed instant. */
    static final class Due implements Delayed {
        final long at;

        Due(long delayMs) {
            this.at = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs);
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(at, ((Due) o).at);
        }
    }

    private static void delay(Checks c) {
        c.add("delayqueue.take-waits-for-delay", () -> {
            DelayQueue<Due> q = new DelayQueue<>();
            Due later = new Due(SHORT_MS * 2);
            Due sooner = new Due(SHORT_MS);
            q.put(later);
            q.put(sooner);
            expectEquals(null, q.poll(), "poll before the delay");
            expect(q.take() == sooner, "sooner first");
            expect(sooner.getDelay(TimeUnit.NANOSECONDS) <= 0, "taken before its delay");
            expect(q.poll(PATIENCE_MS, TimeUnit.MILLISECONDS) == later, "later second");
            expect(later.getDelay(TimeUnit.NANOSECONDS) <= 0, "polled before its delay");
        });
    }
}
