package org.initlab.lab.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.initlab.lab.probe.Histogram;

/**
 * Charts as self-contained SVG strings (a {@code viewBox}, so they scale to any width; no script,
 * no external resource): line charts with axes, ticks, optional bands (a spread across seeds) and a
 * legend beside the plot (never over the data), points per category with intervals, histograms and
 * grids of histograms on one shared axis. Integer axes (epochs, layers) get integer ticks; a line
 * that stops at a non-finite value (a diverged run) ends in a cross, marked in the legend; long
 * titles wrap.
 */
public final class Svg {
    /**
     * A named line: {@code x[i], y[i]} points, and optionally a band {@code [low[i], high[i]]}
     * around it (both null for none).
     */
    public record Series(String name, double[] x, double[] y, double[] low, double[] high) {
        public Series {
            if (x.length != y.length
                    || (low != null && low.length != y.length)
                    || (high != null && high.length != y.length)) {
                throw new IllegalArgumentException("series " + name + ": x, y and band lengths differ");
            }
            if ((low == null) != (high == null)) {
                throw new IllegalArgumentException("series " + name + ": a band needs both ends");
            }
        }

        /** A line without a band. */
        public Series(String name, double[] x, double[] y) {
            this(name, x, y, null, null);
        }

        /** Index of the last finite point when a non-finite one follows it (the run diverged), else -1. */
        int divergedAt() {
            int lastFinite = -1;
            for (int i = 0; i < y.length; i++) {
                if (Double.isFinite(y[i])) {
                    lastFinite = i;
                } else if (lastFinite >= 0) {
                    return lastFinite;
                }
            }
            return -1;
        }

        /** The values this series spans: the line and its band. */
        double[] values(int i) {
            return low == null ? new double[] {y[i]} : new double[] {y[i], low[i], high[i]};
        }
    }

    /** Colours of successive series (colour-blind-safe Okabe–Ito palette). */
    static final List<String> PALETTE =
            List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000");

    /** Width of the plot's box; the legend adds its own width to the right. */
    private static final int W = 480;

    private static final int H = 300;
    private static final int LEFT = 62;
    private static final int RIGHT = 12;
    private static final int TOP = 28;
    private static final int BOTTOM = 44;
    /** Characters of a title line before it wraps. */
    private static final int TITLE_CHARS = 62;
    /** Widest legend column, in px. */
    private static final int LEGEND_WIDTH = 240;
    /** Characters of a legend line before it wraps (11 px text at about 6.3 px a character). */
    private static final int LEGEND_CHARS = (LEGEND_WIDTH - 24) * 10 / 63;

    private Svg() {}

