package dev.threadlens.testapps;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Heavy lock contention that counts its own contended acquisitions exactly:
 * {@code load <locks> <threadsPerLock> <seconds>} runs, for each lock, a gate thread and
 * {@code threadsPerLock} workers in rounds until the time is up, then prints
 * {@code load contended <n> rounds <r>} and {@code site load <site of the locks>}.
 *
 * <p>A round: the gate takes its lock, lets the workers go (a barrier), waits until every one
 * of them is queued on the lock ({@code getQueueLength()}), releases it; each worker takes and
 * releases the lock in turn, and all meet at a second barrier. Why each worker's {@code lock()}
 * is exactly one contended acquisition as the agent counts it ({@code jvm_lock_wait_seconds_count},
 * one per entry into {@code AbstractQueuedSynchronizer.acquire(Node, int, ...)}, the slow path):
 * the worker calls {@code lock()} while the gate holds the lock, so both fast attempts before
 * that method ({@code Sync.initialTryLock()} and {@code tryAcquire}) fail and it enters the slow
 * path once (its loop parks and retries inside; it is not re-entered); the gate lets go only when
 * all workers are queued, i.e. inside that method, so no worker can have got the lock on a fast
 * attempt. The gate's own {@code lock()} comes after every worker has released the lock and
 * reached the second barrier: uncontended, no slow path. So contended = rounds x workers, with
 * no allowance for timing.
 */
public final class ContentionLoadApp {

    private ContentionLoadApp() {
    }

    public static void main(String[] args) throws Exception {
        new CommandLoop()
                .on("load", a -> load(Integer.parseInt(a[0]), Integer.parseInt(a[1]), Long.parseLong(a[2])))
                .run();
    }

    private static void load(int lockCount, int perLock, long seconds) throws Exception {
        ReentrantLock[] locks = new ReentrantLock[lockCount];
        String site = null;
        for (int i = 0; i < lockCount; i++) {
            locks[i] = new ReentrantLock(); site = LocksApp.here();
        }
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong contended = new AtomicLong();
        AtomicLong rounds = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int l = 0; l < lockCount; l++) {
            Group g = new Group(locks[l], perLock, deadline);
            threads.add(new Thread(() -> g.gate(rounds), "load-gate-" + l));
            for (int w = 0; w < perLock; w++) {
                threads.add(new Thread(() -> g.work(contended), "load-worker-" + l + "-" + w));
            }
        }
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        System.out.println("site load " + site);
        System.out.println("load contended " + contended.get() + " rounds " + rounds.get());
    }

    /** One lock, its gate and its workers. */
    private static final class Group {
        private final ReentrantLock lock;
        private final int workers;
        private final long deadline;
        private final CyclicBarrier go;
        private final CyclicBarrier done;
        /** Written by the gate before {@code go}, read by the workers after it. */
        private volatile boolean stop;

        Group(ReentrantLock lock, int workers, long deadline) {
            this.lock = lock;
            this.workers = workers;
            this.deadline = deadline;
            this.go = new CyclicBarrier(workers + 1);
            this.done = new CyclicBarrier(workers + 1);
        }

        void gate(AtomicLong rounds) {
            try {
                while (true) {
                    if (System.nanoTime() - deadline >= 0) {
                        stop = true;
                        go.await();
                        return;
                    }
                    lock.lock();
                    go.await();
                    while (lock.getQueueLength() < workers) {
                        LockSupport.parkNanos(200_000L);
                    }
                    lock.unlock();
                    done.await();
                    rounds.incrementAndGet();
                }
            } catch (InterruptedException | BrokenBarrierException e) {
                throw new IllegalStateException(e);
            }
        }

        void work(AtomicLong contended) {
            long mine = 0;
            try {
                while (true) {
                    go.await();
                    if (stop) {
                        break;
                    }
                    lock.lock(); // the gate holds it: one slow-path entry (see the class comment)
                    mine++;
                    lock.unlock();
                    done.await();
                }
            } catch (InterruptedException | BrokenBarrierException e) {
                throw new IllegalStateException(e);
            } finally {
                contended.addAndGet(mine);
            }
        }
    }
}
