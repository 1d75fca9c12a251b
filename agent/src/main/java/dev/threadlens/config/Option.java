package dev.threadlens.config;

import java.util.Locale;

/**
 * One configuration key: its name, default, how a text value is read, and a phrase saying what
 * is accepted (used in error messages and the README table).
 */
public final class Option<T> {

    /** Reads a text value; throws {@link IllegalArgumentException} when it is not acceptable. */
    @FunctionalInterface
    public interface Parser<T> {
        T parse(String text);
    }

    private final String name;
    private final T defaultValue;
    private final Parser<T> parser;
    private final String accepted;
    private final String description;

    Option(String name, T defaultValue, Parser<T> parser, String accepted, String description) {
        this.name = name;
        this.defaultValue = defaultValue;
        this.parser = parser;
        this.accepted = accepted;
        this.description = description;
    }

    public String name() {
        return name;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String accepted() {
        return accepted;
    }

    public String description() {
        return description;
    }

    /** {@code portFile} -> {@code THREADLENS_PORT_FILE}. */
    public String environmentVariable() {
        return "THREADLENS_" + name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
    }

    /** {@code portFile} -> {@code threadlens.portFile}. */
    public String systemProperty() {
        return "threadlens." + name;
    }

    T parse(String text) {
        return parser.parse(text.trim());
    }
}
