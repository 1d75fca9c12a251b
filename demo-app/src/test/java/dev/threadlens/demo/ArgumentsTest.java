package dev.threadlens.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class ArgumentsTest {

    private final Scenarios scenarios = new Scenarios();
    private final Arguments arguments = new Arguments(scenarios);

    @Test
    void parsesAScenarioWithEveryOption() throws Exception {
        Invocation i = arguments.parse("dining-philosophers", "--duration", "1500ms", "--threads", "7", "--mode",
                "waiter", "--hold");
        assertEquals(Invocation.Command.SCENARIO, i.command());
        assertEquals("dining-philosophers", i.scenario().name());
        assertEquals(Duration.ofMillis(1500), i.duration());
        assertEquals(7, i.threads());
        assertEquals("waiter", i.mode());
        assertTrue(i.hold());
    }

    @Test
    void optionsAlsoTakeTheEqualsForm() throws Exception {
        Invocation i = arguments.parse("race", "--duration=2m", "--threads=3");
        assertEquals(Duration.ofMinutes(2), i.duration());
        assertEquals(3, i.threads());
    }

    @Test
    void defaultsAreLeftToTheCaller() throws Exception {
        Invocation i = arguments.parse("lifecycle");
        assertNull(i.duration());
        assertNull(i.threads());
        assertNull(i.mode());
        assertFalse(i.hold());
    }

    @Test
    void durations() throws Exception {
        assertEquals(Duration.ofSeconds(10), Arguments.duration("10s"));
        assertEquals(Duration.ofSeconds(10), Arguments.duration("10"));
        assertEquals(Duration.ofMillis(500), Arguments.duration("500ms"));
        assertEquals(Duration.ofMinutes(3), Arguments.duration("3m"));
        assertEquals(Duration.ofHours(1), Arguments.duration("1h"));
        for (String bad : new String[] {"", "s", "10x", "-1s", "0", "0ms", "1.5s", "25h", "10 s"}) {
            assertThrows(UsageException.class, () -> Arguments.duration(bad), bad);
        }
    }

    @Test
    void allTakesDurationLoopAndHoldOnly() throws Exception {
        Invocation i = arguments.parse("all", "--loop", "--duration", "2s");
        assertEquals(Invocation.Command.ALL, i.command());
        assertTrue(i.loop());
        assertEquals(Duration.ofSeconds(2), i.duration());
        assertThrows(UsageException.class, () -> arguments.parse("all", "--mode", "deadlock"));
        assertThrows(UsageException.class, () -> arguments.parse("all", "--threads", "2"));
    }

    @Test
    void listHelpAndTheHiddenWorker() throws Exception {
        assertEquals(Invocation.Command.LIST, arguments.parse("list").command());
        assertEquals(Invocation.Command.HELP, arguments.parse("--help").command());
        assertEquals(Invocation.Command.PROCESS_WORKER, arguments.parse(Arguments.PROCESS_WORKER).command());
        assertFalse(Usage.text(scenarios).contains(Arguments.PROCESS_WORKER), "hidden from the usage");
        assertThrows(UsageException.class, () -> arguments.parse("list", "--loop"));
    }

    @Test
    void rejectsWhatCannotRun() {
        String[][] bad = {
            {},
            {"nope"},
            {"--duration", "1s"},
            {"race", "--threads", "1"},
            {"race", "--threads", "1001"},
            {"race", "--threads", "x"},
            {"race", "--mode", "deadlock"},
            {"deadlock", "--mode", "ordered"},
            {"race", "--loop"},
            {"race", "--hold=yes"},
            {"race", "--duration", "1s", "--duration", "2s"},
            {"race", "--threads"},
            {"race", "--threads", "--hold"},
            {"race", "extra"},
        };
        for (String[] args : bad) {
            assertThrows(UsageException.class, () -> arguments.parse(args), String.join(" ", args));
        }
    }

    @Test
    void everyScenarioHasAUniqueNameASummaryAndSaneDefaults() {
        Set<String> names = new HashSet<>();
        for (Scenario s : scenarios.all()) {
            assertTrue(names.add(s.name()), "unique: " + s.name());
            assertTrue(s.name().matches("[a-z]+(-[a-z]+)*"), s.name());
            assertFalse(s.summary().isBlank());
            assertTrue(s.defaultThreads() >= s.minThreads(), s.name());
            assertTrue(s.modes().containsAll(s.modesInAll()) || s.modes().isEmpty(), s.name());
        }
        assertEquals(19, names.size());
    }
}
