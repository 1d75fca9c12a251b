package dev.threadlens.config;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * The agent's settings, merged from three sources. Precedence, highest first: agent arguments
 * ({@code -javaagent:threadlens-agent.jar=port=9500}), system properties
 * ({@code -Dthreadlens.port=9500}), environment variables ({@code THREADLENS_PORT=9500}), defaults.
 */
public final class Config {

    /** System properties under this prefix are the agent's own notes to tools, not options. */
    public static final String INTERNAL_PROPERTY_PREFIX = "threadlens.agent.";
    /** System properties under this prefix are test-only switches ({@code TestFaults}), not options. */
    public static final String TEST_PROPERTY_PREFIX = "threadlens.test.";

    private final Map<Option<?>, Object> values;
    private final Map<Option<?>, String> sources;

    private Config(Map<Option<?>, Object> values, Map<Option<?>, String> sources) {
        this.values = values;
        this.sources = sources;
    }

    /** Every option at its default. */
    public static Config defaults() {
        return new Config(new HashMap<>(), new HashMap<>());
    }

    public static Config load(String agentArgs, Properties systemProperties, Map<String, String> environment)
            throws ConfigException {
        Map<Option<?>, Object> values = new HashMap<>();
        Map<Option<?>, String> sources = new HashMap<>();

        Map<String, Option<?>> byEnv = new HashMap<>();
        for (Option<?> o : Options.all().values()) {
            byEnv.put(o.environmentVariable(), o);
        }
        for (Map.Entry<String, String> e : environment.entrySet()) {
            if (e.getKey().startsWith("THREADLENS_")) {
                Option<?> o = byEnv.get(e.getKey());
                if (o == null) {
                    throw unknown(e.getKey(), "environment variable", envNames());
                }
                put(values, sources, o, e.getValue(), "environment variable " + e.getKey());
            }
        }
        for (String key : systemProperties.stringPropertyNames()) {
            if (key.startsWith("threadlens.") && !key.startsWith(INTERNAL_PROPERTY_PREFIX)
                    && !key.startsWith(TEST_PROPERTY_PREFIX)) {
                String name = key.substring("threadlens.".length());
                Option<?> o = Options.all().get(name);
                if (o == null) {
                    throw unknown(key, "system property", optionNames("threadlens."));
                }
                put(values, sources, o, systemProperties.getProperty(key), "-D" + key);
            }
        }
        if (agentArgs != null && !agentArgs.isBlank()) {
            Option<?> previous = null;
            for (String pair : agentArgs.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    if (previous != null && Options.isSecret(previous)) {
                        // Most likely the rest of a password with a comma in it: never repeat it.
                        throw new ConfigException("agent arguments: the text after " + previous.name()
                                + "= is not key=value (a comma in the password?); agent arguments split at commas, "
                                + "so give the password in " + previous.name() + "File or "
                                + previous.environmentVariable() + " instead");
                    }
                    throw new ConfigException("agent argument '" + pair.trim()
                            + "' is not key=value; write for example -javaagent:threadlens-agent.jar=port=9404,host=0.0.0.0");
                }
                String name = pair.substring(0, eq).trim();
                Option<?> o = Options.all().get(name);
                if (o == null) {
                    throw unknown(name, "option", optionNames(""));
                }
                put(values, sources, o, pair.substring(eq + 1), "agent arguments");
                previous = o;
            }
        }
        return new Config(values, sources);
    }

    private static void put(Map<Option<?>, Object> values, Map<Option<?>, String> sources, Option<?> o,
            String text, String source) throws ConfigException {
        try {
            values.put(o, o.parse(text));
            sources.put(o, source);
        } catch (IllegalArgumentException e) {
            String shown = Options.isSecret(o) ? "(not shown)" : "'" + text + "'";
            throw new ConfigException("option '" + o.name() + "' has a bad value " + shown + " (from " + source
                    + "): expected " + o.accepted());
        }
    }

    private static ConfigException unknown(String key, String what, String known) {
        String hint = closest(key);
        return new ConfigException("unknown " + what + " '" + key + "'"
                + (hint == null ? "" : " (did you mean '" + hint + "'?)") + "; known: " + known);
    }

    private static String optionNames(String prefix) {
        StringJoiner j = new StringJoiner(", ");
        Options.all().keySet().forEach(n -> j.add(prefix + n));
        return j.toString();
    }

    private static String envNames() {
        StringJoiner j = new StringJoiner(", ");
        Options.all().values().forEach(o -> j.add(o.environmentVariable()));
        return j.toString();
    }

    /** The known option nearest to a misspelt key, if it is close enough to be a typo. */
    private static String closest(String key) {
        String k = key.toLowerCase(Locale.ROOT).replace("threadlens.", "").replace("threadlens_", "").replace("_", "");
        String best = null;
        int bestDistance = 3;
        for (String name : Options.all().keySet()) {
            int d = distance(k, name.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = name;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /**
     * Whether {@code strict=true} was asked for, read leniently: when the configuration has an
     * error, this still decides between "exit" and "run without the agent".
     */
    public static boolean strictRequested(String agentArgs, Properties systemProperties,
            Map<String, String> environment) {
        String value = environment.get(Options.STRICT.environmentVariable());
        value = systemProperties.getProperty(Options.STRICT.systemProperty(), value);
        if (agentArgs != null) {
            for (String pair : agentArgs.split(",")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).trim().equals(Options.STRICT.name())) {
                    value = pair.substring(eq + 1);
                }
            }
        }
        return value != null && value.trim().equalsIgnoreCase("true");
    }

    @SuppressWarnings("unchecked")
    public <T> T get(Option<T> option) {
        Object v = values.get(option);
        return v == null ? option.defaultValue() : (T) v;
    }

    /** Where the value of {@code option} came from, for messages. */
    public String source(Option<?> option) {
        return sources.getOrDefault(option, "default");
    }
}
