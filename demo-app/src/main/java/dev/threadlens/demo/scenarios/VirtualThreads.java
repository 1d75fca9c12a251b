package dev.threadlens.demo.scenarios;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual threads (JDK 21+) through reflection: the demo is compiled for Java 17 and must still
 * run there, so the JDK 21 API ({@code Thread.ofVirtual()}, {@code Executors.newThreadPerTaskExecutor})
 * is looked up at run time.
 */
final class VirtualThreads {

    private VirtualThreads() {
    }

    static boolean available() {
        return Runtime.version().feature() >= 21;
    }

    /** {@code Thread.ofVirtual().name(prefix, 1).factory()}: virtual threads named prefix1, prefix2... */
    static ThreadFactory factory(String prefix) {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class, long.class).invoke(builder, prefix, 1L);
            return (ThreadFactory) builderType.getMethod("factory").invoke(builder);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need JDK 21 or newer", e);
        }
    }

    /** {@code Executors.newThreadPerTaskExecutor(factory)}: one new (virtual) thread per task. */
    static ExecutorService perTaskExecutor(ThreadFactory factory) {
        try {
            Method m = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
            return (ExecutorService) m.invoke(null, factory);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("virtual threads need JDK 21 or newer", e);
        }
    }

    /** The carrier a virtual thread is mounted on, from its toString ({@code VirtualThread[#22,v1]/runnable@ForkJoinPool-1-worker-1}). */
    static String carrierOfCurrent() {
        String s = Thread.currentThread().toString();
        int at = s.lastIndexOf('@');
        return at < 0 ? "?" : s.substring(at + 1);
    }
}
