package dev.threadlens.jfr;

import java.util.List;

/** The JFR events the stream consumes. */
final class JfrEventNames {

    static final String MONITOR_ENTER = "jdk.JavaMonitorEnter";
    static final String MONITOR_WAIT = "jdk.JavaMonitorWait";
    static final String THREAD_PARK = "jdk.ThreadPark";
    static final String THREAD_SLEEP = "jdk.ThreadSleep";
    static final String THREAD_START = "jdk.ThreadStart";
    static final String THREAD_END = "jdk.ThreadEnd";
    static final String THREAD_CPU_LOAD = "jdk.ThreadCPULoad";
    /** JDK 21+. */
    static final String VIRTUAL_THREAD_PINNED = "jdk.VirtualThreadPinned";
    /** JDK 21+. */
    static final String VIRTUAL_THREAD_SUBMIT_FAILED = "jdk.VirtualThreadSubmitFailed";

    static final List<String> ALL = List.of(MONITOR_ENTER, MONITOR_WAIT, THREAD_PARK, THREAD_SLEEP, THREAD_START,
            THREAD_END, THREAD_CPU_LOAD, VIRTUAL_THREAD_PINNED, VIRTUAL_THREAD_SUBMIT_FAILED);

    private JfrEventNames() {
    }
}
