package dev.threadlens.instrument;

import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.lang.instrument.Instrumentation;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.threadlens.bootstrap.Failures;
import dev.threadlens.log.Log;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.AgentBuilder.RedefinitionStrategy;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the instrumentation modules as one class file transformer and removes them again.
 * Retransformation only, no class format changes, so classes loaded before us (attach) can be
 * instrumented and a detach restores their original bytecode.
 */
public final class Instrumenter {

    /** Classes retransformed per batch when attached to a running JVM, with a pause between. */
    private static final int ATTACH_BATCH_SIZE = 20;
    private static final long ATTACH_BATCH_PAUSE_MS = 10;

    private final Instrumentation instrumentation;
    private final ResettableClassFileTransformer transformer;

    private Instrumenter(Instrumentation instrumentation, ResettableClassFileTransformer transformer) {
        this.instrumentation = instrumentation;
        this.transformer = transformer;
    }

    public static Instrumenter install(Instrumentation inst, List<InstrumentationModule> modules, boolean attached) {
        // Byte Buddy's Nexus would put a class on the boot path and keep state there; we never need it.
        System.setProperty("net.bytebuddy.nexus.disabled", "true");
        for (InstrumentationModule m : modules) {
            for (Class<?> dispatcher : m.dispatchers()) {
                forceLoad(dispatcher);
            }
        }
        AgentBuilder builder = new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
                .disableClassFormatChanges()
                .with(AgentBuilder.TypeStrategy.Default.DECORATE)
                .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
                // Describe JDK types from their class files, not by reflecting on loaded classes:
                // reflection loads the types in their signatures (ForkJoinTask -> ForkJoinPool)
                // while a transformation is running, and a class loaded then is skipped by Byte
                // Buddy's circularity guard and never instrumented.
                .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
                .with(new FailureListener())
                // Only the JDK types we probe are ever looked at: the application's classes are
                // never parsed, let alone changed.
                .ignore(not(nameStartsWith("java.util.concurrent.")
                        .or(named("java.lang.Thread"))
                        .or(named("java.lang.VirtualThread"))))
                .with(RedefinitionStrategy.RETRANSFORMATION)
                .with(attached
                        ? RedefinitionStrategy.BatchAllocator.ForFixedSize.ofSize(ATTACH_BATCH_SIZE)
                        : RedefinitionStrategy.BatchAllocator.ForTotal.INSTANCE)
                // A class loaded while others are being retransformed (CountDownLatch, when the JDK
                // relinks VirtualThread) is neither in the first batch nor transformed on load (Byte
                // Buddy's circularity guard): look for such classes again until none are new.
                .with(RedefinitionStrategy.DiscoveryStrategy.Reiterating.INSTANCE)
                .with(attached
                        ? RedefinitionStrategy.Listener.Pausing.of(ATTACH_BATCH_PAUSE_MS, TimeUnit.MILLISECONDS)
                        : RedefinitionStrategy.Listener.NoOp.INSTANCE);
        for (InstrumentationModule m : modules) {
            builder = m.extend(builder);
        }
        ResettableClassFileTransformer transformer = builder.warmUp(Thread.class).installOn(inst);
        return new Instrumenter(inst, transformer);
    }

    /** Restores the original bytecode of every class this agent changed. */
    public boolean reset() {
        return transformer.reset(instrumentation, RedefinitionStrategy.RETRANSFORMATION);
    }

    private static void forceLoad(Class<?> type) {
        try {
            Class.forName(type.getName(), true, type.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("dispatcher class vanished: " + type.getName(), e);
        }
    }

    /** Counts and logs (once per type) any class the agent failed to instrument. */
    private static final class FailureListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onError(String typeName, ClassLoader classLoader, JavaModule module, boolean loaded,
                Throwable throwable) {
            Failures.report("instrument", throwable);
            Log.once(Log.Level.WARN, "instrument:" + typeName,
                    "could not instrument " + typeName + ": " + throwable);
        }

        @Override
        public void onTransformation(TypeDescription typeDescription, ClassLoader classLoader, JavaModule module,
                boolean loaded, DynamicType dynamicType) {
            Log.debug("instrumented " + typeDescription.getName());
        }
    }
}
