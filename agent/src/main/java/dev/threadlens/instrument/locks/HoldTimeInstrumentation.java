package dev.threadlens.instrument.locks;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.threadlens.bootstrap.LockProbes;
import dev.threadlens.instrument.InstrumentationModule;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Optional ({@code lockHoldTime=true}): how long exclusive locks ({@code ReentrantLock} and the
 * write lock of {@code ReentrantReadWriteLock}) are held, sampled. This is the only advice on
 * the uncontended {@code lock()}/{@code unlock()} path, which is why it is off by default and
 * not woven at all unless asked for.
 */
public final class HoldTimeInstrumentation implements InstrumentationModule {

    private static final ElementMatcher.Junction<MethodDescription> TAKES_LOCK =
            named("lock").or(named("lockInterruptibly")).or(named("tryLock"));

    @Override
    public String name() {
        return "lock_hold";
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder) {
        return builder
                .type(named("java.util.concurrent.locks.ReentrantLock"))
                .transform((b, type, loader, module, domain) -> b
                        .visit(Advice.to(HoldLockedAdvice.class).on(TAKES_LOCK))
                        .visit(Advice.to(HoldUnlockAdvice.class).on(named("unlock").and(takesArguments(0)))))
                .type(named("java.util.concurrent.locks.ReentrantReadWriteLock$WriteLock"))
                .transform((b, type, loader, module, domain) -> b
                        .visit(Advice.to(HoldWriteLockedAdvice.class).on(TAKES_LOCK))
                        .visit(Advice.to(HoldWriteUnlockAdvice.class).on(named("unlock").and(takesArguments(0)))));
    }

    @Override
    public Class<?>[] dispatchers() {
        return new Class<?>[] {LockProbes.class};
    }
}
