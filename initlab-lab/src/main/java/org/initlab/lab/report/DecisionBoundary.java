package org.initlab.lab.report;

import java.util.List;
import java.util.Locale;

/**
 * Decision boundaries of two-class models on a 2-D task, as inline SVG: one panel per model, the
 * predicted probability of class 1 over a square grid as a colour (blue for 0, red for 1, white at
 * ½), the 0.5 contour visible as the colour change, and the data points on top (class 0 dark
 * blue, class 1 dark red). A panel without a grid (null) says so.
 */
public final class DecisionBoundary {
    private static final int PANEL = 220;
    private static final int GAP = 16;
    private static final int TOP = 40;

    private DecisionBoundary() {}

    /**
     * The panels side by side, each the probability map with the points over it, as one SVG.
     *
     * @param panels each panel's title
     * @param probabilities per panel, {@code grid × grid} probabilities of class 1, row-major with
     *     the first row at y = {@code high} (the top) and the first column at x = {@code low}
     * @param grid cells per side
     * @param low lower end of both axes
     * @param high upper end of both axes
     * @param xy the points, {@code [x0, y0, x1, y1, ...]}
     * @param classes each point's class, 0 or 1
     */
    public static String of(
            String title,
            List<String> panels,
            List<double[]> probabilities,
            int grid,
            double low,
            double high,
            float[] xy,
            int[] classes) {
        int width = panels.size() * (PANEL + GAP) + GAP;
        int height = TOP + PANEL + 28;
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
        double cell = (double) PANEL / grid;
        double span = high - low;
        for (int p = 0; p < panels.size(); p++) {
            int x0 = GAP + p * (PANEL + GAP);
            sb.append(String.format(
                    Locale.ROOT,
                    "<text x='%d' y='%d' font-size='12'>%s</text>",
                    x0,
                    TOP - 6,
                    Svg.escape(panels.get(p))));
            double[] prob = probabilities.get(p);
            if (prob == null) {
                sb.append(String.format(
                        Locale.ROOT,
                        "<text x='%d' y='%d' font-size='11'>not recorded at this budget</text>",
                        x0 + 8,
                        TOP + PANEL / 2));
            } else {
                for (int r = 0; r < grid; r++) {
                    for (int c = 0; c < grid; c++) {
                        sb.append(String.format(
                                Locale.ROOT,
                                "<rect x='%.1f' y='%.1f' width='%.2f' height='%.2f' fill='%s'/>",
                                x0 + c * cell,
                                TOP + r * cell,
                                cell + 0.3,
                                cell + 0.3,
                                colour(prob[r * grid + c])));
                    }
                }
            }
            for (int i = 0; i < classes.length; i++) {
                double px = x0 + (xy[2 * i] - low) / span * PANEL;
                double py = TOP + (high - xy[2 * i + 1]) / span * PANEL;
                if (px >= x0 && px <= x0 + PANEL && py >= TOP && py <= TOP + PANEL) {
                    sb.append(String.format(
                            Locale.ROOT,
                            "<circle cx='%.1f' cy='%.1f' r='1.8' fill='%s'/>",
                            px,
                            py,
                            classes[i] == 1 ? "#8b0000" : "#00306e"));
                }
            }
            sb.append(String.format(
                    Locale.ROOT,
                    "<rect x='%d' y='%d' width='%d' height='%d' fill='none' stroke='#333'/>",
                    x0,
                    TOP,
                    PANEL,
                    PANEL));
        }
        sb.append(String.format(
                Locale.ROOT,
                "<text x='%d' y='%d' font-size='10'>both axes %s to %s; colour: predicted"
                        + " probability of class 1 (blue 0, white ½, red 1); dots: training points</text>",
                GAP,
                TOP + PANEL + 18,
                Svg.escape(Svg.label(low)),
                Svg.escape(Svg.label(high))));
        return sb.append("</svg>").toString();
    }

    /** Blue (0) through white (½) to red (1). */
    static String colour(double p) {
        double q = Double.isFinite(p) ? Math.max(0, Math.min(1, p)) : 0.5;
        int r;
        int g;
        int b;
        if (q < 0.5) {
            double t = q / 0.5;
            r = (int) Math.round(70 + t * 185);
            g = (int) Math.round(130 + t * 125);
            b = 230 + (int) Math.round(t * 25);
        } else {
            double t = (q - 0.5) / 0.5;
            r = 255 - (int) Math.round(t * 25);
            g = (int) Math.round(255 - t * 165);
            b = (int) Math.round(255 - t * 175);
        }
        return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
    }
}
