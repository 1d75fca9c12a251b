package dev.threadlens.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Readers for option values; each throws {@link IllegalArgumentException} on bad input. */
final class Parsers {

    private static final Pattern DURATION = Pattern.compile("(\\d+)(ns|us|ms|s|m|h)");

    private Parsers() {
    }

    static Option.Parser<Boolean> bool() {
        return text -> {
            String t = text.toLowerCase(Locale.ROOT);
            if (t.equals("true")) {
                return Boolean.TRUE;
            }
            if (t.equals("false")) {
                return Boolean.FALSE;
            }
            throw new IllegalArgumentException();
        };
    }

    static Option.Parser<Integer> integer(int min, int max) {
        return text -> {
            int value;
            try {
                value = Integer.parseInt(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(e);
            }
            if (value < min || value > max) {
                throw new IllegalArgumentException();
            }
            return value;
        };
    }

    static Option.Parser<String> text() {
        return text -> text;
    }

    static Option.Parser<String> nonEmpty() {
        return text -> {
            if (text.isEmpty()) {
                throw new IllegalArgumentException();
            }
            return text;
        };
    }

    static Option.Parser<String> oneOf(Set<String> accepted) {
        return text -> {
            String t = text.toLowerCase(Locale.ROOT);
            if (!accepted.contains(t)) {
                throw new IllegalArgumentException();
            }
            return t;
        };
    }

    /** {@code 500ms}, {@code 5s}, {@code 1m}, {@code 0}. */
    static Option.Parser<Duration> duration() {
        return text -> {
            if (text.equals("0")) {
                return Duration.ZERO;
            }
            Matcher m = DURATION.matcher(text.toLowerCase(Locale.ROOT));
            if (!m.matches()) {
                throw new IllegalArgumentException();
            }
            long amount = Long.parseLong(m.group(1));
            switch (m.group(2)) {
                case "ns":
                    return Duration.ofNanos(amount);
                case "us":
                    return Duration.ofNanos(amount * 1_000L);
                case "ms":
                    return Duration.ofMillis(amount);
                case "s":
                    return Duration.ofSeconds(amount);
                case "m":
                    return Duration.ofMinutes(amount);
                default:
                    return Duration.ofHours(amount);
            }
        };
    }
}
