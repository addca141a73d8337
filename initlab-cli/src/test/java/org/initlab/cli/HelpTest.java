package org.initlab.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The help of every command and subcommand: no picocli warning, one-sentence summaries, lines that fit, words kept whole. */
class HelpTest {
    /** Every command path: [], [list], ..., [data, list], [data, fetch]. */
    static List<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        collect(new CommandLine(new Main()), new ArrayList<>(), all);
        return all;
    }

    private static void collect(CommandLine cl, List<String> path, List<List<String>> all) {
        all.add(List.copyOf(path));
        cl.getSubcommands().forEach((name, sub) -> {
            if (!name.equals("help")) {
                List<String> p = new ArrayList<>(path);
                p.add(name);
                collect(sub, p, all);
            }
        });
    }

    record Help(int status, String out, String err, String systemErr) {}

    static Help help(List<String> command, int columns) {
        List<String> args = new ArrayList<>(command);
        args.add("--help");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream traced = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        System.setErr(new PrintStream(traced, true, StandardCharsets.UTF_8));
        int status;
        try {
            status = Main.run(
                    args.toArray(String[]::new),
                    new PrintWriter(out),
                    new PrintWriter(err),
                    Map.of("COLUMNS", Integer.toString(columns)));
        } finally {
            System.setErr(saved);
        }
        return new Help(status, out.toString(), err.toString(), traced.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyHelpPrintsWithoutAPicocliWarning() {
        List<List<String>> commands = commands();
        assertThat(commands).hasSizeGreaterThan(14);
        for (List<String> c : commands) {
            Help h = help(c, 80);
            assertThat(h.status()).as("%s", c).isZero();
            assertThat(h.out()).as("%s", c).startsWith("Usage: initlab");
            assertThat(h.err()).as("%s", c).isEmpty();
            assertThat(h.systemErr()).as("%s", c).doesNotContain("picocli").doesNotContain("WARN");
        }
    }

    @Test
    void helpLinesFitEightyColumnsAndNoWordIsBroken() {
        for (List<String> c : commands()) {
            String narrow = help(c, 80).out();
            for (String line : narrow.lines().toList()) {
                // a line may pass the width only when it is one word that cannot be broken
                assertThat(line.length() <= 80 || !line.strip().contains(" "))
                        .as("%s: %s", c, line)
                        .isTrue();
            }
            // wrapping only ever replaced spaces: the words are those of the unwrapped help
            String unwrapped = help(c, 100_000).out();
            assertThat(words(narrow)).as("%s", c).isEqualTo(words(unwrapped));
        }
        assertThat(help(List.of("sample"), 80).out()).contains("normal(std=0.01).");
        assertThat(help(List.of("probe"), 80).out()).contains(" 1e-6.").contains("50% saturated");
    }

    private static List<String> words(String text) {
        return Arrays.asList(text.strip().split("\\s+"));
    }

    @Test
    void everyCommandSummaryIsOneFullSentence() {
        CommandLine main = new CommandLine(new Main());
        main.getSubcommands().forEach((name, sub) -> {
            if (name.equals("help")) {
                return; // picocli's own; its summary is its header, "Display help information about the specified
                // command."
            }
            String summary = sub.getCommandSpec().usageMessage().description()[0];
            assertThat(summary).as(name).matches("[A-Z].*\\.").doesNotContain(". ");
            assertThat(summary.length()).as(name).isLessThanOrEqualTo(100);
        });
        String list = help(List.of(), 80).out();
        assertThat(list)
                .contains("  explain   Show the method card of an initializer or a plan.\n")
                .contains("  fans      Print fan_in, fan_out and the receptive field of a weight tensor.\n");
    }

    @Test
    void wrappingKeepsNumbersWholeWherePicocliWouldBreakThem() {
        // java.text.BreakIterator breaks "0.|01" and "1e-|6"; the layout breaks at spaces only
        List<String> lines =
                HelpLayout.wrapLine("      --x    A value such as 0.01 or 1e-6 or metrics.csv, given twice.", 30, 13);
        assertThat(lines)
                .containsExactly(
                        "      --x    A value such as",
                        "             0.01 or 1e-6 or",
                        "             metrics.csv,",
                        "             given twice.");
    }
}
