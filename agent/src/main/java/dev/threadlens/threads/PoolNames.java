package dev.threadlens.threads;

/**
 * The pool a thread belongs to, guessed from its name: the name without its trailing number, so
 * {@code http-nio-8080-exec-12} is in {@code http-nio-8080-exec}, {@code pool-3-thread-7} in
 * {@code pool-3-thread}, {@code GC Thread#1} in {@code GC Thread} and {@code main} is alone.
 * Only for the JSON API and the page: never a metric label (names are not bounded).
 */
public final class PoolNames {

    private PoolNames() {
    }

    public static String of(String threadName) {
        if (threadName == null || threadName.isEmpty()) {
            return "";
        }
        int end = threadName.length();
        while (end > 0 && Character.isDigit(threadName.charAt(end - 1))) {
            end--;
        }
        while (end > 0 && isSeparator(threadName.charAt(end - 1))) {
            end--;
        }
        return end == 0 ? threadName : threadName.substring(0, end);
    }

    private static boolean isSeparator(char c) {
        return c == '-' || c == '_' || c == '#' || c == '.' || c == ' ' || c == ':' || c == '/';
    }
}
