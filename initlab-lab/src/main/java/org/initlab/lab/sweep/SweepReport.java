package org.initlab.lab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.initlab.core.gain.Activation;
import org.initlab.lab.judge.Criterion;
import org.initlab.lab.judge.Estimate;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HeatMap;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.theory.MeanField;
import org.initlab.lab.theory.MeanFieldAnalysis;

/**
 * A sweep's report: per slice of the axes other than (σ_w² or initializer) × depth, a heat map of
 * the final training accuracy (mean over seeds) with the mean-field depth scale {@code 6ξ_c}
 * drawn over it where the cells are σ_w²-parametrized, and the agreement of "trained" with
 * "depth ≤ 6ξ_c" judged against {@link #AGREEMENT}; {@code metrics.csv} has one row per cell and seed.
 */
public final class SweepReport {
    /**
     * A cell counts as trained when its mean final training accuracy reaches halfway from chance
     * ({@code 1/classes}) to 1: far above what an untrained or collapsed network scores, reachable by
     * a trainable one within a few hundred steps.
     */
    public static final double TRAINED_FRACTION = 0.5;
    /**
     * Schoenholz et al. (2017) find networks trainable up to about {@code 6ξ_c} layers and not
     * beyond. At this small scale (few steps, narrow layers) we ask that at least three cells in
     * four fall on the side of the line the theory predicts.
     */
    public static final double AGREEMENT = 0.75;
    /** Larger sweeps show their cells in the heat maps (hover for values) and metrics.csv, not in a table. */
    static final int MAX_TABLE_CELLS = 24;
    /** Input second moment used for the theory line (the data are standardized: about 1). */
    static final double INPUT_SECOND_MOMENT = 1.0;

    private final Sweep sweep;
    private final List<CellResult> results;
    private final String data;
    private final int classes;

    /**
     * @param data the data used, described in one line
     * @param classes the task's number of classes (chance is 1/classes)
     */
    public SweepReport(Sweep sweep, List<CellResult> results, String data, int classes) {
        this.sweep = sweep;
        this.results = List.copyOf(results);
        this.data = data;
        this.classes = classes;
    }

    /** Mean final training accuracy over the seeds of each cell that has results. */
    Map<Cell, Double> means() {
        Map<Cell, double[]> sums = new LinkedHashMap<>();
        for (CellResult r : results) {
            double[] s = sums.computeIfAbsent(r.cell(), c -> new double[2]);
            s[0] += r.finalTrainAccuracy();
            s[1]++;
        }
        Map<Cell, Double> m = new LinkedHashMap<>();
        sums.forEach((c, s) -> m.put(c, s[0] / s[1]));
        return m;
    }

    /**
     * {@code 6ξ_c} for a σ_w²-parametrized cell (infinite at the edge of chaos), NaN with an
     * initializer or where the theory has no finite fixed point.
     */
    static double sixXiC(Cell c) {
        if (c.init() != null) {
            return Double.NaN;
        }
        // the analysis takes up to a second (two-dimensional quadrature) and the report is redrawn after every cell
        return SIX_XI_C.computeIfAbsent(c.activation() + "|" + c.sigmaW2() + "|" + c.sigmaB2(), k -> {
            MeanFieldAnalysis a = MeanField.of(Activation.parse(c.activation()), Double.NaN, c.sigmaW2(), c.sigmaB2())
                    .analyze(INPUT_SECOND_MOMENT);
            return 6 * a.xiC();
        });
    }

    private static final java.util.concurrent.ConcurrentHashMap<String, Double> SIX_XI_C =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The judged agreement of trained cells with the theory, or null when no cell can be compared. */
    Verdict verdict(int classes) {
        double threshold = 1.0 / classes + TRAINED_FRACTION * (1 - 1.0 / classes);
        int n = 0;
        int agree = 0;
        for (Map.Entry<Cell, Double> e : means().entrySet()) {
            double limit = sixXiC(e.getKey());
            if (Double.isNaN(limit)) {
                continue;
            }
            boolean predicted = e.getKey().depth() <= limit;
            boolean trained = e.getValue() >= threshold;
            n++;
            agree += predicted == trained ? 1 : 0;
        }
        if (n == 0) {
            return null;
        }
        double p = agree / (double) n;
        Estimate estimate = Estimate.withSamplingError(p, Math.sqrt(Math.max(p * (1 - p), 0.25 / n) / n));
        return Verdict.of(Criterion.atLeast(
                        "cells on the side of depth = 6ξ_c the theory predicts",
                        AGREEMENT,
                        "Schoenholz et al. (2017): trainable up to about 6ξ_c layers; at this scale 3 in 4 cells must agree")
                .check(estimate));
    }

