package dev.threadlens.testapps;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replaces the sink of a probe dispatcher (a class the agent left in the boot loader) with a
 * counter. After a detach, the counter staying at zero while the app keeps using the probed
 * methods proves the advice is gone from the bytecode, not merely switched off.
 */
final class ProbeSpy {

    private static final AtomicInteger CALLS = new AtomicInteger();

    private ProbeSpy() {
    }

    /**
     * {@code dispatcher} is a simple name in {@code dev.threadlens.bootstrap}, e.g. ThreadProbes.
     * With a {@code threadPrefix}, only calls about a thread so named count (a {@code Thread}
     * argument): the JVM's and the agent's own threads start and end when they please.
     */
    static void install(String dispatcher, String threadPrefix) throws Exception {
        Class<?> probes = Class.forName("dev.threadlens.bootstrap." + dispatcher, true, null);
        Class<?> sink = Class.forName(probes.getName() + "$Sink", true, null);
        Object spy = Proxy.newProxyInstance(ProbeSpy.class.getClassLoader(), new Class<?>[] {sink},
                (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == args[0]
                                : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "spy";
                    }
                    if (threadPrefix == null || aboutThreadNamed(args, threadPrefix)) {
                        CALLS.incrementAndGet();
                    }
                    Class<?> r = method.getReturnType();
                    return r == boolean.class ? Boolean.FALSE : r == long.class ? 0L : r == int.class ? 0 : null;
                });
        CALLS.set(0);
        probes.getMethod("install", sink).invoke(null, spy);
    }

    private static boolean aboutThreadNamed(Object[] args, String prefix) {
        for (Object a : args == null ? new Object[0] : args) {
            if (a instanceof Thread && ((Thread) a).getName().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    static int count() {
        return CALLS.get();
    }
}
