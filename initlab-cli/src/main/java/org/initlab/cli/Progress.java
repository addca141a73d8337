package org.initlab.cli;

import java.io.PrintWriter;

/**
 * A progress bar on standard error: redrawn in place on a terminal, one line per finished unit
 * otherwise (logs, CI).
 */
final class Progress {
    private final PrintWriter err;
    private final boolean terminal = System.console() != null;
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

    void finish(String line) {
        err.print(terminal ? "\r" + " ".repeat(80) + "\r" : "");
        err.println(line);
        err.flush();
    }
}
