package dev.threadlens.testapps.conformance;

import java.util.concurrent.ExecutorService;

/** Virtual threads through reflection, so the test apps still compile for Java 17. */
final class Virtual {

    private Virtual() {
    }

    static boolean available() {
        return Runtime.version().feature() >= 21;
    }

    static Thread unstarted(Runnable task) throws Exception {
        Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
        return (Thread) Class.forName("java.lang.Thread$Builder").getMethod("unstarted", Runnable.class)
                .invoke(builder, task);
    }

    static boolean isVirtual(Thread t) throws Exception {
        return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
    }

    static ExecutorService perTaskExecutor() throws Exception {
        return (ExecutorService) java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
                .invoke(null);
    }
}