    /** metrics.csv: one row per cell and seed. */
    public String csv() {
        StringBuilder sb = new StringBuilder("init,sigma_w2,sigma_b2,depth,width,activation,lr,seed,six_xi_c");
        int[] checkpoints = results.isEmpty() ? new int[0] : results.get(0).checkpoints();
        for (int c : checkpoints) {
            sb.append(",train_accuracy_step_").append(c);
        }
        sb.append(",test_accuracy,diverged_at_step\n");
        for (CellResult r : results) {
            Cell c = r.cell();
            sb.append(c.init() == null ? "" : '"' + c.init().replace("\"", "\"\"") + '"')
                    .append(',')
                    .append(c.init() == null ? c.sigmaW2() : "")
                    .append(',')
                    .append(c.init() == null ? c.sigmaB2() : "")
                    .append(',')
                    .append(c.depth())
                    .append(',')
                    .append(c.width())
                    .append(',')
                    .append(c.activation())
                    .append(',')
                    .append(c.lr())
                    .append(',')
                    .append(r.seed())
                    .append(',')
                    .append(sixXiC(c));
            for (double a : r.trainAccuracy()) {
                sb.append(',').append(a);
            }
            sb.append(',')
                    .append(r.testAccuracy())
                    .append(',')
                    .append(r.divergedAtStep())
                    .append('\n');
        }
        return sb.toString();
    }

    /** The HTML report. */
    public HtmlReport html() {
        int total = sweep.cells().size() * sweep.seeds();
        HtmlReport report = new HtmlReport(
                "InitLab sweep",
                "initlab " + org.initlab.core.Version.number() + "; " + sweep.format() + "; " + results.size() + " of "
                        + total + " runs finished; data: " + data);
        if (results.size() < total) {
            report.notice(results.size() + " of " + total + " runs are finished; run the same sweep into the same"
                    + " directory to finish the others (finished cells are kept).");
        }
        Verdict v = results.isEmpty() ? null : verdict(classes);
        List<String> charts = new ArrayList<>();
        for (List<Cell> slice : slices()) {
            charts.add(heatMap(slice));
        }
        List<HtmlReport.Table> tables = new ArrayList<>();
        if (v != null) {
            tables.add(new HtmlReport.Table(
                    "Criterion",
                    List.of("figure", "value", "threshold", "reason", "finding"),
                    List.of(List.of(
                            v.checks().get(0).criterion().figure(),
                            String.format(
                                    Locale.ROOT,
                                    "%.3f",
                                    v.checks().get(0).estimate().mean()),
                            "≥ " + AGREEMENT,
                            v.checks().get(0).criterion().reason(),
                            v.finding().label()))));
        }
        if (means().size() <= MAX_TABLE_CELLS) {
            tables.add(cellTable());
        }
        String setup = "Every cell: "
                + (sweep.init().isEmpty()
                        ? "weights N(0, σ_w²/fan_in), biases N(0, σ_b²)"
                        : "weights by the initializer, zero biases")
                + "; a fully connected net of `depth` hidden layers; plain SGD, "
                + sweep.steps() + " steps of " + sweep.batch() + " examples; training accuracy read on at most "
                + CellTraining.EVAL_EXAMPLES + " training examples at steps "
                + (results.isEmpty()
                        ? "-"
                        : java.util.Arrays.toString(results.get(0).checkpoints())) + " of the one run; " + sweep.seeds()
                + " seed(s) per cell; data: " + data
                + ". A cell counts as trained at a mean final training accuracy of at"
                + " least halfway from chance to 1. The theory line is 6ξ_c from the mean-field analysis at q0 = 1"
                + " (initlab critical)."
                + (means().size() > MAX_TABLE_CELLS
                        ? " Every cell's figures are in metrics.csv and in the" + " heat map's hover titles."
                        : "");
        report.add(new HtmlReport.Section(
                "Sweep " + sweep.name(),
                "Schoenholz, Gilmer, Ganguli and Sohl-Dickstein (2017),"
                        + " \"Deep Information Propagation\": random networks are trainable only up to a depth of about 6ξ_c, where"
                        + " ξ_c is the depth scale of correlations; ξ_c diverges at the edge of chaos (χ₁ = 1), so the trainable"
                        + " depth peaks at the critical σ_w².",
                setup,
                v == null ? "inconclusive" : v.finding().label(),
                v == null ? "no cell can be compared with the theory yet" : v.summary(),
                tables,
                charts,
                conclusion(v)));
        return report;
    }

