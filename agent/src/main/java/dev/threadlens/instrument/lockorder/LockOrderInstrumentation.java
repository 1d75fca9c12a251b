package dev.threadlens.instrument.lockorder;

import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.threadlens.bootstrap.LockOrderProbes;
import dev.threadlens.instrument.InstrumentationModule;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Lock-order probes ({@code lockOrder=true}): creation of {@code ReentrantLock} and
 * {@code ReentrantReadWriteLock}, and {@code lock}, {@code lockInterruptibly}, {@code tryLock},
 * {@code unlock} of {@code ReentrantLock} and of the read and write locks. {@code synchronized}
 * is not covered: its acquisitions are bytecodes in the application's own classes, which the
 * agent never changes.
 */
public final class LockOrderInstrumentation implements InstrumentationModule {

    private static final String LOCKS = "java.util.concurrent.locks.";

    @Override
    public String name() {
        return "lock_order";
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder) {
        return builder
                .type(named(LOCKS + "ReentrantLock"))
                .transform((b, type, loader, module, domain) -> acquisitions(b)
                        .visit(Advice.to(LockCreatedAdvice.class).on(isConstructor())))
                .type(named(LOCKS + "ReentrantReadWriteLock"))
                .transform((b, type, loader, module, domain) -> b
                        .visit(Advice.to(ReadWriteLockCreatedAdvice.class).on(isConstructor())))
                .type(named(LOCKS + "ReentrantReadWriteLock$ReadLock").or(named(LOCKS + "ReentrantReadWriteLock$WriteLock")))
                .transform((b, type, loader, module, domain) -> acquisitions(b));
    }

    private static DynamicType.Builder<?> acquisitions(DynamicType.Builder<?> b) {
        ElementMatcher.Junction<MethodDescription> lock = named("lock").and(takesArguments(0))
                .or(named("lockInterruptibly").and(takesArguments(0)));
        return b.visit(Advice.to(LockAcquiredAdvice.class).on(lock))
                .visit(Advice.to(LockTriedAdvice.class).on(named("tryLock")))
                .visit(Advice.to(LockReleasedAdvice.class).on(named("unlock").and(takesArguments(0))));
    }

    @Override
    public Class<?>[] dispatchers() {
        return new Class<?>[] {LockOrderProbes.class};
    }
}
