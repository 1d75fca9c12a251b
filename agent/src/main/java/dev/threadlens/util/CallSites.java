package dev.threadlens.util;

import java.util.Iterator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Finds where application code called into the JDK: the first stack frame that is neither JDK
 * nor agent code, formatted like a stack trace element ({@code com.example.Bank.<init>(Bank.java:42)}).
 * Uses {@link StackWalker}, which materialises only the frames it looks at.
 */
public final class CallSites {

    private static final StackWalker WALKER = StackWalker.getInstance();

    private CallSites() {
    }

    /**
     * The first application frame of the current stack, or if there is none (a thread of the
     * JDK's own), the first frame outside the agent; never null.
     */
    public static String firstApplicationFrame() {
        return WALKER.walk(FirstApplicationFrame.INSTANCE);
    }

    /**
     * Stops at the first application frame: the walker materialises frames as they are asked
     * for, so a site near the top of the stack (the usual case) costs a few frames, not 64.
     * Not a lambda: it runs inside probes, where a lambda's first linkage could recurse.
     */
    private static final class FirstApplicationFrame implements Function<Stream<StackWalker.StackFrame>, String> {
        static final FirstApplicationFrame INSTANCE = new FirstApplicationFrame();
        private static final int MAX_FRAMES = 64;

        @Override
        public String apply(Stream<StackWalker.StackFrame> frames) {
            StackWalker.StackFrame firstOutsideAgent = null;
            int looked = 0;
            for (Iterator<StackWalker.StackFrame> it = frames.iterator(); it.hasNext() && looked < MAX_FRAMES;) {
                StackWalker.StackFrame f = it.next();
                String className = f.getClassName();
                if (isAgent(className)) {
                    continue;
                }
                looked++;
                if (isApplication(className)) {
                    return format(f);
                }
                if (firstOutsideAgent == null) {
                    firstOutsideAgent = f;
                }
            }
            return firstOutsideAgent == null ? "unknown" : format(firstOutsideAgent);
        }
    }

    /** Up to {@code max} frames of the current stack, outside the agent, application or not. */
    public static List<String> stack(int max) {
        return WALKER.walk(frames -> frames.filter(f -> !isAgent(f.getClassName())).limit(max)
                .map(CallSites::format).collect(Collectors.toList()));
    }

    /** The first application frame of a stack trace (from a thread dump or JFR), or its top frame. */
    public static String firstApplicationFrame(StackTraceElement[] stack) {
        for (StackTraceElement e : stack) {
            if (isApplication(e.getClassName())) {
                return e.toString();
            }
        }
        return stack.length == 0 ? "unknown" : stack[0].toString();
    }

    /** True for classes that are neither the JDK's nor the agent's. */
    public static boolean isApplication(String className) {
        return !(className.startsWith("java.") || className.startsWith("javax.") || className.startsWith("jdk.")
                || className.startsWith("sun.") || className.startsWith("com.sun.") || isAgent(className));
    }

    /**
     * The agent's own classes. The project's programs that run as applications under the agent
     * (the demo, the test applications, the benchmarks) share the {@code dev.threadlens} prefix
     * but are application code: their frames are the sites users and tests look for.
     */
    public static boolean isAgent(String className) {
        return className.startsWith("dev.threadlens.") && !className.startsWith("dev.threadlens.demo.")
                && !className.startsWith("dev.threadlens.testapps.") && !className.startsWith("dev.threadlens.bench.");
    }

    public static String format(StackWalker.StackFrame f) {
        String file = f.getFileName();
        int line = f.getLineNumber();
        String where = file == null ? "Unknown Source" : line >= 0 ? file + ":" + line : file;
        return f.getClassName() + "." + f.getMethodName() + "(" + where + ")";
    }
}
