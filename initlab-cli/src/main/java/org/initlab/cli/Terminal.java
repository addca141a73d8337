package org.initlab.cli;

import java.util.Map;

/**
 * How wide the command's output may be. Tables and help are laid out for
 * <ul>
 *   <li>no limit with {@code --wide} (tables only: every cell on one line, however long);</li>
 *   <li>otherwise {@code $COLUMNS} when it is a positive integer: the launcher sets it from the
 *       terminal ({@code tput cols}) when standard output is one and it is not already exported;</li>
 *   <li>otherwise {@value #DEFAULT_COLUMNS} columns, also when the output goes to a pipe or a
 *       file, so that saved output reads the same on every machine.</li>
 * </ul>
 * Narrowing never loses anything: text cells wrap onto more lines, numbers are never broken,
 * and {@code --json} prints everything for programs.
 */
final class Terminal {
    /** Columns when neither {@code --wide} nor {@code $COLUMNS} says otherwise. */
    static final int DEFAULT_COLUMNS = 80;

    /** Narrowest layout honoured; a smaller {@code $COLUMNS} is read as this. */
    static final int MIN_COLUMNS = 40;

    private static volatile int columns = DEFAULT_COLUMNS;
    private static volatile boolean wide;

    private Terminal() {}

    /** Sets the layout of one run of the command; called by {@link Main#run} before it executes. */
    static void configure(boolean wideTables, Map<String, String> env) {
        columns = columns(env);
        wide = wideTables;
    }

    /** {@code $COLUMNS} when it is a positive integer (at least {@link #MIN_COLUMNS}), else the default. */
    static int columns(Map<String, String> env) {
        String text = env.get("COLUMNS");
        if (text != null && text.strip().matches("[0-9]{1,6}")) {
            int c = Integer.parseInt(text.strip());
            if (c > 0) {
                return Math.max(MIN_COLUMNS, c);
            }
        }
        return DEFAULT_COLUMNS;
    }

    /** The width tables fit: 0 for no limit ({@code --wide}). */
    static int tableWidth() {
        return wide ? 0 : columns;
    }

    /** The width help text is wrapped to. */
    static int helpWidth() {
        return columns;
    }
}
