package dev.threadlens.demo;

/** A command line the demo cannot run: the message says what is wrong; the caller prints usage and exits 2. */
public final class UsageException extends Exception {

    public UsageException(String message) {
        super(message);
    }
}
