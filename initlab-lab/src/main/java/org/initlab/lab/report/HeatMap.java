package org.initlab.lab.report;

import java.util.List;
import java.util.Locale;

/**
 * A heat map as a self-contained SVG: one coloured cell per (column, row) value on a colour-blind
 * safe sequential scale (viridis) from {@code low} to {@code high}, the value in each cell's
 * hover title, a colour bar, and optionally a curve drawn over it (a theory line: one y value per
 * column, in the rows' units, interpolated between row centres; above the top row it is clipped
 * and marked with an arrow). Rows are drawn bottom-up in the order given, so a depth axis grows
 * upward.
 */
public final class HeatMap {
    /** Viridis at 0, 0.25, 0.5, 0.75 and 1. */
    private static final int[][] VIRIDIS = {{68, 1, 84}, {59, 82, 139}, {33, 145, 140}, {94, 201, 98}, {253, 231, 37}};

    private static final int LEFT = 64;
    private static final int TOP = 44;
    private static final int CELL_H = 22;
    private static final int BAR = 70;
    /** The narrowest chart, in viewBox units, so the title and colour bar fit. */
    private static final int MIN_WIDTH = 480;

    private HeatMap() {}

    /**
     * The heat map.
     *
     * @param columns the column labels (x axis)
     * @param rows the row values (y axis, drawn bottom-up)
     * @param values {@code values[row][column]}; NaN cells are grey (no result or diverged)
     * @param curve one y value per column in the rows' units, or {@code null}; NaN leaves a gap
     * @param curveName the curve's legend, e.g. {@code "6 ξ_c (mean field)"}
     */
    public static String svg(
            String title,
            String xLabel,
            List<String> columns,
            String yLabel,
            double[] rows,
            double[][] values,
            double low,
            double high,
            String valueLabel,
            double[] curve,
            String curveName) {
        int cellW = Math.max(
                Math.max(18, (MIN_WIDTH - LEFT - BAR - 40) / Math.max(1, columns.size())),
                Math.min(48, 560 / Math.max(1, columns.size())));
        int width = LEFT + cellW * columns.size() + BAR + 40;
        int height = TOP + CELL_H * rows.length + 56;
        StringBuilder sb = new StringBuilder();
        // class 'wide': the report gives it the whole row (its cells are as wide as the labels need)
        sb.append("<svg xmlns='http://www.w3.org/2000/svg' class='wide' viewBox='0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("' role='img' font-family='sans-serif'><title>")
                .append(Svg.escape(title))
                .append("</title>")
                .append("<rect width='100%' height='100%' fill='white'/>")
                .append(String.format(
                        Locale.ROOT,
                        "<text x='8' y='18' font-size='13' font-weight='bold'>%s</text>",
                        Svg.escape(title)));
        int bottom = TOP + CELL_H * rows.length;
        for (int r = 0; r < rows.length; r++) {
            int y = bottom - CELL_H * (r + 1);
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x='%d' y='%d' text-anchor='end' font-size='11'>%s</text>",
                    LEFT - 6,
                    y + CELL_H / 2 + 4,
                    Svg.escape(number(rows[r]))));
            for (int c = 0; c < columns.size(); c++) {
                double v = values[r][c];
                String fill = Double.isFinite(v) ? colour((v - low) / (high - low)) : "#bbbbbb";
                sb.append(String.format(
                        Locale.ROOT,
                        "<rect x='%d' y='%d' width='%d' height='%d' fill='%s'><title>%s</title></rect>",
                        LEFT + c * cellW,
                        y,
                        cellW,
                        CELL_H,
                        fill,
                        Svg.escape(xLabel + " " + columns.get(c) + ", " + yLabel
                                + " " + number(rows[r]) + ": " + valueLabel + " "
                                + (Double.isFinite(v)
                                        ? String.format(Locale.ROOT, "%.3f", v)
                                        : "none (diverged or missing)"))));
            }
        }
        int step = Math.max(1, (int) Math.ceil(columns.size() * 34.0 / (cellW * columns.size())));
        for (int c = 0; c < columns.size(); c += step) {
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x='%d' y='%d' text-anchor='middle' font-size='11'>%s</text>",
                    LEFT + c * cellW + cellW / 2,
                    bottom + 15,
                    Svg.escape(columns.get(c))));
        }
        sb.append(String.format(
                Locale.ROOT,
                "<text x='%d' y='%d' text-anchor='middle' font-size='12'>%s</text>",
                LEFT + cellW * columns.size() / 2,
                bottom + 34,
                Svg.escape(xLabel)));
        sb.append(String.format(
                Locale.ROOT,
                "<text transform='translate(14,%d) rotate(-90)' text-anchor='middle'" + " font-size='12'>%s</text>",
                TOP + CELL_H * rows.length / 2,
                Svg.escape(yLabel)));
        if (curve != null) {
            curve(sb, curve, rows, cellW, bottom, curveName);
        }
        colourBar(sb, LEFT + cellW * columns.size() + 24, bottom, CELL_H * rows.length, low, high, valueLabel);
        return sb.append("</svg>").toString();
    }

    private static void curve(StringBuilder sb, double[] curve, double[] rows, int cellW, int bottom, String name) {
        StringBuilder path = new StringBuilder();
        boolean pen = false;
        for (int c = 0; c < curve.length; c++) {
            double y = rowPosition(curve[c], rows, bottom);
            if (!Double.isFinite(y)) {
                pen = false;
                continue;
            }
            double top = bottom - CELL_H * rows.length;
            double x = LEFT + c * cellW + cellW / 2.0;
            if (y < top) {
                sb.append(String.format(
                        Locale.ROOT,
                        "<text x='%.1f' y='%.1f' text-anchor='middle' font-size='12'" + " fill='white'>↑</text>",
                        x,
                        top + 12));
                y = top;
            }
            path.append(pen ? " L" : "M").append(String.format(Locale.ROOT, "%.1f %.1f", x, y));
            pen = true;
        }
        sb.append("<path d='")
                .append(path)
                .append("' fill='none' stroke='white' stroke-width='4' stroke-opacity='0.8'/>");
        sb.append("<path d='")
                .append(path)
                .append("' fill='none' stroke='#D55E00' stroke-width='2' stroke-dasharray='6 3'/>");
        sb.append(String.format(
                Locale.ROOT,
                "<line x1='%d' y1='32' x2='%d' y2='32' stroke='#D55E00' stroke-width='2'"
                        + " stroke-dasharray='6 3'/><text x='%d' y='36' font-size='11'>%s</text>",
                LEFT,
                LEFT + 24,
                LEFT + 30,
                Svg.escape(name)));
    }

    /** The y pixel of a value in the rows' units: between row centres linearly, beyond the ends linearly too. */
    private static double rowPosition(double v, double[] rows, int bottom) {
        if (!Double.isFinite(v) && v != Double.POSITIVE_INFINITY) {
            return Double.NaN;
        }
        if (v == Double.POSITIVE_INFINITY) {
            return Double.NEGATIVE_INFINITY;
        }
        double centre0 = bottom - CELL_H / 2.0;
        if (rows.length == 1) {
            return v >= rows[0] ? centre0 - (v > rows[0] ? CELL_H : 0) : centre0 + CELL_H / 2.0;
        }
        int i = 0;
        while (i < rows.length - 2 && v > rows[i + 1]) {
            i++;
        }
        double t = (v - rows[i]) / (rows[i + 1] - rows[i]);
        double y = centre0 - CELL_H * (i + t);
        return Math.min(y, bottom);
    }

    private static void colourBar(StringBuilder sb, int x, int bottom, int h, double low, double high, String label) {
        int steps = 20;
        for (int i = 0; i < steps; i++) {
            sb.append(String.format(
                    Locale.ROOT,
                    "<rect x='%d' y='%.1f' width='12' height='%.1f' fill='%s'/>",
                    x,
                    bottom - h * (i + 1.0) / steps,
                    h / (double) steps + 0.5,
                    colour((i + 0.5) / steps)));
        }
        sb.append(String.format(
                Locale.ROOT, "<text x='%d' y='%d' font-size='10'>%s</text>", x + 16, bottom, number(low)));
        sb.append(String.format(
                Locale.ROOT, "<text x='%d' y='%d' font-size='10'>%s</text>", x + 16, bottom - h + 8, number(high)));
        sb.append(String.format(
                Locale.ROOT,
                "<text transform='translate(%d,%d) rotate(-90)' text-anchor='middle'" + " font-size='11'>%s</text>",
                x + 44,
                bottom - h / 2,
                Svg.escape(label)));
    }

    /** Viridis at {@code t} in [0, 1] (clamped). */
    static String colour(double t) {
        double u = Math.max(0, Math.min(1, t)) * (VIRIDIS.length - 1);
        int i = Math.min(VIRIDIS.length - 2, (int) u);
        double f = u - i;
        int[] a = VIRIDIS[i];
        int[] b = VIRIDIS[i + 1];
        return String.format(
                Locale.ROOT,
                "#%02x%02x%02x",
                Math.round(a[0] + f * (b[0] - a[0])),
                Math.round(a[1] + f * (b[1] - a[1])),
                Math.round(a[2] + f * (b[2] - a[2])));
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
