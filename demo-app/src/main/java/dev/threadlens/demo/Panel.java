package dev.threadlens.demo;

/** The Grafana dashboards shipped with threadlens, as a scenario names them to the reader. */
public enum Panel {
    OVERVIEW("Overview"),
    LOCKS("Locks & waits"),
    EXECUTORS("Executors"),
    THREADS("Threads & JFR");

    private final String title;

    Panel(String title) {
        this.title = title;
    }

    @Override
    public String toString() {
        return title;
    }
}
