package dev.threadlens.instrument.locks;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.time.Duration;

import dev.threadlens.bootstrap.ActiveWait;
import dev.threadlens.bootstrap.LockProbes;
import dev.threadlens.bootstrap.WaitContext;
import dev.threadlens.instrument.InstrumentationModule;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Locks and signalling primitives: constructors (creation sites), the contended slow paths, the
 * condition, barrier, phaser and exchanger waits, condition signals, the opening of a latch, and
 * {@code Thread.join}/{@code sleep}. Same bytecode shape on JDK 17 and 25 (checked with javap);
 * a method missing on one JDK simply matches nothing there. {@code AbstractQueuedLongSynchronizer}
 * is the twin of {@code AbstractQueuedSynchronizer} with a long state: JDK 23+ builds
 * {@code ReentrantReadWriteLock} on it, applications may build their own synchronizers on it.
 */
public final class LockInstrumentation implements InstrumentationModule {

    private static final String LOCKS = "java.util.concurrent.locks.";
    private static final String CONCURRENT = "java.util.concurrent.";

    /** When false ({@code siteCapture=contention}) constructors are left alone. */
    private final boolean constructors;

    public LockInstrumentation(boolean constructors) {
        this.constructors = constructors;
    }

    @Override
    public String name() {
        return "locks";
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder) {
        return builder
                // JDK 23+ builds ReentrantReadWriteLock on the long variant; both share the shape.
                .type(named(LOCKS + "AbstractQueuedSynchronizer").or(named(LOCKS + "AbstractQueuedLongSynchronizer")))
                .transform((b, type, loader, module, domain) -> b
                        .visit(Advice.to(AcquireAdvice.class)
                                .on(named("acquire").and(takesArguments(6)).and(not(isStatic())))))
                .type(named(LOCKS + "AbstractQueuedSynchronizer$ConditionObject")
                        .or(named(LOCKS + "AbstractQueuedLongSynchronizer$ConditionObject")))
                .transform((b, type, loader, module, domain) -> b
                        .visit(created(LockProbes.CONDITION, isConstructor()))
                        .visit(Advice.to(AwaitAdvice.class).on(named("await").or(named("awaitNanos"))
                                .or(named("awaitUntil")).or(named("awaitUninterruptibly"))))
                        .visit(kind(0).to(SignalAdvice.class).on(named("signal").and(takesArguments(0))))
                        .visit(kind(1).to(SignalAdvice.class).on(named("signalAll").and(takesArguments(0)))))
                .type(named(LOCKS + "ReentrantLock"))
                .transform((b, type, loader, module, domain) -> b
                        .visit(createdWithSync(LockProbes.REENTRANT_LOCK, isConstructor())))
                .type(named(LOCKS + "ReentrantReadWriteLock"))
                .transform((b, type, loader, module, domain) -> b
                        // ReentrantReadWriteLock() delegates to (boolean): register once.
                        .visit(createdWithSync(LockProbes.READ_WRITE_LOCK,
                                isConstructor().and(takesArguments(boolean.class)))))
                .type(named(CONCURRENT + "Semaphore"))
                .transform((b, type, loader, module, domain) -> b
                        .visit(createdWithSync(LockProbes.SEMAPHORE, isConstructor())))
                .type(named(CONCURRENT + "CountDownLatch"))
                .transform((b, type, loader, module, domain) -> b
                        .visit(createdWithSync(LockProbes.LATCH, isConstructor())))
                .type(named(CONCURRENT + "CountDownLatch$Sync"))
                .transform((b, type, loader, module, domain) -> b
                        .visit(Advice.to(LatchOpenedAdvice.class).on(named("tryReleaseShared"))))
                .type(named(LOCKS + "StampedLock"))
                .transform((b, type, loader, module, domain) -> b
                        .visit(created(LockProbes.STAMPED_LOCK, isConstructor()))
                        .visit(kind(LockProbes.WAIT_STAMPED_WRITE).to(StampedAcquireAdvice.class)
                                .on(named("acquireWrite").and(takesArguments(3))))
                        .visit(kind(LockProbes.WAIT_STAMPED_READ).to(StampedAcquireAdvice.class)
                                .on(named("acquireRead").and(takesArguments(3)))))
                .type(named(CONCURRENT + "CyclicBarrier"))
                .transform((b, type, loader, module, domain) -> b
                        // CyclicBarrier(int) delegates to (int, Runnable).
                        .visit(created(LockProbes.BARRIER, isConstructor().and(takesArguments(2))))
                        .visit(Advice.to(BarrierAdvice.class).on(named("dowait").and(takesArguments(2)))))
                .type(named(CONCURRENT + "Phaser"))
                .transform((b, type, loader, module, domain) -> b
                        // Every other constructor delegates to (Phaser, int).
                        .visit(created(LockProbes.PHASER, isConstructor().and(takesArguments(2))))
                        .visit(kind(LockProbes.WAIT_PHASER).to(WaitAdvice.class)
                                .on(named("internalAwaitAdvance").and(takesArguments(2)))))
                .type(named(CONCURRENT + "Exchanger"))
                .transform((b, type, loader, module, domain) -> b
                        .visit(created(LockProbes.EXCHANGER, isConstructor()))
                        .visit(kind(LockProbes.WAIT_EXCHANGER).to(WaitAdvice.class).on(named("exchange"))))
                .type(named("java.lang.Thread"))
                .transform((b, type, loader, module, domain) -> b
                        .visit(Advice.to(JoinAdvice.class).on(named("join").and(not(isStatic()))))
                        .visit(Advice.to(SleepAdvice.class).on(named("sleep").or(named("sleepNanos"))
                                .and(isStatic()).and(not(isNative())).and(takesArgument(0, long.class))))
                        .visit(Advice.to(SleepDurationAdvice.class)
                                .on(named("sleep").and(isStatic()).and(takesArguments(Duration.class)))));
    }

    /** Constructor advice, or nothing with {@code siteCapture=contention}. */
    private AsmVisitorWrapper created(int kind, ElementMatcher<? super MethodDescription> on) {
        return constructors ? kind(kind).to(CreatedAdvice.class).on(on) : AsmVisitorWrapper.NoOp.INSTANCE;
    }

    private AsmVisitorWrapper createdWithSync(int kind, ElementMatcher<? super MethodDescription> on) {
        return constructors ? kind(kind).to(CreatedWithSyncAdvice.class).on(on) : AsmVisitorWrapper.NoOp.INSTANCE;
    }

    private static Advice.WithCustomMapping kind(int value) {
        return Advice.withCustomMapping().bind(Kind.class, value);
    }

    @Override
    public Class<?>[] dispatchers() {
        return new Class<?>[] {LockProbes.class, ActiveWait.class, WaitContext.class};
    }
}
