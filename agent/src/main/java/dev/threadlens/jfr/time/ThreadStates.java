package dev.threadlens.jfr.time;

import dev.threadlens.jfr.StackInfo;
import dev.threadlens.jfr.WaitCause;
import dev.threadlens.jfr.WaitRules;

/**
 * The cause a thread's current state stands for, from what a thread dump shows: its state, its
 * top frames and the object it is blocked on or parked at. The rules, in order:
 * BLOCKED is {@code lock}; RUNNABLE is {@code io} when the top frame is a native socket, file or
 * selector call, else {@code running}; a waiting pool worker fetching its next task is
 * {@code executor_idle}; {@code Thread.sleep} is {@code sleep}; {@code Object.wait} (and join) is
 * {@code signal_wait}; parked at a lock or semaphore is {@code lock}; parked at any other blocker
 * is {@code signal_wait}; parked with no blocker is {@code other}.
 */
public final class ThreadStates {

    private ThreadStates() {
    }

    /** Null for NEW and TERMINATED: not accounted. */
    public static WaitCause cause(Thread.State state, StackTraceElement[] stack, String blockerClass) {
        switch (state) {
            case BLOCKED:
                return WaitCause.LOCK;
            case RUNNABLE:
                if (stack.length > 0 && WaitRules.isIoFrame(stack[0].getClassName(), stack[0].getMethodName(),
                        stack[0].isNativeMethod())) {
                    return WaitCause.IO;
                }
                return WaitCause.RUNNING;
            case WAITING:
            case TIMED_WAITING:
                return waiting(stack, blockerClass);
            default:
                return null;
        }
    }

    private static WaitCause waiting(StackTraceElement[] stack, String blockerClass) {
        StackInfo.Builder b = StackInfo.Builder.factsOnly();
        for (StackTraceElement e : stack) {
            b.frame(e.getClassName(), e.getMethodName(), e.getLineNumber(), e.isNativeMethod());
        }
        StackInfo facts = b.build();
        if (facts.executorIdle()) {
            return WaitCause.EXECUTOR_IDLE;
        }
        if (facts.sleep()) {
            return WaitCause.SLEEP;
        }
        if (stack.length > 0 && WaitRules.isObjectWaitFrame(stack[0].getClassName(), stack[0].getMethodName())) {
            return WaitCause.SIGNAL_WAIT;
        }
        if (WaitRules.isLockBlocker(blockerClass)) {
            return WaitCause.LOCK;
        }
        return blockerClass != null ? WaitCause.SIGNAL_WAIT : WaitCause.OTHER;
    }
}
