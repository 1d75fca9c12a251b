package dev.threadlens.dashboards.model;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Grafana's variable substitution in a Prometheus query, for the values a test chooses:
 * {@code $name}, {@code ${name}} and {@code ${name:format}}. A single value used in a regex
 * matcher is regex-escaped, as Grafana does; an unknown variable is an error.
 */
public final class Interpolation {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?}|\\$([A-Za-z_][A-Za-z0-9_]*)");

    private final Map<String, String> values;

    /** {@code values}: variable name to its text as it should appear in the query. */
    public Interpolation(Map<String, String> values) {
        this.values = values;
    }

    public String apply(String query) {
        Matcher m = VARIABLE.matcher(query);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1) != null ? m.group(1) : m.group(2);
            String value = values.get(name);
            if (value == null) {
                throw new IllegalArgumentException("no value for variable $" + name + " in: " + query);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** A literal value for use inside {@code =~"..."}: regex metacharacters escaped, then PromQL-string escaped. */
    public static String regexLiteral(String value) {
        String regex = value.replaceAll("[\\\\.^$|?*+()\\[\\]{}]", "\\\\$0");
        return regex.replace("\\", "\\\\");
    }
}
