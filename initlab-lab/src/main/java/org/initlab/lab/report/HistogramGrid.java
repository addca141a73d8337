package org.initlab.lab.report;

import java.util.List;
import java.util.Locale;
import org.initlab.lab.probe.Histogram;

/** Grids of histograms on one shared axis, as inline SVG (see {@link #of}). */
public final class HistogramGrid {
    private HistogramGrid() {}

    /**
     * A grid of histograms, one row per {@code rows} label and one column per {@code columns} label,
     * every cell on the same x axis {@code [low, high]}, so a collapse to zero is visible at a
     * glance (as in Glorot and Bengio's Fig. 6). Each cell's bars are scaled to its own tallest bar.
     * {@code zeros[r][c]}, when positive, is a count of exact zeros taken out of the bars and drawn
     * as a dark line at 0 with its share written beside it (ReLU's mass at zero would otherwise
     * flatten the positive part); {@code zeros} may be null.
     */
    public static String of(
            String title,
            List<String> rows,
            List<String> columns,
            Histogram[][] cells,
            long[][] zeros,
            double low,
            double high,
            String colour) {
        int cellW = 150;
        int cellH = 70;
        int left = 170;
        int top = 44;
        int width = left + cellW * columns.size() + 10;
        int height = top + cellH * rows.size() + 36;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg class='wide' xmlns='http://www.w3.org/2000/svg' viewBox='0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("' role='img' font-family='sans-serif'><title>")
                .append(Svg.escape(title))
                .append("</title>");
        sb.append("<rect width='100%' height='100%' fill='white'/>");
        sb.append(String.format(
                Locale.ROOT, "<text x='8' y='18' font-size='13' font-weight='bold'>%s</text>", Svg.escape(title)));
        for (int c = 0; c < columns.size(); c++) {
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x='%d' y='%d' text-anchor='middle' font-size='11'>%s</text>",
                    left + cellW * c + cellW / 2,
                    top - 8,
                    Svg.escape(columns.get(c))));
        }
        double span = high - low;
        double plotW = cellW - 8;
        double plotH = cellH - 14;
        for (int r = 0; r < rows.size(); r++) {
            int y0 = top + cellH * r;
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x='%d' y='%d' text-anchor='end' font-size='11'>%s</text>",
                    left - 6,
                    y0 + cellH / 2 + 4,
                    Svg.escape(rows.get(r))));
            for (int c = 0; c < columns.size(); c++) {
                int x0 = left + cellW * c;
                sb.append(String.format(
                        Locale.ROOT,
                        "<rect x='%d' y='%d' width='%d' height='%d' fill='none' stroke='#ddd'/>",
                        x0 + 2,
                        y0 + 2,
                        cellW - 4,
                        cellH - 4));
                Histogram h = cells[r][c];
                long[] counts = h.counts();
                long zero = zeros == null ? 0 : zeros[r][c];
                double binW = (h.high() - h.low()) / counts.length;
                if (zero > 0 && h.low() <= 0 && 0 < h.high() + binW) {
                    int bin = Math.min(counts.length - 1, (int) ((0 - h.low()) / binW));
                    counts[bin] = Math.max(0, counts[bin] - zero);
                }
                long max = 1;
                long total = zero;
                for (long v : counts) {
                    max = Math.max(max, v);
                    total += v;
                }
                for (int i = 0; i < counts.length; i++) {
                    double from = (h.low() + i * binW - low) / span;
                    double to = (h.low() + (i + 1) * binW - low) / span;
                    if (counts[i] > 0 && to > 0 && from < 1) {
                        double bh = plotH * counts[i] / max;
                        sb.append(String.format(
                                Locale.ROOT,
                                "<rect x='%.1f' y='%.1f' width='%.1f' height='%.1f' fill='%s'/>",
                                x0 + 4 + Math.max(0, from) * plotW,
                                y0 + cellH - 4 - bh,
                                Math.max(0.8, (Math.min(1, to) - Math.max(0, from)) * plotW),
                                bh,
                                colour));
                    }
                }
                if (zero > 0) {
                    double zx = x0 + 4 + (0 - low) / span * plotW;
                    sb.append(String.format(
                            Locale.ROOT,
                            "<rect x='%.1f' y='%d' width='2.5' height='%.1f' fill='#333'/>",
                            zx,
                            y0 + 10,
                            plotH - 6));
                    sb.append(String.format(
                            Locale.ROOT,
                            "<text x='%.1f' y='%d' font-size='9'>%s at 0</text>",
                            zx + 5,
                            y0 + 16,
                            Svg.escape(String.format(Locale.ROOT, "%.0f%%", 100.0 * zero / Math.max(1, total)))));
                }
            }
        }
        int axisY = top + cellH * rows.size() + 12;
        for (int c = 0; c < columns.size(); c++) {
            int x0 = left + cellW * c;
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x='%d' y='%d' font-size='9'>%s</text>",
                    x0 + 4,
                    axisY,
                    Svg.escape(Svg.label(low))));
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x='%d' y='%d' text-anchor='end' font-size='9'>%s</text>",
                    x0 + cellW - 4,
                    axisY,
                    Svg.escape(Svg.label(high))));
        }
        sb.append(String.format(
                Locale.ROOT,
                "<text x='%d' y='%d' font-size='10'>every cell has the same x axis, %s to %s;"
                        + " bar heights are scaled per cell</text>",
                left,
                axisY + 16,
                Svg.escape(Svg.label(low)),
                Svg.escape(Svg.label(high))));
        return sb.append("</svg>").toString();
    }
}
