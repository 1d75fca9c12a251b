package dev.threadlens.jfr.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import dev.threadlens.jfr.WaitCause;

class ThreadStatesTest {

    private static StackTraceElement f(String frame) {
        boolean nativeMethod = frame.endsWith("!");
        String name = nativeMethod ? frame.substring(0, frame.length() - 1) : frame;
        int dot = name.lastIndexOf('.');
        return new StackTraceElement(name.substring(0, dot), name.substring(dot + 1), null, nativeMethod ? -2 : 1);
    }

    private static StackTraceElement[] stack(String... frames) {
        StackTraceElement[] s = new StackTraceElement[frames.length];
        for (int i = 0; i < frames.length; i++) {
            s[i] = f(frames[i]);
        }
        return s;
    }

    @Test
    void blockedIsLockAndRunnableIsRunningOrIo() {
        assertEquals(WaitCause.LOCK, ThreadStates.cause(Thread.State.BLOCKED, stack("com.example.A.m"), "java.lang.Object"));
        assertEquals(WaitCause.RUNNING, ThreadStates.cause(Thread.State.RUNNABLE, stack("com.example.A.m"), null));
        assertEquals(WaitCause.IO, ThreadStates.cause(Thread.State.RUNNABLE,
                stack("sun.nio.ch.SocketDispatcher.read0!", "sun.nio.ch.SocketDispatcher.read"), null));
        assertEquals(WaitCause.RUNNING, ThreadStates.cause(Thread.State.RUNNABLE, stack(), null));
        assertNull(ThreadStates.cause(Thread.State.NEW, stack(), null));
    }

    @Test
    void waitingThreadsByWhatTheyWaitFor() {
        assertEquals(WaitCause.SLEEP, ThreadStates.cause(Thread.State.TIMED_WAITING,
                stack("java.lang.Thread.sleep!", "com.example.A.m"), null));
        assertEquals(WaitCause.SLEEP, ThreadStates.cause(Thread.State.TIMED_WAITING,
                stack("java.lang.Thread.sleepNanos0!", "java.lang.Thread.sleepNanos", "java.lang.Thread.sleep"), null));
        assertEquals(WaitCause.EXECUTOR_IDLE, ThreadStates.cause(Thread.State.WAITING,
                stack("jdk.internal.misc.Unsafe.park!", "java.util.concurrent.locks.LockSupport.park",
                        "java.util.concurrent.LinkedBlockingQueue.take", "java.util.concurrent.ThreadPoolExecutor.getTask"),
                "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject"));
        assertEquals(WaitCause.LOCK, ThreadStates.cause(Thread.State.WAITING,
                stack("jdk.internal.misc.Unsafe.park!", "java.util.concurrent.locks.LockSupport.park"),
                "java.util.concurrent.locks.ReentrantLock$NonfairSync"));
        assertEquals(WaitCause.SIGNAL_WAIT, ThreadStates.cause(Thread.State.WAITING,
                stack("jdk.internal.misc.Unsafe.park!", "java.util.concurrent.locks.LockSupport.park"),
                "java.util.concurrent.CountDownLatch$Sync"));
        assertEquals(WaitCause.SIGNAL_WAIT, ThreadStates.cause(Thread.State.WAITING,
                stack("java.lang.Object.wait0!", "java.lang.Object.wait", "com.example.A.m"), "java.lang.Object"));
        assertEquals(WaitCause.OTHER, ThreadStates.cause(Thread.State.TIMED_WAITING,
                stack("jdk.internal.misc.Unsafe.park!", "java.util.concurrent.locks.LockSupport.parkNanos",
                        "com.example.Poller.loop"), null));
    }
}
