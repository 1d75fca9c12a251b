package dev.threadlens.deadlock.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.threadlens.deadlock.Deadlock;
import dev.threadlens.deadlock.DeadlockReport;
import dev.threadlens.deadlock.Hang;
import dev.threadlens.http.JsonWriter;
import dev.threadlens.util.Json;

/**
 * Real {@code jcmd Thread.print -l} output of JDK 17 and 25 (the program is Dl.java.txt next to
 * the dumps: a monitor/lock cycle, a read/write cycle, a starved single-thread pool, and threads
 * waiting on a semaphore, a latch, Object.wait, a condition and a stamped lock).
 */
class ThreadDumpParserTest {

    @ParameterizedTest
    @ValueSource(strings = {"jdk17-thread-dump.txt", "jdk25-thread-dump.txt"})
    void parsesThreadsStatesBlockersAndOwners(String file) throws IOException {
        ThreadDump dump = ThreadDumpParser.parse(read(file));
        Map<String, DumpThread> byName = dump.threads().stream().collect(Collectors.toMap(DumpThread::name, t -> t));
        assertNull(byName.get("VM Thread"), "JVM-internal threads have no #id and are skipped");
        DumpThread quoted = byName.get("mon-holder \"q\"");
        assertNotNull(quoted, "a name with quotes: " + byName.keySet());
        assertEquals("waiting", quoted.state());
        assertEquals("java.util.concurrent.locks.ReentrantLock$NonfairSync", quoted.parkedOn.className);
        assertEquals("Dl.lambda$main$0(Dl.java:9)", quoted.locked.get(0).frame, "the frame that entered the monitor");
        assertTrue(quoted.stack.contains("java.util.concurrent.locks.LockSupport.park(LockSupport.java:"
                + (file.contains("17") ? "211)" : "223)")), "module prefixes are dropped: " + quoted.stack);
        DumpThread holder = byName.get("lock-holder");
        assertEquals("blocked", holder.state());
        assertEquals(quoted.locked.get(0).ref.address, holder.waitingToLock.address);
        assertEquals(quoted.parkedOn.address, holder.ownableSynchronizers.get(0).address);
        assertEquals("java.lang.Object", byName.get("ow").waitingOn.className);
        assertTrue(byName.get("Reference Handler").daemon);
        assertEquals(Set.of("mon-holder \"q\"", "lock-holder"), dump.jvmDeadlocked());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17-thread-dump.txt", "jdk25-thread-dump.txt"})
    void diagnosesDeadlocksAndHangs(String file) throws IOException {
        ThreadDump dump = ThreadDumpParser.parse(read(file));
        DeadlockReport r = DumpDiagnosis.diagnose(dump, dump, 2.0, "test");
        assertEquals(1, r.deadlocks().size(), r.text());
        Deadlock d = r.deadlocks().get(0);
        assertEquals("mixed", d.kind());
        assertEquals(Set.of("mon-holder \"q\"", "lock-holder"), Set.copyOf(d.threadNames()));
        assertTrue(d.confirmation().contains("JVM"), d.confirmation());
        Map<String, List<String>> hangs = r.hangs().stream()
                .collect(Collectors.toMap(h -> h.kind() + ":" + h.primitive().identity(), Hang::threadNames));
        assertTrue(hangs.values().contains(List.of("sem")), hangs.toString());
        assertTrue(hangs.values().contains(List.of("latch")), hangs.toString());
        assertTrue(hangs.values().contains(List.of("stamped")), hangs.toString());
        assertTrue(hangs.values().contains(List.of("rw-1")) && hangs.values().contains(List.of("rw-2")),
                "read holders are not in a dump: hangs, not a cycle: " + hangs);
        assertTrue(hangs.keySet().stream().anyMatch(k -> k.startsWith("executor_starvation:pool-1")), hangs.toString());
        assertTrue(r.found());
        assertTrue(r.stuck().stream().noneMatch(s -> s.thread().name().equals("Finalizer")),
                "threads that wait by design are not stuck");

        JsonWriter json = new JsonWriter();
        r.writeJson(json);
        @SuppressWarnings("unchecked")
        Map<String, Object> doc = (Map<String, Object>) Json.parse(json.toString());
        assertEquals(Boolean.TRUE, doc.get("found"));
        assertEquals(1, ((List<?>) doc.get("deadlocks")).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdk17-thread-dump.txt"})
    void aWaitThatChangedBetweenDumpsIsNotStuck(String file) throws IOException {
        String text = read(file);
        ThreadDump before = ThreadDumpParser.parse(text.replace("at Dl.lambda$main$6(Dl.java:18)",
                "at Dl.elsewhere(Dl.java:99)"));
        ThreadDump after = ThreadDumpParser.parse(text);
        DeadlockReport r = DumpDiagnosis.diagnose(before, after, 1.0, "test");
        assertTrue(r.hangs().stream().noneMatch(h -> h.threadNames().contains("sem")), r.text());
    }

    private static String read(String file) throws IOException {
        try (InputStream in = ThreadDumpParserTest.class.getResourceAsStream(file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
