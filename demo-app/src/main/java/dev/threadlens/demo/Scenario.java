package dev.threadlens.demo;

import java.util.List;

/**
 * One concurrency concept, told as a small program. A scenario explains itself first (what it
 * shows, what happens, which metric and dashboard panel to watch), runs until its
 * {@link Run#deadline() deadline}, and leaves no non-daemon thread behind.
 */
public interface Scenario {

    /** The command-line name, e.g. {@code dining-philosophers}. */
    String name();

    /** One line for {@code list}. */
    String summary();

    /** The values {@code --mode} accepts; the first is the default. Empty: no modes. */
    default List<String> modes() {
        return List.of();
    }

    /** The modes {@code all} runs, in order (by default only the default mode). */
    default List<String> modesInAll() {
        return modes().isEmpty() ? List.of("") : List.of(modes().get(0));
    }

    /** What {@code --threads} means when not given (scenarios that have no thread count ignore it). */
    default int defaultThreads() {
        return 4;
    }

    /** The smallest {@code --threads} that makes sense (two philosophers need two forks...). */
    default int minThreads() {
        return 1;
    }

    void run(Run run) throws Exception;
}
