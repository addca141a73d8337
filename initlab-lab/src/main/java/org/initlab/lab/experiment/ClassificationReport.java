package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.initlab.lab.report.HtmlReport;
import org.initlab.nn.ConfusionMatrix;
import org.initlab.nn.ConfusionMatrix.Average;
import org.initlab.nn.Dataset;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.initlab.nn.Trainer;

/**
 * A classifier's evaluation as plain numbers, for any experiment to keep in its result and report:
 * the confusion matrix and the figures {@link ConfusionMatrix} derives from it (accuracy;
 * per-class precision, recall, F1 and support; their macro, micro and weighted averages, with
 * {@link ConfusionMatrix}'s definitions, which are scikit-learn's with {@code zero_division=0}).
 * {@link #of(Sequential, Dataset)} evaluates a model in inference mode; {@link #perClassTable} and
 * {@link #averagesTable} make report tables across seeds.
 *
 * @param counts the confusion matrix, {@code counts[actual][predicted]}
 * @param accuracy fraction of examples predicted right
 * @param precision per class
 * @param recall per class
 * @param f1 per class
 * @param support examples per actual class
 * @param macro macro averages
 * @param micro micro averages (for single-label data each equals the accuracy)
 * @param weighted support-weighted averages
 */
public record ClassificationReport(
        int[][] counts,
        double accuracy,
        double[] precision,
        double[] recall,
        double[] f1,
        long[] support,
        Averages macro,
        Averages micro,
        Averages weighted) {
    /**
     * Precision, recall and F1 averaged one way.
     *
     * @param precision averaged precision
     * @param recall averaged recall
     * @param f1 averaged F1 (for macro: the mean of per-class F1, not the F1 of the averages)
     */
    public record Averages(double precision, double recall, double f1) {
        static Averages of(ConfusionMatrix cm, Average a) {
            return new Averages(cm.precision(a), cm.recall(a), cm.f1(a));
        }
    }

    /** The figures of a confusion matrix. */
    public static ClassificationReport of(ConfusionMatrix cm) {
        int k = cm.classes();
        double[] p = new double[k];
        double[] r = new double[k];
        double[] f = new double[k];
        long[] s = new long[k];
        for (int c = 0; c < k; c++) {
            p[c] = cm.precision(c);
            r[c] = cm.recall(c);
            f[c] = cm.f1(c);
            s[c] = cm.support(c);
        }
        return new ClassificationReport(
                cm.counts(),
                cm.accuracy(),
                p,
                r,
                f,
                s,
                Averages.of(cm, Average.MACRO),
                Averages.of(cm, Average.MICRO),
                Averages.of(cm, Average.WEIGHTED));
    }

    /**
     * {@code model} evaluated on {@code data} (single-label classification, logits {@code [n, classes]}),
     * in inference mode, {@link Trainer#EVAL_CHUNK} rows at a time.
     */
    public static ClassificationReport of(Sequential model, Dataset data) {
        Tensor logits = Trainer.logits(model, data);
        return of(ConfusionMatrix.fromLogits(new Tensor(logits.data(), data.size(), data.classes()), data.labels()));
    }

    /**
     * {@code model} evaluated on {@code data} like {@link #of(Sequential, Dataset)}, for experiments
     * that keep a report of every epoch: a two-class task with one logit {@code z} (sigmoid and binary
     * cross-entropy) predicts class 1 where {@code z > 0}; null when an output is not finite (a net that
     * diverged predicts nothing).
     */
    public static ClassificationReport evaluate(Sequential model, Dataset data) {
        Tensor out = Trainer.logits(model, data);
        float[] z = out.data();
        for (float v : z) {
            if (!Float.isFinite(v)) {
                return null;
            }
        }
        int n = data.size();
        if (z.length == n && data.classes() == 2) {
            int[] predicted = new int[n];
            for (int i = 0; i < n; i++) {
                predicted[i] = z[i] > 0 ? 1 : 0;
            }
            return of(ConfusionMatrix.of(predicted, data.labels(), 2));
        }
        return of(ConfusionMatrix.fromLogits(new Tensor(z, n, data.classes()), data.labels()));
    }

    /** Macro-averaged F1 of {@code r}; NaN for no report (a diverged net). */
    public static double macroF1(ClassificationReport r) {
        return r == null ? Double.NaN : r.macro().f1();
    }

    /** Macro-F1 of each report in turn (NaN for a missing one). */
    public static double[] macroF1(List<ClassificationReport> reports) {
        return reports.stream().mapToDouble(ClassificationReport::macroF1).toArray();
    }

    /** The last of {@code reports} (one per epoch), or null when there is none. */
    public static ClassificationReport last(List<ClassificationReport> reports) {
        return reports.isEmpty() ? null : reports.get(reports.size() - 1);
    }

    /** The first {@code n} of {@code reports} (all when fewer), keeping nulls, unmodifiable. */
    public static List<ClassificationReport> first(List<ClassificationReport> reports, int n) {
        return java.util.Collections.unmodifiableList(new ArrayList<>(reports.subList(0, Math.min(n, reports.size()))));
    }

    /** Number of classes. */
    public int classes() {
        return counts.length;
    }

    /** Mean recall over the classes {@code from} to {@code to} (exclusive). */
    public double meanRecall(int from, int to) {
        double sum = 0;
        for (int c = from; c < to; c++) {
            sum += recall[c];
        }
        return sum / (to - from);
    }

    /** Per class: support, precision, recall and F1 as mean ± sd over the reports (one per seed). */
    public static HtmlReport.Table perClassTable(String caption, List<ClassificationReport> seeds) {
        List<List<String>> rows = new ArrayList<>();
        for (int c = 0; c < seeds.get(0).classes(); c++) {
            int k = c;
            rows.add(List.of(
                    Integer.toString(c),
                    Cells.of(seeds, r -> r.support()[k]),
                    Cells.of(seeds, r -> r.precision()[k]),
                    Cells.of(seeds, r -> r.recall()[k]),
                    Cells.of(seeds, r -> r.f1()[k])));
        }
        return new HtmlReport.Table(caption, List.of("class", "support", "precision", "recall", "F1"), rows);
    }

    /** Accuracy and the macro, micro and weighted averages as mean ± sd over the reports (one per seed). */
    public static HtmlReport.Table averagesTable(String caption, List<ClassificationReport> seeds) {
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("accuracy", Cells.of(seeds, ClassificationReport::accuracy), "", ""));
        for (String name : List.of("macro", "micro", "weighted")) {
            java.util.function.Function<ClassificationReport, Averages> a = switch (name) {
                case "macro" -> ClassificationReport::macro;
                case "micro" -> ClassificationReport::micro;
                default -> ClassificationReport::weighted;
            };
            rows.add(List.of(
                    name + " average",
                    Cells.of(seeds, r -> a.apply(r).precision()),
                    Cells.of(seeds, r -> a.apply(r).recall()),
                    Cells.of(seeds, r -> a.apply(r).f1())));
        }
        return new HtmlReport.Table(caption, List.of("figure", "precision", "recall", "F1"), rows);
    }

    /**
     * The confusion matrix as a table, rows the actual class and columns the predicted one; each cell
     * the mean count over the reports (one per seed; a missing one, from a diverged run, left out),
     * whole or to one decimal.
     */
    public static HtmlReport.Table confusionTable(String caption, List<ClassificationReport> reports) {
        List<ClassificationReport> seeds =
                reports.stream().filter(java.util.Objects::nonNull).toList();
        if (seeds.isEmpty()) {
            return new HtmlReport.Table(
                    caption + " (none: every run diverged)", List.of("actual \\ predicted"), List.of());
        }
        int k = seeds.get(0).classes();
        List<String> header = new ArrayList<>(List.of("actual \\ predicted"));
        List<List<String>> rows = new ArrayList<>();
        for (int a = 0; a < k; a++) {
            header.add(Integer.toString(a));
            List<String> row = new ArrayList<>(List.of(Integer.toString(a)));
            for (int p = 0; p < k; p++) {
                int x = a;
                int y = p;
                double mean = seeds.stream()
                        .mapToDouble(r -> r.counts()[x][y])
                        .average()
                        .orElse(0);
                row.add(
                        mean == Math.rint(mean)
                                ? Long.toString((long) mean)
                                : String.format(java.util.Locale.ROOT, "%.1f", mean));
            }
            rows.add(row);
        }
        return new HtmlReport.Table(caption, header, rows);
    }
}