    /**
     * A line chart; with {@code logY} the y axis is logarithmic (base 10) and non-positive values are
     * left out of the lines. Bands are drawn under their lines, translucent.
     */
    public static String lineChart(String title, String xLabel, String yLabel, List<Series> series, boolean logY) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double[] yr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        boolean integerX = true;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                if (!Double.isFinite(s.x()[i])) {
                    continue;
                }
                boolean any = false;
                for (double raw : s.values(i)) {
                    double y = logY ? Math.log10(raw) : raw;
                    if (Double.isFinite(y)) {
                        yr[0] = Math.min(yr[0], y);
                        yr[1] = Math.max(yr[1], y);
                        any = true;
                    }
                }
                if (any) {
                    xMin = Math.min(xMin, s.x()[i]);
                    xMax = Math.max(xMax, s.x()[i]);
                    integerX &= s.x()[i] == Math.rint(s.x()[i]);
                }
            }
        }
        if (!(xMax > xMin)) {
            xMin = Double.isFinite(xMin) ? xMin - 0.5 : 0;
            xMax = Double.isFinite(xMax) ? xMax + 0.5 : 1;
            integerX = false;
        }
        double[] y = yRange(yr, logY);
        Frame f = new Frame(title, legendWidth(series));
        StringBuilder sb = f.open();
        f.yGrid(sb, y[0], y[1], logY);
        for (double t : integerX ? integerTicks(xMin, xMax) : niceTicks(xMin, xMax)) {
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x='%.1f' y='%d' text-anchor='middle' font-size='11'>%s</text>",
                    px(t, xMin, xMax),
                    f.bottom() + 16,
                    escape(label(t))));
        }
        f.axes(sb, xLabel, yLabel);
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String colour = PALETTE.get(k % PALETTE.size());
            if (s.low() != null) {
                sb.append("<path d='")
                        .append(band(s, logY, xMin, xMax, y, f))
                        .append("' fill='")
                        .append(colour)
                        .append("' fill-opacity='0.18' stroke='none'/>");
            }
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < s.x().length; i++) {
                double v = logY ? Math.log10(s.y()[i]) : s.y()[i];
                if (Double.isFinite(v) && Double.isFinite(s.x()[i])) {
                    path.append(path.isEmpty() ? "M" : " L")
                            .append(String.format(
                                    Locale.ROOT, "%.1f %.1f", px(s.x()[i], xMin, xMax), f.py(v, y[0], y[1])));
                }
            }
            sb.append("<path d='")
                    .append(path)
                    .append("' fill='none' stroke='")
                    .append(colour)
                    .append("' stroke-width='2'/>");
            int d = s.divergedAt();
            String name = s.name();
            if (d >= 0) {
                double v = logY ? Math.log10(s.y()[d]) : s.y()[d];
                if (Double.isFinite(v)) {
                    cross(sb, px(s.x()[d], xMin, xMax), f.py(v, y[0], y[1]), colour);
                }
                name += " (diverged ×)";
            }
            f.legend(sb, colour, name);
        }
        return sb.append("</svg>").toString();
    }

    /**
     * Points per category (the i-th value of each series belongs to category i), with the band as
     * an interval bar: for results per initializer or setting, where lines between categories would
     * mean nothing. A non-finite value (diverged) is a cross at the top.
     */
    public static String pointChart(
            String title, List<String> categories, String yLabel, List<Series> series, boolean logY) {
        double[] yr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (Series s : series) {
            for (int i = 0; i < s.y().length; i++) {
                for (double raw : s.values(i)) {
                    double v = logY ? Math.log10(raw) : raw;
                    if (Double.isFinite(v)) {
                        yr[0] = Math.min(yr[0], v);
                        yr[1] = Math.max(yr[1], v);
                    }
                }
            }
        }
        double[] y = yRange(yr, logY);
        Frame f = new Frame(title, legendWidth(series));
        StringBuilder sb = f.open();
        f.yGrid(sb, y[0], y[1], logY);
        int n = categories.size();
        double slot = (double) (W - LEFT - RIGHT) / Math.max(1, n);
        for (int c = 0; c < n; c++) {
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x='%.1f' y='%d' text-anchor='middle' font-size='10'>%s</text>",
                    LEFT + slot * (c + 0.5),
                    f.bottom() + 14,
                    escape(categories.get(c))));
        }
        f.axes(sb, "", yLabel);
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String colour = PALETTE.get(k % PALETTE.size());
            double offset =
                    series.size() == 1 ? 0 : (k - (series.size() - 1) / 2.0) * Math.min(12, slot / (series.size() + 1));
            for (int c = 0; c < Math.min(n, s.y().length); c++) {
                double px = LEFT + slot * (c + 0.5) + offset;
                if (s.low() != null) {
                    double lo = logY ? Math.log10(s.low()[c]) : s.low()[c];
                    double hi = logY ? Math.log10(s.high()[c]) : s.high()[c];
                    if (Double.isFinite(lo) && Double.isFinite(hi)) {
                        sb.append(String.format(
                                Locale.ROOT,
                                "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='%s'" + " stroke-width='2'/>",
                                px,
                                f.py(lo, y[0], y[1]),
                                px,
                                f.py(hi, y[0], y[1]),
                                colour));
                    }
                }
                double v = logY ? Math.log10(s.y()[c]) : s.y()[c];
                if (Double.isFinite(v)) {
                    sb.append(String.format(
                            Locale.ROOT,
                            "<circle cx='%.1f' cy='%.1f' r='4' fill='%s'/>",
                            px,
                            f.py(v, y[0], y[1]),
                            colour));
                } else {
                    cross(sb, px, f.top() + 6, colour);
                }
            }
            f.legend(sb, colour, s.name());
        }
        return sb.append("</svg>").toString();
    }

    /**
     * A category's estimate: its mean as a point and its interval as a vertical bar.
     *
     * @param name the category's label, written under the axis
     * @param mean the point
     * @param low lower end of the bar
     * @param high upper end of the bar
     */
    public record Interval(String name, double mean, double low, double high) {}

    /**
     * Categories as points with interval bars, evenly spaced along x (no line joins them: they are
     * not a sequence), each in its own colour, and dashed horizontal reference lines at
     * {@code references} (e.g. 0 for effects, or a threshold). With {@code logY} the y axis is
     * logarithmic and non-positive values are left out.
     */
    public static String intervalChart(
            String title, String yLabel, List<Interval> points, boolean logY, double... references) {
        double[] yr = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        List<Double> all = new ArrayList<>();
        for (Interval p : points) {
            all.addAll(List.of(p.mean(), p.low(), p.high()));
        }
        for (double r : references) {
            all.add(r);
        }
        for (double v : all) {
            double y = logY ? Math.log10(v) : v;
            if (Double.isFinite(y)) {
                yr[0] = Math.min(yr[0], y);
                yr[1] = Math.max(yr[1], y);
            }
        }
        if (!logY && yr[1] > yr[0]) {
            double pad = (yr[1] - yr[0]) * 0.05;
            yr[0] -= pad;
            yr[1] += pad;
        }
        double[] y = yRange(yr, logY);
        Frame f = new Frame(title, 0);
        StringBuilder sb = f.open();
        f.yGrid(sb, y[0], y[1], logY);
        for (double r : references) {
            double v = logY ? Math.log10(r) : r;
            if (Double.isFinite(v)) {
                double py = f.py(v, y[0], y[1]);
                sb.append(String.format(
                        Locale.ROOT,
                        "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#333'" + " stroke-dasharray='4 3'/>",
                        LEFT,
                        py,
                        W - RIGHT,
                        py));
            }
        }
        f.axes(sb, "", yLabel);
        double slot = (double) (W - LEFT - RIGHT) / Math.max(1, points.size());
        for (int k = 0; k < points.size(); k++) {
            Interval p = points.get(k);
            String colour = PALETTE.get(k % PALETTE.size());
            double px = LEFT + slot * (k + 0.5);
            double lo = logY ? Math.log10(p.low()) : p.low();
            double hi = logY ? Math.log10(p.high()) : p.high();
            if (Double.isFinite(lo) && Double.isFinite(hi)) {
                sb.append(String.format(
                        Locale.ROOT,
                        "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='%s'" + " stroke-width='2'/>",
                        px,
                        f.py(lo, y[0], y[1]),
                        px,
                        f.py(hi, y[0], y[1]),
                        colour));
            }
            double m = logY ? Math.log10(p.mean()) : p.mean();
            if (Double.isFinite(m)) {
                sb.append(String.format(
                        Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='4' fill='%s'/>", px, f.py(m, y[0], y[1]), colour));
            } else {
                cross(sb, px, f.top() + 6, colour);
            }
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x='%.1f' y='%d' text-anchor='middle' font-size='10'>%s</text>",
                    px,
                    f.bottom() + 14,
                    escape(p.name())));
        }
        return sb.append("</svg>").toString();
    }

    /** A histogram as bars over its own range; counts scaled to the tallest bar. */
    public static String histogram(String title, Histogram h, String colour) {
        Frame f = new Frame(title, 0);
        StringBuilder sb = f.open();
        long[] c = h.counts();
        long max = 1;
        for (long v : c) {
            max = Math.max(max, v);
        }
        double width = (double) (W - LEFT - RIGHT) / c.length;
        for (int i = 0; i < c.length; i++) {
            double barH = (f.bottom() - f.top()) * (double) c[i] / max;
            sb.append(String.format(
                    Locale.ROOT,
                    "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'/>",
                    LEFT + i * width,
                    f.bottom() - barH,
                    Math.max(0.5, width - 1),
                    barH,
                    colour));
        }
        sb.append(String.format(
                Locale.ROOT,
                "<text x='%d' y='%d' font-size='11'>%s</text>",
                LEFT,
                f.bottom() + 16,
                escape(label(h.low()))));
        sb.append(String.format(
                Locale.ROOT,
                "<text x='%d' y='%d' text-anchor='end' font-size='11'>%s</text>",
                W - RIGHT,
                f.bottom() + 16,
                escape(label(h.high()))));
        f.axes(sb, "value", "count");
        return sb.append("</svg>").toString();
    }

    private static double[] yRange(double[] yr, boolean logY) {
        double lo = yr[0];
        double hi = yr[1];
        if (!(hi > lo)) {
            lo = Double.isFinite(lo) ? lo - 0.5 : 0;
            hi = Double.isFinite(hi) ? hi + 0.5 : 1;
        }
        return logY ? new double[] {Math.floor(lo), Math.ceil(hi)} : new double[] {lo, hi};
    }

    private static String band(Series s, boolean logY, double xMin, double xMax, double[] y, Frame f) {
        StringBuilder up = new StringBuilder();
        StringBuilder down = new StringBuilder();
        for (int i = 0; i < s.x().length; i++) {
            double lo = logY ? Math.log10(s.low()[i]) : s.low()[i];
            double hi = logY ? Math.log10(s.high()[i]) : s.high()[i];
            if (!Double.isFinite(lo) || !Double.isFinite(hi) || !Double.isFinite(s.x()[i])) {
                continue;
            }
            double px = px(s.x()[i], xMin, xMax);
            up.append(up.isEmpty() ? "M" : " L")
                    .append(String.format(Locale.ROOT, "%.1f %.1f", px, f.py(hi, y[0], y[1])));
            down.insert(0, String.format(Locale.ROOT, " L%.1f %.1f", px, f.py(lo, y[0], y[1])));
        }
        return up.isEmpty() ? "" : up + down.toString() + " Z";
    }

    private static void cross(StringBuilder sb, double x, double y, String colour) {
        sb.append(String.format(
                Locale.ROOT,
                "<path d='M%.1f %.1f L%.1f %.1f M%.1f %.1f L%.1f %.1f' stroke='%s'" + " stroke-width='2.5'/>",
                x - 5,
                y - 5,
                x + 5,
                y + 5,
                x - 5,
                y + 5,
                x + 5,
                y - 5,
                colour));
    }

    private static int legendWidth(List<Series> series) {
        int chars = 0;
        for (Series s : series) {
            chars = Math.max(chars, s.name().length() + (s.divergedAt() >= 0 ? 13 : 0));
        }
        return Math.min(LEGEND_WIDTH, 24 + (int) Math.ceil(chars * 6.3));
    }

    /**
     * A chart's box: the title (wrapped when long), the plot area, and a legend column at the right
     * whose entries wrap too ({@code legendRows[0]}: the legend lines written so far).
     */
    private record Frame(List<String> titleLines, int legend, int[] legendRows) {
        Frame(String title, int legend) {
            this(wrap(title, TITLE_CHARS), legend, new int[1]);
        }

        int top() {
            return TOP + 16 * (titleLines.size() - 1);
        }

        int height() {
            return H + 16 * (titleLines.size() - 1);
        }

        int bottom() {
            return height() - BOTTOM;
        }

        double py(double y, double min, double max) {
            return bottom() - (y - min) / (max - min) * (bottom() - top());
        }

        StringBuilder open() {
            StringBuilder sb = new StringBuilder();
            sb.append("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ")
                    .append(W + legend)
                    .append(' ')
                    .append(height())
                    .append("' role='img' font-family='sans-serif'><title>")
                    .append(escape(String.join(" ", titleLines)))
                    .append("</title>");
            sb.append("<rect width='100%' height='100%' fill='white'/>");
            for (int i = 0; i < titleLines.size(); i++) {
                sb.append(String.format(
                        Locale.ROOT,
                        "<text x='8' y='%d' font-size='13' font-weight='bold'>%s</text>",
                        18 + 16 * i,
                        escape(titleLines.get(i))));
            }
            return sb;
        }

        void yGrid(StringBuilder sb, double min, double max, boolean logY) {
            for (double t : logY ? integerTicks(min, max) : niceTicks(min, max)) {
                double y = py(t, min, max);
                sb.append(String.format(
                        Locale.ROOT,
                        "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>",
                        LEFT,
                        y,
                        W - RIGHT,
                        y));
                sb.append(String.format(
                        Locale.ROOT,
                        "<text x='%d' y='%.1f' text-anchor='end' font-size='11'>%s</text>",
                        LEFT - 4,
                        y + 4,
                        escape(logY ? "1e" + (int) t : label(t))));
            }
        }

        /** The next series' legend entry, below the entries before it, wrapped at {@link #LEGEND_CHARS}. */
        void legend(StringBuilder sb, String colour, String name) {
            int row = legendRows[0];
            sb.append(String.format(
                    Locale.ROOT,
                    "<rect x='%d' y='%d' width='10' height='10' fill='%s'/>",
                    W + 2,
                    top() + 4 + 16 * row,
                    colour));
            List<String> lines = wrap(name, LEGEND_CHARS);
            for (int i = 0; i < lines.size(); i++) {
                sb.append(String.format(
                        Locale.ROOT,
                        "<text x='%d' y='%d' font-size='11'>%s</text>",
                        W + 16,
                        top() + 13 + 16 * (row + i),
                        escape(lines.get(i))));
            }
            legendRows[0] = row + lines.size();
        }

        void axes(StringBuilder sb, String xLabel, String yLabel) {
            sb.append(String.format(
                    Locale.ROOT,
                    "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>",
                    LEFT,
                    bottom(),
                    W - RIGHT,
                    bottom()));
            sb.append(String.format(
                    Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>", LEFT, top(), LEFT, bottom()));
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x='%d' y='%d' text-anchor='middle' font-size='12'>%s</text>",
                    (LEFT + W - RIGHT) / 2,
                    height() - 8,
                    escape(xLabel)));
            int mid = (top() + bottom()) / 2;
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x='14' y='%d' text-anchor='middle' font-size='12' transform='rotate(-90 14 %d)'>%s</text>",
                    mid,
                    mid,
                    escape(yLabel)));
        }

        private static List<String> wrap(String title, int chars) {
            List<String> lines = new ArrayList<>();
            String rest = title;
            while (rest.length() > chars) {
                int cut = rest.lastIndexOf(' ', chars);
                cut = cut <= 0 ? chars : cut;
                lines.add(rest.substring(0, cut).strip());
                rest = rest.substring(cut).strip();
            }
            lines.add(rest);
            return lines;
        }
    }

    private static double px(double x, double min, double max) {
        return LEFT + (x - min) / (max - min) * (W - LEFT - RIGHT);
    }

    static double[] niceTicks(double min, double max) {
        double raw = (max - min) / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag < 1.5 ? mag : raw / mag < 3.5 ? 2 * mag : raw / mag < 7.5 ? 5 * mag : 10 * mag;
        double first = Math.ceil(min / step) * step;
        int n = (int) Math.floor((max - first) / step + 1e-9) + 1;
        double[] t = new double[Math.max(0, n)];
        for (int i = 0; i < t.length; i++) {
            t[i] = first + i * step;
        }
        return t;
    }

    private static double[] integerTicks(double min, double max) {
        int from = (int) Math.ceil(min);
        int to = (int) Math.floor(max);
        double[] nice = niceTicks(0, Math.max(1, to - from));
        int step = nice.length > 1 ? Math.max(1, (int) Math.round(nice[1] - nice[0])) : 1;
        int first = Math.floorDiv(from + step - 1, step) * step;
        if (first > to) {
            return new double[] {from};
        }
        double[] t = new double[(to - first) / step + 1];
        for (int i = 0; i < t.length; i++) {
            t[i] = first + i * step;
        }
        return t;
    }

    static String label(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e6) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? "%.3g" : "%.2e", v);
    }

    /** Escapes text for XML and HTML. */
    public static String escape(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("'", "&#39;")
                .replace("\"", "&quot;");
    }
}
