package dev.threadlens.config;

/** A configuration problem, described in one line a person can act on. */
public final class ConfigException extends Exception {

    public ConfigException(String message) {
        super(message);
    }
}
