package dev.threadlens.deadlock;

import java.util.ArrayList;
import java.util.List;

/**
 * Threads that wait by design and are never reported as stuck: pool workers waiting for a task,
 * consumers waiting on an empty queue, the JDK's reference, cleaner and JFR threads, timers with
 * nothing scheduled, threads joining another thread (that thread's own state is what matters).
 * Recognised by a frame of their stack. (The agent's own threads are skipped before this.)
 */
public final class DesignedWaits {

    private static final List<String> FRAMES = frames();

    private DesignedWaits() {
    }

    private static List<String> frames() {
        List<String> f = new ArrayList<>(List.of(
                "java.util.concurrent.ThreadPoolExecutor.getTask(",
                "java.util.concurrent.ForkJoinPool.awaitWork(",
                "java.util.concurrent.ForkJoinPool.awaitQuiescence(",
                "java.lang.ref.Reference.waitForReferencePendingList(",
                "java.lang.ref.ReferenceQueue.remove(",
                "java.util.TimerThread.mainLoop(",
                "java.lang.Thread.join(",
                "jdk.jfr.",
                "jdk.internal.event.",
                "sun.rmi.transport.",
                "com.sun.jmx."));
        for (String queue : List.of("LinkedBlockingQueue", "LinkedBlockingDeque", "ArrayBlockingQueue",
                "PriorityBlockingQueue", "DelayQueue", "SynchronousQueue", "LinkedTransferQueue",
                "ScheduledThreadPoolExecutor$DelayedWorkQueue")) {
            for (String method : List.of("take", "poll", "takeFirst", "takeLast", "pollFirst", "pollLast")) {
                f.add("java.util.concurrent." + queue + "." + method + "(");
            }
        }
        return List.copyOf(f);
    }

    /** True when the stack shows a wait that is the thread's normal idle state. */
    public static boolean matches(List<String> stack) {
        return Frames.anyStartsWith(stack, FRAMES);
    }
}
