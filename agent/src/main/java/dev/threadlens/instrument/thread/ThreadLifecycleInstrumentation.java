package dev.threadlens.instrument.thread;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.takesArgument;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import dev.threadlens.bootstrap.ThreadProbes;
import dev.threadlens.instrument.InstrumentationModule;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * Thread lifecycle: {@code Thread.start} (JDK 17 {@code start()}; JDK 21+ also
 * {@code start(ThreadContainer)}, which thread containers call directly), {@code Thread.exit}
 * (run by the VM on the ending platform thread), {@code Thread.dispatchUncaughtException}, and
 * for virtual threads, which never pass through the first two, {@code VirtualThread.run(Runnable)}.
 */
public final class ThreadLifecycleInstrumentation implements InstrumentationModule {

    @Override
    public String name() {
        return "thread_lifecycle";
    }

    @Override
    public AgentBuilder extend(AgentBuilder builder) {
        return builder
                .type(named("java.lang.Thread"))
                .transform((b, type, loader, module, domain) -> b
                        .visit(Advice.to(StartAdvice.class)
                                .on(named("start").and(takesArguments(0).or(takesArguments(1)))))
                        .visit(Advice.to(ExitAdvice.class).on(named("exit").and(takesArguments(0))))
                        .visit(Advice.to(UncaughtAdvice.class)
                                .on(named("dispatchUncaughtException").and(takesArguments(1)))))
                .type(named("java.lang.VirtualThread"))
                .transform((b, type, loader, module, domain) -> b
                        .visit(Advice.to(VirtualRunAdvice.class)
                                .on(named("run").and(takesArguments(1)).and(takesArgument(0, Runnable.class)))));
    }

    @Override
    public Class<?>[] dispatchers() {
        return new Class<?>[] {ThreadProbes.class};
    }
}
