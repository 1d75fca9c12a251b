package dev.threadlens.log;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The agent's log: one line per message on stderr, prefixed {@code [threadlens]}. Not
 * java.util.logging or any framework, which an agent must not initialise behind the
 * application's back.
 */
public final class Log {

    public enum Level { OFF, ERROR, WARN, INFO, DEBUG }

    private static volatile Level level = Level.INFO;
    private static volatile PrintStream out = System.err;
    private static final Set<String> ONCE = ConcurrentHashMap.newKeySet();

    private Log() {
    }

    public static void setLevel(String name) {
        level = Level.valueOf(name.toUpperCase(Locale.ROOT));
    }

    public static boolean enabled(Level l) {
        return l != Level.OFF && l.ordinal() <= level.ordinal();
    }

    public static void error(String message) {
        write(Level.ERROR, message);
    }

    public static void warn(String message) {
        write(Level.WARN, message);
    }

    public static void info(String message) {
        write(Level.INFO, message);
    }

    public static void debug(String message) {
        write(Level.DEBUG, message);
    }

    /** Logs {@code message} the first time {@code key} is seen; returns whether it did. */
    public static boolean once(Level l, String key, String message) {
        if (ONCE.add(key)) {
            write(l, message);
            return true;
        }
        return false;
    }

    private static void write(Level l, String message) {
        if (enabled(l)) {
            out.println("[threadlens] " + l + " " + printable(message));
        }
    }

    /**
     * Messages quote thread names and stack frames, which anyone can choose: control characters
     * (terminal escapes, carriage returns, C1) are written as backslash-u escapes. Line breaks and
     * tabs stay, for the multi-line deadlock reports.
     */
    static String printable(String message) {
        StringBuilder sb = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            boolean control = (c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f);
            if (control && sb == null) {
                sb = new StringBuilder(message.length() + 16).append(message, 0, i);
            }
            if (sb != null) {
                if (control) {
                    sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                } else {
                    sb.append(c);
                }
            }
        }
        return sb == null ? message : sb.toString();
    }
}
