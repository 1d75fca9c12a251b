package dev.threadlens.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The dispatcher's contract with the advice: one measured wait per thread, always cleared, never thrown. */
class LockProbesTest {

    /** Records what it is told; can be made to throw or to re-enter the dispatcher. */
    private static final class RecordingSink implements LockProbes.Sink {
        final List<String> calls = new ArrayList<>();
        boolean fail;
        boolean reenter;
        Object ignored;

        @Override
        public void created(Object primitive, Object key, int kind) {
            calls.add("created " + kind);
        }

        @Override
        public Object waitStarting(ActiveWait wait, Object key, int what, boolean executorIdle) {
            if (fail) {
                throw new IllegalStateException("sink failure");
            }
            if (reenter) {
                calls.add("nested begin " + LockProbes.begin(new Object(), LockProbes.WAIT_EXCLUSIVE));
            }
            calls.add("starting " + what + (executorIdle ? " idle" : ""));
            return "detail";
        }

        @Override
        public void waitEnded(ActiveWait wait, long endNanos, int outcome) {
            calls.add("ended " + outcome + " " + wait.detail() + " " + (endNanos >= wait.startNanos()));
        }

        @Override
        public boolean ignoresSignals(Object condition) {
            return condition == ignored;
        }

        @Override
        public void signalled(Object condition, boolean all, boolean noWaiter) {
            calls.add("signalled " + all + " " + noWaiter);
        }

        @Override
        public void latchOpened(Object sync) {
            calls.add("opened");
        }

        @Override
        public void held(Object sync, long nanos) {
            calls.add("held");
        }
    }

    private final RecordingSink sink = new RecordingSink();
    private final List<Throwable> failures = new ArrayList<>();

    @AfterEach
    void uninstall() {
        LockProbes.install(null);
        LockProbes.holdTiming(0);
        Failures.install(null);
    }

    @Test
    void aWaitIsPublishedWhileItLastsAndClearedAfter() {
        LockProbes.install(sink);
        Object lock = new Object();
        assertTrue(LockProbes.begin(lock, LockProbes.WAIT_EXCLUSIVE));
        ActiveWait wait = ActiveWait.current();
        assertSame(lock, wait.primitive());
        assertEquals(LockProbes.WAIT_EXCLUSIVE, wait.what());
        assertFalse(LockProbes.begin(new Object(), LockProbes.WAIT_SHARED), "a wait inside a wait is the outer one's");
        LockProbes.end(LockProbes.OUTCOME_TIMED_OUT);
        assertFalse(wait.waiting());
        assertNull(wait.detail(), "no reference kept after the wait");
        assertEquals(List.of("starting 1", "ended 1 detail true"), sink.calls);
        assertTrue(LockProbes.begin(lock, LockProbes.WAIT_CONDITION), "the next wait is measured again");
        LockProbes.end(LockProbes.OUTCOME_DONE);
    }

    @Test
    void nothingWithoutASinkAndTheRecordIsClearedEvenIfTheSinkWentAway() {
        assertFalse(LockProbes.begin(new Object(), LockProbes.WAIT_EXCLUSIVE));
        LockProbes.install(sink);
        assertTrue(LockProbes.begin(new Object(), LockProbes.WAIT_EXCLUSIVE));
        LockProbes.install(null); // detach while the thread waits
        LockProbes.end(LockProbes.OUTCOME_DONE);
        assertFalse(ActiveWait.current().waiting());
        LockProbes.install(sink);
        assertTrue(LockProbes.begin(new Object(), LockProbes.WAIT_EXCLUSIVE), "not stuck after a detach mid-wait");
        LockProbes.end(LockProbes.OUTCOME_DONE);
    }

    @Test
    void aFailingSinkIsReportedNeverThrown() {
        Failures.install((component, error) -> failures.add(error));
        sink.fail = true;
        LockProbes.install(sink);
        assertFalse(LockProbes.begin(new Object(), LockProbes.WAIT_EXCLUSIVE));
        assertFalse(ActiveWait.current().waiting());
        assertEquals(1, failures.size());
        assertEquals("sink failure", failures.get(0).getMessage());
    }

    @Test
    void signalsTheSinkIgnoresNeverReachIt() {
        LockProbes.install(sink);
        Object queueCondition = new Object();
        sink.ignored = queueCondition;
        LockProbes.signalled(queueCondition, false, true);
        LockProbes.signalled(new Object(), true, false);
        assertEquals(List.of("signalled true false"), sink.calls);
    }

    @Test
    void theSinksOwnWaitsNeverReachIt() {
        sink.reenter = true;
        LockProbes.install(sink);
        assertTrue(LockProbes.begin(new Object(), LockProbes.WAIT_EXCLUSIVE));
        LockProbes.end(LockProbes.OUTCOME_DONE);
        assertEquals("nested begin false", sink.calls.get(0));
    }

    @Test
    void executorIdleIsPassedOn() {
        LockProbes.install(sink);
        WaitContext.enterExecutorIdle();
        try {
            assertTrue(LockProbes.begin(new Object(), LockProbes.WAIT_CONDITION));
            assertTrue(ActiveWait.current().executorIdle());
            LockProbes.end(LockProbes.OUTCOME_DONE);
        } finally {
            WaitContext.exitExecutorIdle();
        }
        assertEquals("starting 5 idle", sink.calls.get(0));
    }

    @Test
    void agentThreadsAreNeverMeasured() throws Exception {
        LockProbes.install(sink);
        AtomicBoolean measured = new AtomicBoolean(true);
        Thread agent = AgentThreads.newThread(() -> measured.set(LockProbes.begin(new Object(), 1)), "test");
        agent.start();
        agent.join();
        assertFalse(measured.get());
    }

    @Test
    void holdSamplingTimesOneInNFirstAcquisitions() {
        LockProbes.install(sink);
        LockProbes.holdTiming(3);
        Object sync = new Object();
        for (int i = 0; i < 9; i++) {
            LockProbes.locked(sync, 1);
            LockProbes.locked(sync, 2); // re-entry: neither starts nor ends a sample
            LockProbes.unlocking(sync, 2);
            LockProbes.unlocking(sync, 1);
        }
        assertEquals(3, sink.calls.stream().filter("held"::equals).count());
        LockProbes.holdTiming(1);
        LockProbes.locked(sync, 1);
        assertTrue(LockProbes.awaiting(new Object(), sync), "a condition wait drops the sample on its lock");
        LockProbes.end(LockProbes.OUTCOME_DONE);
        LockProbes.unlocking(sync, 1);
        assertEquals(3, sink.calls.stream().filter("held"::equals).count());
    }
}
