package dev.threadlens.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.Test;

class ConfigTest {

    private static Properties props(String... kv) {
        Properties p = new Properties();
        for (int i = 0; i < kv.length; i += 2) {
            p.setProperty(kv[i], kv[i + 1]);
        }
        return p;
    }

    @Test
    void defaultsWhenNothingIsSet() throws Exception {
        Config c = Config.load(null, props(), Map.of());
        assertEquals("127.0.0.1", c.get(Options.HOST));
        assertEquals(9404, c.get(Options.PORT));
        assertTrue(c.get(Options.ENABLED));
        assertEquals("default", c.source(Options.PORT));
    }

    @Test
    void agentArgumentsBeatSystemPropertiesBeatEnvironment() throws Exception {
        Map<String, String> env = Map.of("THREADLENS_PORT", "1", "THREADLENS_HOST", "0.0.0.0", "THREADLENS_LOG_LEVEL", "debug");
        Properties sys = props("threadlens.port", "2", "threadlens.host", "::1");
        Config c = Config.load("port=3", sys, env);
        assertEquals(3, c.get(Options.PORT));
        assertEquals("agent arguments", c.source(Options.PORT));
        assertEquals("::1", c.get(Options.HOST));
        assertEquals("-Dthreadlens.host", c.source(Options.HOST));
        assertEquals("debug", c.get(Options.LOG_LEVEL));
        assertEquals("environment variable THREADLENS_LOG_LEVEL", c.source(Options.LOG_LEVEL));
    }

    @Test
    void environmentNamesAreUpperSnakeCase() {
        assertEquals("THREADLENS_PORT_FILE", Options.PORT_FILE.environmentVariable());
        assertEquals("THREADLENS_BASIC_AUTH_USER", Options.BASIC_AUTH_USER.environmentVariable());
        assertEquals("threadlens.portFile", Options.PORT_FILE.systemProperty());
    }

    @Test
    void unknownKeySuggestsTheClosestOption() {
        ConfigException e = assertThrows(ConfigException.class, () -> Config.load("prot=1", props(), Map.of()));
        assertTrue(e.getMessage().startsWith("unknown option 'prot' (did you mean 'port'?); known: enabled,"),
                e.getMessage());
        ConfigException far = assertThrows(ConfigException.class, () -> Config.load("zzzzzzzz=1", props(), Map.of()));
        assertFalse(far.getMessage().contains("did you mean"), far.getMessage());
    }

    @Test
    void internalPropertiesAreNotOptions() throws Exception {
        Config.load(null, props("threadlens.agent.status", "running"), Map.of());
    }

    @Test
    void malformedValuesSayWhatIsAccepted() {
        assertEquals("option 'port' has a bad value '70000' (from agent arguments): expected an integer from 0 to 65535",
                assertThrows(ConfigException.class, () -> Config.load("port=70000", props(), Map.of())).getMessage());
        assertEquals("option 'enabled' has a bad value 'yes' (from -Dthreadlens.enabled): expected true or false",
                assertThrows(ConfigException.class,
                        () -> Config.load(null, props("threadlens.enabled", "yes"), Map.of())).getMessage());
        assertTrue(assertThrows(ConfigException.class, () -> Config.load("port", props(), Map.of())).getMessage()
                .startsWith("agent argument 'port' is not key=value"));
    }

    @Test
    void strictIsReadEvenWhenSomethingElseIsWrong() {
        assertTrue(Config.strictRequested("port=x,strict=true", props(), Map.of()));
        assertTrue(Config.strictRequested(null, props(), Map.of("THREADLENS_STRICT", "TRUE")));
        assertFalse(Config.strictRequested("strict=false", props("threadlens.strict", "true"), Map.of()));
    }

    @Test
    void durations() {
        Option.Parser<Duration> d = Parsers.duration();
        assertEquals(Duration.ofMillis(500), d.parse("500ms"));
        assertEquals(Duration.ofSeconds(5), d.parse("5s"));
        assertEquals(Duration.ofMinutes(2), d.parse("2m"));
        assertEquals(Duration.ofNanos(20_000), d.parse("20us"));
        assertEquals(Duration.ZERO, d.parse("0"));
        assertThrows(IllegalArgumentException.class, () -> d.parse("5"));
        assertThrows(IllegalArgumentException.class, () -> d.parse("fast"));
    }
}
