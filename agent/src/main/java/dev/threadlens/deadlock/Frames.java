package dev.threadlens.deadlock;

import java.util.List;

import dev.threadlens.util.CallSites;

/** Stack frames as the reports print them: {@code com.example.Bank.transfer(Bank.java:57)}. */
public final class Frames {

    private Frames() {
    }

    /** Like {@link StackTraceElement#toString()} without the module and loader prefixes. */
    public static String format(StackTraceElement e) {
        String where;
        if (e.isNativeMethod()) {
            where = "Native Method";
        } else if (e.getFileName() == null) {
            where = "Unknown Source";
        } else {
            where = e.getLineNumber() >= 0 ? e.getFileName() + ":" + e.getLineNumber() : e.getFileName();
        }
        return e.getClassName() + "." + e.getMethodName() + "(" + where + ")";
    }

    /** The class of a formatted frame: {@code com.example.Bank} for {@code com.example.Bank.transfer(Bank.java:57)}. */
    public static String className(String frame) {
        int paren = frame.indexOf('(');
        String qualified = paren < 0 ? frame : frame.substring(0, paren);
        int dot = qualified.lastIndexOf('.');
        return dot < 0 ? qualified : qualified.substring(0, dot);
    }

    /** The first frame of application code, or the top frame when there is none; null for an empty stack. */
    public static String firstApplication(List<String> stack) {
        for (String f : stack) {
            if (CallSites.isApplication(className(f))) {
                return f;
            }
        }
        return stack.isEmpty() ? null : stack.get(0);
    }

    /** True when some frame starts with one of the prefixes ({@code class.method}). */
    public static boolean anyStartsWith(List<String> stack, List<String> prefixes) {
        for (String f : stack) {
            for (String p : prefixes) {
                if (f.startsWith(p)) {
                    return true;
                }
            }
        }
        return false;
    }
}
