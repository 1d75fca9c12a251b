package dev.threadlens.testkit;

import java.nio.file.Path;

/** A JDK the tests can start child JVMs with. */
public final class Jdk {

    private final Path home;
    private final int feature;

    Jdk(Path home, int feature) {
        this.home = home;
        this.feature = feature;
    }

    public Path home() {
        return home;
    }

    /** The feature release: 17, 21, 25... */
    public int feature() {
        return feature;
    }

    public String java() {
        return home.resolve("bin").resolve("java").toString();
    }

    public boolean hasVirtualThreads() {
        return feature >= 21;
    }

    @Override
    public String toString() {
        return "JDK " + feature;
    }
}
