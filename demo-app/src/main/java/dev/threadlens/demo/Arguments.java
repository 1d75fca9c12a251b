package dev.threadlens.demo;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the command line: {@code <scenario>|all|list [--duration D] [--threads N] [--mode M]
 * [--loop] [--hold]}, options also as {@code --name=value}. Everything that cannot run is a
 * {@link UsageException} naming the problem.
 */
public final class Arguments {

    /** A hidden sub-command: the demo jar started as a child process by the {@code processes} scenario. */
    public static final String PROCESS_WORKER = "process-worker";

    static final int MAX_THREADS = 1_000;
    static final Duration MAX_DURATION = Duration.ofHours(24);

    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)?");

    private final Scenarios scenarios;

    public Arguments(Scenarios scenarios) {
        this.scenarios = scenarios;
    }

    public Invocation parse(String... args) throws UsageException {
        if (args.length == 0) {
            throw new UsageException("name a scenario, or 'all', or 'list'");
        }
        String first = args[0];
        switch (first) {
            case "list":
                requireNoMore(args, first);
                return new Invocation(Invocation.Command.LIST, null, null, null, null, false, false);
            case "help":
            case "--help":
            case "-h":
                return new Invocation(Invocation.Command.HELP, null, null, null, null, false, false);
            case PROCESS_WORKER:
                return new Invocation(Invocation.Command.PROCESS_WORKER, null, null, null, null, false, false);
            default:
                break;
        }
        boolean all = first.equals("all");
        Scenario scenario = null;
        if (!all) {
            if (first.startsWith("-")) {
                throw new UsageException("name a scenario, or 'all', or 'list', before the options (got '" + first + "')");
            }
            scenario = scenarios.find(first)
                    .orElseThrow(() -> new UsageException("unknown scenario '" + first + "'; run 'list' to see them"));
        }
        Duration duration = null;
        Integer threads = null;
        String mode = null;
        boolean loop = false;
        boolean hold = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            switch (name) {
                case "--duration":
                    requireUnset(duration, name);
                    duration = duration(value != null ? value : next(args, ++i, name));
                    break;
                case "--threads":
                    requireUnset(threads, name);
                    threads = threads(value != null ? value : next(args, ++i, name));
                    break;
                case "--mode":
                    requireUnset(mode, name);
                    mode = value != null ? value : next(args, ++i, name);
                    break;
                case "--loop":
                    requireNoValue(value, name);
                    loop = true;
                    break;
                case "--hold":
                    requireNoValue(value, name);
                    hold = true;
                    break;
                default:
                    throw new UsageException(arg.startsWith("-") ? "unknown option '" + arg + "'"
                            : "unexpected argument '" + arg + "' (one scenario at a time, or 'all')");
            }
        }
        if (all) {
            if (threads != null || mode != null) {
                throw new UsageException("--threads and --mode apply to one scenario, not to 'all'");
            }
            return new Invocation(Invocation.Command.ALL, null, duration, null, null, loop, hold);
        }
        if (loop) {
            throw new UsageException("--loop goes with 'all'");
        }
        if (mode != null && !scenario.modes().contains(mode)) {
            throw new UsageException(scenario.modes().isEmpty() ? scenario.name() + " has no modes"
                    : "unknown mode '" + mode + "' for " + scenario.name() + "; expected one of "
                            + String.join(", ", scenario.modes()));
        }
        if (threads != null && threads < scenario.minThreads()) {
            throw new UsageException("--threads for " + scenario.name() + " must be at least " + scenario.minThreads());
        }
        return new Invocation(Invocation.Command.SCENARIO, scenario, duration, threads, mode, false, hold);
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}; a bare number is seconds. */
    static Duration duration(String text) throws UsageException {
        Matcher m = DURATION.matcher(text);
        if (!m.matches()) {
            throw new UsageException("bad duration '" + text + "'; expected a number with ms, s, m or h, e.g. 10s");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        Duration d;
        switch (unit) {
            case "ms":
                d = Duration.ofMillis(amount);
                break;
            case "m":
                d = Duration.ofMinutes(amount);
                break;
            case "h":
                d = Duration.ofHours(amount);
                break;
            default:
                d = Duration.ofSeconds(amount);
                break;
        }
        if (d.isZero() || d.compareTo(MAX_DURATION) > 0) {
            throw new UsageException("bad duration '" + text + "'; expected more than 0 and at most 24h");
        }
        return d;
    }

    static int threads(String text) throws UsageException {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= MAX_THREADS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below says what is accepted
        }
        throw new UsageException("bad number of threads '" + text + "'; expected a whole number from 1 to " + MAX_THREADS);
    }

    private static String next(String[] args, int i, String option) throws UsageException {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static void requireUnset(Object value, String option) throws UsageException {
        if (value != null) {
            throw new UsageException(option + " given twice");
        }
    }

    private static void requireNoValue(String value, String option) throws UsageException {
        if (value != null) {
            throw new UsageException(option + " takes no value");
        }
    }

    private static void requireNoMore(String[] args, String command) throws UsageException {
        if (args.length > 1) {
            throw new UsageException("'" + command + "' takes no options (got '" + args[1] + "')");
        }
    }
}
