package org.initlab.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpSectionRenderer;

/**
 * Help text wrapped at spaces only. Picocli wraps usage text with {@link java.text.BreakIterator},
 * which breaks after a '.' or a '-' inside a word ({@code 0.|01}, {@code 1e-|6},
 * {@code metrics.|csv}), so numbers and file names were cut across lines. Here picocli lays the
 * help out on one very wide line per entry, and every section is then wrapped again to
 * {@link Terminal#helpWidth()} between words, with picocli's hanging indents: option, parameter
 * and command rows continue under their description column (plus two), the synopsis under the
 * first option, other lines under their own first character. A word longer than the width is
 * left whole on its line.
 */
final class HelpLayout {
    /** The width picocli lays out for, wide enough that it never wraps itself. */
    static final int UNWRAPPED = 10_000;

    private static final Set<String> ROW_SECTIONS = Set.of(
            CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST,
            CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST,
            CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST,
            CommandLine.Model.UsageMessageSpec.SECTION_KEY_END_OF_OPTIONS);

    /** A row: its name part, then at least two spaces, then the description. */
    private static final Pattern ROW = Pattern.compile("^( *\\S(?:.*?\\S)?  +)\\S");

    private HelpLayout() {}

    /** Lays out the help of {@code cl} and of every subcommand (call after they are added). */
    static void install(CommandLine cl) {
        cl.setColorScheme(Help.defaultColorScheme(Help.Ansi.OFF));
        cl.setUsageHelpWidth(UNWRAPPED);
        installSections(cl);
    }

    private static void installSections(CommandLine cl) {
        Map<String, IHelpSectionRenderer> sections = cl.getHelpSectionMap();
        for (Map.Entry<String, IHelpSectionRenderer> e : sections.entrySet()) {
            IHelpSectionRenderer original = e.getValue();
            String key = e.getKey();
            e.setValue(
                    key.equals(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS)
                            ? help ->
                                    synopsis(original.render(help), help.synopsisHeadingLength(), Terminal.helpWidth())
                            : help -> rewrap(original.render(help), Terminal.helpWidth(), indentOf(key)));
        }
        cl.setHelpSectionMap(sections);
        for (CommandLine sub : cl.getSubcommands().values()) {
            installSections(sub);
        }
    }

    /**
     * The synopsis ({@code initlab train [-hV] ...}, printed after its heading {@code "Usage: "}),
     * which picocli wraps by its own measure, joined and wrapped again: the first line shares the
     * width with the heading, the others continue under the first argument after the command's
     * name.
     */
    static String synopsis(String text, int headingLength, int width) {
        String end = text.endsWith("\n") ? "\n" : "";
        String joined =
                " ".repeat(headingLength) + String.join(" ", text.strip().split("\\s*\n\\s*"));
        if (joined.length() <= width) {
            return joined.substring(headingLength) + end;
        }
        List<String> lines = wrapLine(joined, width, continuation(joined, Indent.SYNOPSIS));
        lines.set(0, lines.get(0).substring(headingLength));
        return String.join("\n", lines) + end;
    }

    /** How a section's wrapped lines are indented. */
    private static Indent indentOf(String key) {
        if (ROW_SECTIONS.contains(key)) {
            return Indent.ROW;
        }
        if (key.equals(CommandLine.Model.UsageMessageSpec.SECTION_KEY_SYNOPSIS)) {
            return Indent.SYNOPSIS;
        }
        return Indent.OWN;
    }

    enum Indent {
        /** Under the description column, plus two. */
        ROW,
        /** Under the first argument after the command's name. */
        SYNOPSIS,
        /** Under the line's first character. */
        OWN
    }

    /** Each line of {@code text} longer than {@code width} wrapped at spaces. */
    static String rewrap(String text, int width, Indent indent) {
        StringBuilder sb = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (i > 0) {
                sb.append('\n');
            }
            if (line.length() <= width) {
                sb.append(line);
                continue;
            }
            sb.append(String.join("\n", wrapLine(line, width, continuation(line, indent))));
        }
        return sb.toString();
    }

    private static int continuation(String line, Indent indent) {
        int leading = line.length() - line.stripLeading().length();
        return switch (indent) {
            case ROW -> {
                Matcher m = ROW.matcher(line);
                yield (m.find() ? m.group(1).length() : leading) + 2;
            }
            case SYNOPSIS -> {
                // "initlab train [-hV] ...": under the first argument after the command's name
                int bracket = line.indexOf(" [");
                int dash = line.indexOf(" -");
                int at = bracket < 0 ? dash : dash < 0 ? bracket : Math.min(bracket, dash);
                yield at < 0 || at > 40 ? leading + 2 : at + 1;
            }
            case OWN -> leading;
        };
    }

    /** One line as lines of at most {@code width} characters, broken at spaces only. */
    static List<String> wrapLine(String line, int width, int indent) {
        int leading = line.length() - line.stripLeading().length();
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder(line.substring(0, leading));
        boolean empty = true;
        // keep runs of spaces inside the first line (the columns), split the rest into words
        String rest = line.substring(leading);
        List<String> tokens = new ArrayList<>();
        Matcher m = Pattern.compile("\\S+| +").matcher(rest);
        while (m.find()) {
            tokens.add(m.group());
        }
        String pendingSpace = "";
        for (String t : tokens) {
            if (t.isBlank()) {
                pendingSpace = t;
                continue;
            }
            if (empty) {
                current.append(t);
                empty = false;
            } else if (current.length() + pendingSpace.length() + t.length() <= width) {
                current.append(pendingSpace).append(t);
            } else {
                out.add(current.toString());
                current = new StringBuilder(" ".repeat(indent)).append(t);
            }
            pendingSpace = "";
        }
        out.add(current.toString());
        return out;
    }
}