    private String conclusion(Verdict v) {
        if (v == null) {
            return "No finished cell has a σ_w² parametrization to compare with the theory.";
        }
        return String.format(
                Locale.ROOT,
                "%.0f%% of the compared cells fall on the side of the 6ξ_c line the theory"
                        + " predicts (%s at a threshold of %.0f%%).",
                100 * v.checks().get(0).estimate().mean(),
                v.finding().label(),
                100 * AGREEMENT);
    }

    /** Groups the cells by the axes other than σ_w²/init and depth. */
    private List<List<Cell>> slices() {
        Map<String, List<Cell>> groups = new LinkedHashMap<>();
        for (Cell c : sweep.cells()) {
            String key = c.sigmaB2() + "|" + c.width() + "|" + c.activation() + "|" + c.lr();
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(c);
        }
        return new ArrayList<>(groups.values());
    }

    private String heatMap(List<Cell> slice) {
        Map<Cell, Double> means = means();
        List<String> columns = new ArrayList<>();
        List<Object> keys = new ArrayList<>();
        for (Cell c : slice) {
            Object k = c.init() != null ? c.init() : c.sigmaW2();
            if (!keys.contains(k)) {
                keys.add(k);
                columns.add(c.init() != null ? c.init() : number(c.sigmaW2()));
            }
        }
        double[] rows = sweep.depth().stream()
                .mapToDouble(Integer::doubleValue)
                .sorted()
                .toArray();
        double[][] values = new double[rows.length][keys.size()];
        double[] curve = new double[keys.size()];
        for (double[] r : values) {
            java.util.Arrays.fill(r, Double.NaN);
        }
        java.util.Arrays.fill(curve, Double.NaN);
        for (Cell c : slice) {
            int col = keys.indexOf(c.init() != null ? c.init() : c.sigmaW2());
            int row = java.util.Arrays.binarySearch(rows, c.depth());
            Double m = means.get(c);
            if (m != null) {
                values[row][col] = m;
            }
            curve[col] = sixXiC(c);
        }
        Cell first = slice.get(0);
        String title = "Train accuracy, " + sweep.steps() + " steps: " + first.activation()
                + (first.init() == null ? ", σ_b² " + number(first.sigmaB2()) : "") + ", width " + first.width()
                + ", lr " + number(first.lr());
        boolean theory = first.init() == null;
        return HeatMap.svg(
                title,
                first.init() == null ? "σ_w²" : "initializer",
                columns,
                "depth",
                rows,
                values,
                0,
                1,
                "train accuracy",
                theory ? curve : null,
                "6 ξ_c (mean field)");
    }

    private HtmlReport.Table cellTable() {
        List<List<String>> rows = new ArrayList<>();
        for (Map.Entry<Cell, Double> e : means().entrySet()) {
            Cell c = e.getKey();
            rows.add(List.of(
                    c.init() != null ? c.init() : number(c.sigmaW2()),
                    c.init() != null ? "" : number(c.sigmaB2()),
                    Integer.toString(c.depth()),
                    Integer.toString(c.width()),
                    c.activation(),
                    number(c.lr()),
                    String.format(Locale.ROOT, "%.3f", e.getValue()),
                    number(sixXiC(c))));
        }
        return new HtmlReport.Table(
                "Cells (mean over seeds)",
                List.of("σ_w² or init", "σ_b²", "depth", "width", "activation", "lr", "train accuracy", "6ξ_c"),
                rows);
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        if (Double.isInfinite(v)) {
            return "∞";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.3g", v);
    }
}
