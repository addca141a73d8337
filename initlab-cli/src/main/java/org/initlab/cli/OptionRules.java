package org.initlab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.initlab.core.Names;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The door every numeric option passes before a command runs: one home for what each accepts.
 * A real number must be finite ({@link #FINITE}, registered as the converter of every
 * {@code double} option), and each option below must lie in its range. An option means the same
 * thing in every command that has it ({@code --batch} is examples per batch everywhere), so the
 * table is keyed by the option's name; a command that needs otherwise is keyed
 * {@code "command --option"}. A value outside its range is a bad argument: exit 2 with one line
 * naming the option, the value and what is valid.
 */
final class OptionRules {
    private OptionRules() {}

    /** A closed interval of accepted values ({@code lowOpen}: the low end itself is refused). */
    record Range(double low, boolean lowOpen, double high) {
        boolean contains(double v) {
            return (lowOpen ? v > low : v >= low) && v <= high;
        }

        String describe(boolean integer) {
            String low = integer ? Long.toString((long) this.low) : Format.num(this.low);
            String kind = integer ? "an integer" : "a number";
            return kind
                    + (lowOpen ? " > " : " >= ")
                    + low
                    + (Double.isInfinite(high)
                            ? ""
                            : " and <= " + (integer ? Long.toString((long) high) : Format.num(high)));
        }
    }

    private static final double INF = Double.POSITIVE_INFINITY;

    static final Map<String, Range> RANGES = Map.ofEntries(
            Map.entry("--batch", new Range(1, false, INF)),
            Map.entry("probe --batch", new Range(2, false, 100_000)),
            Map.entry("advise --batch", new Range(2, false, 100_000)),
            Map.entry("--epochs", new Range(1, false, INF)),
            Map.entry("--limit", new Range(1, false, INF)),
            Map.entry("--probe", new Range(1, false, INF)),
            Map.entry("--threads", new Range(1, false, 256)),
            Map.entry("--depth", new Range(1, false, INF)),
            Map.entry("critical --depth", new Range(1, false, 100_000)),
            Map.entry("--width", new Range(1, false, INF)),
            Map.entry("demo --width", new Range(2, false, INF)),
            Map.entry("--groups", new Range(1, false, INF)),
            Map.entry("--fan-in", new Range(1, false, INF)),
            Map.entry("--fan-out", new Range(1, false, INF)),
            Map.entry("--seeds", new Range(0, false, INF)),
            Map.entry("--clip-norm", new Range(0, true, INF)),
            Map.entry("--clip-value", new Range(0, true, INF)),
            Map.entry("--sigma-b2", new Range(0, false, INF)),
            Map.entry("--sigma-w2", new Range(0, true, INF)),
            Map.entry("--q0", new Range(0, true, INF)));

    /** The converter of every {@code double} option: a finite number, or a bad argument. */
    static final CommandLine.ITypeConverter<Double> FINITE = text -> {
        double v;
        try {
            v = Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a number");
        }
        if (!Double.isFinite(v)) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a finite number");
        }
        return v;
    };

    /**
     * Registers the finite-number converter for every {@code double} option of {@code cl} and its
     * subcommands; {@link #check} runs before the command (see {@link Main#run}).
     */
    static void install(CommandLine cl) {
        cl.registerConverter(Double.class, FINITE);
        cl.registerConverter(double.class, FINITE);
    }

    /**
     * Checks the options given to the command being run (the last subcommand) against
     * {@link #RANGES}; nothing is checked when help or the version is asked for.
     *
     * @throws ParameterException naming the option, the value and its range
     */
    static void check(ParseResult parsed) {
        ParseResult last = parsed;
        while (true) {
            if (last.isUsageHelpRequested() || last.isVersionHelpRequested()) {
                return;
            }
            if (!last.hasSubcommand()) {
                break;
            }
            last = last.subcommand();
        }
        CommandSpec command = last.commandSpec();
        for (OptionSpec o : last.matchedOptions()) {
            Range r = RANGES.getOrDefault(command.name() + " " + o.longestName(), RANGES.get(o.longestName()));
            Object value = o.getValue();
            if (r != null && value instanceof Number n && !r.contains(n.doubleValue())) {
                boolean integer = !(value instanceof Double || value instanceof Float);
                throw new ParameterException(
                        last.commandSpec().commandLine(),
                        o.longestName() + " must be " + r.describe(integer) + ", got "
                                + (integer ? value.toString() : Format.num(n.doubleValue())));
            }
        }
    }

    /**
     * One line for an unknown command or option, with the nearest valid name when it is a likely
     * typo: {@code unknown option '--epoch'; did you mean '--epochs'?}.
     */
    static String unmatched(UnmatchedArgumentException ex) {
        CommandSpec spec = ex.getCommandLine().getCommandSpec();
        List<String> unmatched = ex.getUnmatched();
        String given = unmatched.isEmpty() ? "" : unmatched.get(0);
        List<String> candidates = new ArrayList<>();
        String kind;
        if (given.startsWith("-")) {
            kind = "option";
            String name = given.contains("=") ? given.substring(0, given.indexOf('=')) : given;
            spec.options().forEach(o -> candidates.addAll(List.of(o.names())));
            given = name;
        } else if (!spec.subcommands().isEmpty()) {
            kind = "command";
            candidates.addAll(spec.subcommands().keySet());
        } else {
            return "unexpected argument '" + given + "'";
        }
        String tip = Names.closest(given, candidates)
                .map(s -> "; did you mean '" + s + "'?")
                .orElse("");
        return "unknown " + kind + " '" + given + "'" + tip;
    }
}
