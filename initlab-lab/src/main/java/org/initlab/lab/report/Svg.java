package org.initlab.lab.report;

import java.util.List;
import java.util.Locale;
import org.initlab.lab.probe.Histogram;

/**
 * Charts as self-contained SVG strings (a {@code viewBox}, so they scale to any width; no script,
 * no external resource): line charts with axes, ticks and a legend, and histograms.
 */
public final class Svg {
    /** A named line: {@code x[i], y[i]} points. */
    public record Series(String name, double[] x, double[] y) {
    }

    /** Colours of successive series (colour-blind-safe Okabe–Ito palette). */
    static final List<String> PALETTE = List.of("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9",
            "#F0E442", "#000000");

    private static final int W = 480;
    private static final int H = 300;
    private static final int LEFT = 62;
    private static final int RIGHT = 12;
    private static final int TOP = 28;
    private static final int BOTTOM = 44;

    private Svg() {
    }

    /**
     * A line chart; with {@code logY} the y axis is logarithmic (base 10) and non-positive values are
     * left out of the lines.
     */
    public static String lineChart(String title, String xLabel, String yLabel, List<Series> series, boolean logY) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.x().length; i++) {
                double y = logY ? Math.log10(s.y()[i]) : s.y()[i];
                if (!Double.isFinite(y) || !Double.isFinite(s.x()[i])) {
                    continue;
                }
                xMin = Math.min(xMin, s.x()[i]);
                xMax = Math.max(xMax, s.x()[i]);
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
        }
        if (!(xMax > xMin)) {
            xMin -= 0.5;
            xMax += 0.5;
        }
        if (!(yMax > yMin)) {
            yMin -= 0.5;
            yMax += 0.5;
        }
        if (logY) {
            yMin = Math.floor(yMin);
            yMax = Math.ceil(yMax);
        }
        StringBuilder sb = open(title);
        double[] yTicks = logY ? integerTicks(yMin, yMax) : niceTicks(yMin, yMax);
        for (double t : yTicks) {
            double py = py(t, yMin, yMax);
            sb.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>", LEFT, py, W - RIGHT, py));
            sb.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' text-anchor='end' font-size='11'>%s</text>", LEFT - 4,
                    py + 4, escape(logY ? "1e" + (int) t : label(t))));
        }
        for (double t : integerX(series) ? wholeOnly(niceTicks(xMin, xMax)) : niceTicks(xMin, xMax)) {
            double px = px(t, xMin, xMax);
            sb.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' text-anchor='middle' font-size='11'>%s</text>", px,
                    H - BOTTOM + 16, escape(label(t))));
        }
        axes(sb, xLabel, yLabel);
        for (int k = 0; k < series.size(); k++) {
            Series s = series.get(k);
            String colour = PALETTE.get(k % PALETTE.size());
            StringBuilder path = new StringBuilder();
            for (int i = 0; i < s.x().length; i++) {
                double y = logY ? Math.log10(s.y()[i]) : s.y()[i];
                if (!Double.isFinite(y)) {
                    continue;
                }
                path.append(path.isEmpty() ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f",
                        px(s.x()[i], xMin, xMax), py(y, yMin, yMax)));
            }
            sb.append("<path d='").append(path).append("' fill='none' stroke='").append(colour)
                    .append("' stroke-width='2'/>");
            sb.append(String.format(Locale.ROOT, "<rect x='%d' y='%d' width='10' height='10' fill='%s'/>", LEFT + 8,
                    TOP + 4 + 14 * k, colour));
            sb.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='11'>%s</text>", LEFT + 22, TOP + 13 + 14 * k,
                    escape(s.name())));
        }
        return sb.append("</svg>").toString();
    }

    /** Whether every x of every series is a whole number (layers, epochs, steps): the x ticks are then whole too. */
    private static boolean integerX(List<Series> series) {
        for (Series s : series) {
            for (double x : s.x()) {
                if (x != Math.rint(x)) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The whole numbers among {@code ticks}. */
    private static double[] wholeOnly(double[] ticks) {
        return java.util.Arrays.stream(ticks).filter(t -> t == Math.rint(t)).toArray();
    }

    /**
     * A category's estimate: its mean as a point and its interval as a vertical bar.
     *
     * @param name the category's label, written under the axis
     * @param mean the point
     * @param low lower end of the bar
     * @param high upper end of the bar
     */
    public record Interval(String name, double mean, double low, double high) {
    }

    /**
     * Categories as points with interval bars, evenly spaced along x (no line joins them: they are not a
     * sequence), and dashed horizontal reference lines at {@code references} (e.g. 0 for effects, or a
     * threshold). With {@code logY} the y axis is logarithmic and non-positive values are left out.
     */
    public static String intervalChart(String title, String yLabel, List<Interval> points, boolean logY,
            double... references) {
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Interval p : points) {
            for (double v : new double[] {p.mean(), p.low(), p.high()}) {
                double y = logY ? Math.log10(v) : v;
                if (Double.isFinite(y)) {
                    yMin = Math.min(yMin, y);
                    yMax = Math.max(yMax, y);
                }
            }
        }
        for (double r : references) {
            double y = logY ? Math.log10(r) : r;
            if (Double.isFinite(y)) {
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
        }
        if (!(yMax > yMin)) {
            yMin = Double.isFinite(yMin) ? yMin - 0.5 : 0;
            yMax = yMin + 1;
        }
        if (logY) {
            yMin = Math.floor(yMin);
            yMax = Math.ceil(yMax);
        } else {
            double pad = (yMax - yMin) * 0.05;
            yMin -= pad;
            yMax += pad;
        }
        StringBuilder sb = open(title);
        for (double t : logY ? integerTicks(yMin, yMax) : niceTicks(yMin, yMax)) {
            double py = py(t, yMin, yMax);
            sb.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#ddd'/>", LEFT, py, W - RIGHT, py));
            sb.append(String.format(Locale.ROOT, "<text x='%d' y='%.1f' text-anchor='end' font-size='11'>%s</text>", LEFT - 4,
                    py + 4, escape(logY ? "1e" + (int) t : label(t))));
        }
        for (double r : references) {
            double y = logY ? Math.log10(r) : r;
            if (Double.isFinite(y)) {
                double py = py(y, yMin, yMax);
                sb.append(String.format(Locale.ROOT, "<line x1='%d' y1='%.1f' x2='%d' y2='%.1f' stroke='#333'"
                        + " stroke-dasharray='4 3'/>", LEFT, py, W - RIGHT, py));
            }
        }
        axes(sb, "", yLabel);
        double slot = (double) (W - LEFT - RIGHT) / Math.max(1, points.size());
        for (int k = 0; k < points.size(); k++) {
            Interval p = points.get(k);
            String colour = PALETTE.get(k % PALETTE.size());
            double px = LEFT + slot * (k + 0.5);
            double lo = logY ? Math.log10(p.low()) : p.low();
            double hi = logY ? Math.log10(p.high()) : p.high();
            if (Double.isFinite(lo) && Double.isFinite(hi)) {
                sb.append(String.format(Locale.ROOT, "<line x1='%.1f' y1='%.1f' x2='%.1f' y2='%.1f' stroke='%s' stroke-width='2'/>",
                        px, py(lo, yMin, yMax), px, py(hi, yMin, yMax), colour));
            }
            double m = logY ? Math.log10(p.mean()) : p.mean();
            if (Double.isFinite(m)) {
                sb.append(String.format(Locale.ROOT, "<circle cx='%.1f' cy='%.1f' r='4' fill='%s'/>", px, py(m, yMin, yMax),
                        colour));
            }
            sb.append(String.format(Locale.ROOT, "<text x='%.1f' y='%d' text-anchor='middle' font-size='10'>%s</text>", px,
                    H - BOTTOM + 14, escape(p.name())));
        }
        return sb.append("</svg>").toString();
    }

    /** A histogram as bars over its range; counts scaled to the tallest bar. */
    public static String histogram(String title, Histogram h, String colour) {
        StringBuilder sb = open(title);
        long[] c = h.counts();
        long max = 1;
        for (long v : c) {
            max = Math.max(max, v);
        }
        double width = (double) (W - LEFT - RIGHT) / c.length;
        for (int i = 0; i < c.length; i++) {
            double barH = (H - TOP - BOTTOM) * (double) c[i] / max;
            sb.append(String.format(Locale.ROOT, "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'/>",
                    LEFT + i * width, H - BOTTOM - barH, Math.max(0.5, width - 1), barH, colour));
        }
        sb.append(String.format(Locale.ROOT, "<text x='%d' y='%d' font-size='11'>%s</text>", LEFT, H - BOTTOM + 16,
                escape(label(h.low()))));
        sb.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='end' font-size='11'>%s</text>", W - RIGHT,
                H - BOTTOM + 16, escape(label(h.high()))));
        axes(sb, "value", "count");
        return sb.append("</svg>").toString();
    }

    private static StringBuilder open(String title) {
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ").append(W).append(' ').append(H)
                .append("' role='img' font-family='sans-serif'><title>").append(escape(title)).append("</title>");
        sb.append("<rect width='100%' height='100%' fill='white'/>");
        sb.append(String.format(Locale.ROOT, "<text x='%d' y='18' font-size='13' font-weight='bold'>%s</text>", LEFT,
                escape(title)));
        return sb;
    }

    private static void axes(StringBuilder sb, String xLabel, String yLabel) {
        sb.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>", LEFT, H - BOTTOM,
                W - RIGHT, H - BOTTOM));
        sb.append(String.format(Locale.ROOT, "<line x1='%d' y1='%d' x2='%d' y2='%d' stroke='#333'/>", LEFT, TOP, LEFT,
                H - BOTTOM));
        sb.append(String.format(Locale.ROOT, "<text x='%d' y='%d' text-anchor='middle' font-size='12'>%s</text>",
                (LEFT + W - RIGHT) / 2, H - 8, escape(xLabel)));
        sb.append(String.format(Locale.ROOT,
                "<text x='14' y='%d' text-anchor='middle' font-size='12' transform='rotate(-90 14 %d)'>%s</text>",
                (TOP + H - BOTTOM) / 2, (TOP + H - BOTTOM) / 2, escape(yLabel)));
    }

    private static double px(double x, double min, double max) {
        return LEFT + (x - min) / (max - min) * (W - LEFT - RIGHT);
    }

    private static double py(double y, double min, double max) {
        return H - BOTTOM - (y - min) / (max - min) * (H - TOP - BOTTOM);
    }

    /** About five round ticks covering [min, max]. */
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
        int step = Math.max(1, (to - from) / 6);
        double[] t = new double[(to - from) / step + 1];
        for (int i = 0; i < t.length; i++) {
            t[i] = from + i * step;
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
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;").replace("\"", "&quot;");
    }
}
