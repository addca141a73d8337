package org.initlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A plain-text table with aligned columns; numbers (and percentages, inf, nan, n/a)
 * right-aligned, text left-aligned.
 *
 * <p>It fits {@link Terminal#tableWidth()} (or the width given to {@link #print(PrintWriter, int)}):
 * when the natural layout is wider, text columns are narrowed, widest first, and their cells
 * wrap at spaces onto more lines; number columns keep their width, so a number is never broken.
 * When even that is too wide, the columns are printed in blocks that fit, each block repeating
 * the first column. Nothing is elided. In a column marked with {@link #notes}, a text shared by
 * several rows is printed once below the table as a numbered note, the rows showing its number
 * ({@code [1]}).
 */
final class Table {
    /** Narrowest a text column is made, unless its header is wider. */
    static final int MIN_TEXT_WIDTH = 8;

    /** Longest word a text column keeps whole when it must narrow; longer words are cut. */
    static final int MAX_UNBROKEN_WORD = 20;

    /** Cells printed as numbers (right-aligned, never wrapped): numbers, percentages, inf, nan, n/a. */
    private static final String NUMBER = "[-+]?[0-9.]+(e[-+]?[0-9]+)?%?|[-+]?inf|nan|n/a";

    private final List<String> header;
    private final List<List<String>> rows = new ArrayList<>();
    private int notesColumn = -1;

    Table(String... header) {
        this.header = List.of(header);
    }

    Table row(Object... cells) {
        List<String> r = new ArrayList<>();
        for (Object c : cells) {
            r.add(c instanceof Double d ? Format.num(d) : String.valueOf(c));
        }
        rows.add(r);
        return this;
    }

    /** Prints the texts of {@code column} that several rows share once, as numbered notes below the table. */
    Table notes(String column) {
        notesColumn = header.indexOf(column);
        if (notesColumn < 0) {
            throw new IllegalArgumentException("no column '" + column + "' in " + header);
        }
        return this;
    }

    void print(PrintWriter out) {
        print(out, Terminal.tableWidth());
    }

    /**
     * Prints the table fitted to {@code width} columns (0: no limit). When even the narrowest
     * layout is wider, the columns are printed in blocks that fit, each repeating the first
     * column, as R and pandas print wide data frames.
     */
    void print(PrintWriter out, int width) {
        List<String> notes = new ArrayList<>();
        List<List<String>> body = notesColumn >= 0 ? numberShared(notes) : rows;
        int n = header.size();
        int[] natural = new int[n];
        int[] least = new int[n];
        boolean[] numeric = new boolean[n];
        for (int i = 0; i < n; i++) {
            natural[i] = header.get(i).length();
            numeric[i] = true;
            int longestWord = 0;
            for (List<String> r : body) {
                String c = r.get(i);
                natural[i] = Math.max(natural[i], c.length());
                numeric[i] &= c.isEmpty() || c.matches(NUMBER);
                for (String word : c.split(" ")) {
                    longestWord = Math.max(longestWord, word.length());
                }
            }
            least[i] = numeric[i]
                    ? natural[i]
                    : Math.min(natural[i], Math.max(header.get(i).length(), Math.min(longestWord, MAX_UNBROKEN_WORD)));
        }
        if (width <= 0 || total(natural, all(n)) <= width) {
            render(out, body, all(n), natural);
        } else if (total(least, all(n)) <= width) {
            render(out, body, all(n), fit(natural, least, all(n), width));
        } else {
            List<List<Integer>> blocks = new ArrayList<>();
            List<Integer> block = new ArrayList<>(List.of(0));
            for (int i = 1; i < n; i++) {
                block.add(i);
                if (block.size() > 2 && total(least, block) > width) {
                    block.remove(block.size() - 1);
                    blocks.add(block);
                    block = new ArrayList<>(List.of(0, i));
                }
            }
            blocks.add(block);
            for (int k = 0; k < blocks.size(); k++) {
                if (k > 0) {
                    out.println();
                }
                render(out, body, blocks.get(k), fit(natural, least, blocks.get(k), width));
            }
        }
        for (int k = 0; k < notes.size(); k++) {
            String mark = "[" + (k + 1) + "] ";
            List<String> lines = width <= 0
                    ? List.of(notes.get(k))
                    : wrap(notes.get(k), Math.max(MIN_TEXT_WIDTH, width - mark.length()));
            for (int j = 0; j < lines.size(); j++) {
                out.println((j == 0 ? mark : " ".repeat(mark.length())) + lines.get(j));
            }
        }
    }

    private static List<Integer> all(int n) {
        List<Integer> columns = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            columns.add(i);
        }
        return columns;
    }

    /** The printed width of {@code columns} at widths {@code w}, separators included. */
    private static int total(int[] w, List<Integer> columns) {
        int sum = 2 * (columns.size() - 1);
        for (int i : columns) {
            sum += w[i];
        }
        return sum;
    }

    /** Prints the header, the rule and the rows of {@code columns} at widths {@code w}, wrapping cells that are wider. */
    private void render(PrintWriter out, List<List<String>> body, List<Integer> columns, int[] w) {
        List<String> head = new ArrayList<>();
        int[] widths = new int[columns.size()];
        StringBuilder rule = new StringBuilder();
        for (int k = 0; k < columns.size(); k++) {
            head.add(header.get(columns.get(k)));
            widths[k] = w[columns.get(k)];
            rule.append(k == 0 ? "" : "  ").append("-".repeat(widths[k]));
        }
        out.println(line(head, widths, true));
        out.println(rule);
        for (List<String> r : body) {
            List<List<String>> wrapped = new ArrayList<>();
            int height = 1;
            for (int k = 0; k < columns.size(); k++) {
                String c = r.get(columns.get(k));
                List<String> parts = c.length() <= widths[k] ? List.of(c) : wrap(c, widths[k]);
                wrapped.add(parts);
                height = Math.max(height, parts.size());
            }
            for (int j = 0; j < height; j++) {
                List<String> cells = new ArrayList<>();
                for (List<String> parts : wrapped) {
                    cells.add(j < parts.size() ? parts.get(j) : "");
                }
                out.println(line(cells, widths, false));
            }
        }
    }

    /** The rows with each text shared by several rows of the notes column replaced by its note number. */
    private List<List<String>> numberShared(List<String> notes) {
        Map<String, Integer> count = new LinkedHashMap<>();
        for (List<String> r : rows) {
            count.merge(r.get(notesColumn), 1, Integer::sum);
        }
        List<List<String>> body = new ArrayList<>();
        for (List<String> r : rows) {
            String text = r.get(notesColumn);
            if (count.get(text) > 1 && !text.isEmpty()) {
                if (!notes.contains(text)) {
                    notes.add(text);
                }
                List<String> copy = new ArrayList<>(r);
                copy.set(notesColumn, "[" + (notes.indexOf(text) + 1) + "]");
                body.add(copy);
            } else {
                body.add(r);
            }
        }
        return body;
    }

    /**
     * Widths for {@code columns} within {@code width}: each starts at its least width ({@code least}:
     * a number column's natural width, a text column's longest word up to
     * {@link #MAX_UNBROKEN_WORD} or its header), then the space left is shared among the text
     * columns, the narrow ones first, each up to its natural width, so the widest absorb the
     * narrowing.
     */
    static int[] fit(int[] natural, int[] least, List<Integer> columns, int width) {
        int[] w = natural.clone();
        int budget = width - 2 * (columns.size() - 1);
        List<Integer> growing = new ArrayList<>();
        for (int i : columns) {
            w[i] = least[i];
            budget -= w[i];
            if (w[i] < natural[i]) {
                growing.add(i);
            }
        }
        growing.sort((a, b) -> Integer.compare(natural[a], natural[b]));
        for (int k = 0; k < growing.size(); k++) {
            int i = growing.get(k);
            int add = Math.min(natural[i] - w[i], Math.max(0, budget) / (growing.size() - k));
            w[i] += add;
            budget -= add;
        }
        return w;
    }

    /** {@code text} in lines of at most {@code width} characters, broken at spaces; a longer word is cut. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.strip().split(" +")) {
            while (word.length() > width) {
                if (!line.isEmpty()) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                lines.add(word.substring(0, width));
                word = word.substring(width);
            }
            if (line.isEmpty()) {
                line.append(word);
            } else if (line.length() + 1 + word.length() <= width) {
                line.append(' ').append(word);
            } else {
                lines.add(line.toString());
                line.setLength(0);
                line.append(word);
            }
        }
        if (!line.isEmpty() || lines.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static String line(List<String> cells, int[] width, boolean header) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            boolean right = !header && c.matches(NUMBER);
            String pad = " ".repeat(Math.max(0, width[i] - c.length()));
            sb.append(i == 0 ? "" : "  ").append(right ? pad + c : c + (i == cells.size() - 1 ? "" : pad));
        }
        return sb.toString().stripTrailing();
    }
}
