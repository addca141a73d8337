package org.initlab.cli;

import java.io.Console;
import java.io.PrintWriter;

/**
 * A progress bar on standard error: redrawn in place on a terminal, one line per finished unit
 * otherwise (logs, CI).
 */
final class Progress {
    private final PrintWriter err;
    private final boolean terminal = onTerminal();
    private final String label;

    Progress(PrintWriter err, String label) {
        this.err = err;
        this.label = label;
    }

    void update(int done, int total, String detail) {
        if (!terminal) {
            return;
        }
        int width = 30;
        int filled = (int) ((long) width * done / Math.max(1, total));
        err.print("\r" + label + " [" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + done + "/" + total
                + " " + detail + "   ");
        err.flush();
    }

    /**
     * Whether the JVM runs on a terminal. {@code System.console()} is null otherwise on JDK 21 and 25, but
     * not on JDK 22 to 24, where {@code Console.isTerminal()} (JDK 22+, so called by reflection from
     * this Java 21 code) says it.
     */
    @SuppressWarnings("SystemConsoleNull") // null is the answer on JDK 21 and 25; isTerminal() covers 22 to 24
    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }

    void finish(String line) {
        err.print(terminal ? "\r" + " ".repeat(80) + "\r" : "");
        err.println(line);
        err.flush();
    }
}
