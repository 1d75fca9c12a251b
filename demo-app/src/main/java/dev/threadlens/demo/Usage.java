package dev.threadlens.demo;

import java.util.Locale;
import java.util.stream.Collectors;

/** The usage text (printed for {@code help} and, on stderr, for every bad command line). */
final class Usage {

    private Usage() {
    }

    static String text(Scenarios scenarios) {
        StringBuilder b = new StringBuilder();
        b.append("usage: java -javaagent:agent/target/threadlens-agent.jar -jar demo-app/target/demo-app.jar <command>\n")
                .append("  <scenario> [--duration D] [--threads N] [--mode M] [--hold]   run one scenario\n")
                .append("  all [--duration D] [--loop] [--hold]                          run every scenario in turn\n")
                .append("  list                                                          describe every scenario\n")
                .append("options:\n")
                .append(String.format(Locale.ROOT, "  --duration D  how long each scenario runs: 500ms, 10s, 2m (default %ds; %ds each in 'all')%n",
                        DemoApp.DEFAULT_DURATION.toSeconds(), DemoApp.ALL_STEP_DURATION.toSeconds()))
                .append("  --threads N   how many workers, for the scenarios that have workers (1 to ")
                .append(Arguments.MAX_THREADS).append(")\n")
                .append("  --mode M      a variant of a scenario:\n");
        for (Scenario s : scenarios.all()) {
            if (!s.modes().isEmpty()) {
                b.append(String.format(Locale.ROOT, "                  %-20s %s (default %s)%n", s.name(),
                        String.join("|", s.modes()), s.modes().get(0)));
            }
        }
        b.append("  --loop        with 'all': start over when done, until stopped (Ctrl+C)\n")
                .append("  --hold        when done, keep the JVM (and the agent's live page) up until Enter is pressed\n")
                .append("scenarios: ")
                .append(scenarios.all().stream().map(Scenario::name).collect(Collectors.joining(", ")))
                .append('\n');
        return b.toString();
    }
}
