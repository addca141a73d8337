package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.initlab.lab.judge.Estimate;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/** Tables, charts, CSV and conclusion of {@link PretrainedBody}. */
final class PretrainedRendering {
    private PretrainedRendering() {}

    static Rendering render(PretrainedBody e, List<PretrainedBody.Result> seeds, Verdict verdict) {
        PretrainedBody.Result first = seeds.get(0);
        int sizes = first.sizes().size();
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < sizes; i++) {
            int k = i;
            rows.add(List.of(
                    Integer.toString(first.sizes().get(k).size()),
                    Cells.of(seeds, r -> r.sizes().get(k).scratch()),
                    Cells.of(seeds, r -> r.sizes().get(k).fineTuned()),
                    Cells.of(seeds, r -> r.sizes().get(k).gain()),
                    Cells.of(seeds, r -> r.sizes().get(k).scratchMacroF1()) + " / "
                            + Cells.of(seeds, r -> r.sizes().get(k).fineTunedMacroF1()),
                    Cells.of(seeds, r -> r.sizes().get(k).firstEpochGain()),
                    k < PretrainedBody.JUDGED_SIZES ? "yes" : "no (reported)"));
        }
        HtmlReport.Table table = new HtmlReport.Table(
                "Test accuracy after " + e.epochs() + " fine-tuning epochs (mean ± sd over " + seeds.size()
                        + " seed(s))",
                List.of(
                        "labelled examples",
                        "scratch (He)",
                        "fine-tuned (pretrained body, He head)",
                        "gain (fine-tuned − scratch)",
                        "macro-F1 scratch / fine-tuned",
                        "gain after epoch 1",
                        "judged"),
                rows);

        double[] xs =
                first.sizes().stream().mapToDouble(PretrainedBody.SizeRun::size).toArray();
        List<Svg.Series> bySize = List.of(
                Bands.of(
                        "scratch (He)",
                        xs,
                        seeds,
                        r -> r.sizes().stream()
                                .mapToDouble(PretrainedBody.SizeRun::scratch)
                                .toArray()),
                Bands.of(
                        "fine-tuned",
                        xs,
                        seeds,
                        r -> r.sizes().stream()
                                .mapToDouble(PretrainedBody.SizeRun::fineTuned)
                                .toArray()));
        List<Svg.Series> curves = new ArrayList<>();
        for (int k : new int[] {0, sizes - 1}) {
            PretrainedBody.SizeRun s = first.sizes().get(k);
            double[] ep = new double[s.epochs() + 1];
            for (int j = 0; j < ep.length; j++) {
                ep[j] = j;
            }
            curves.add(Bands.of(
                    "scratch, " + s.size(), ep, seeds, r -> r.sizes().get(k).scratchAccuracy()));
            curves.add(Bands.of(
                    "fine-tuned, " + s.size(), ep, seeds, r -> r.sizes().get(k).fineTunedAccuracy()));
        }
        String band = "mean over " + seeds.size() + " seeds, band min to max";
        List<String> charts = List.of(
                Svg.lineChart(
                        "test accuracy after " + e.epochs() + " epochs by labelled examples (" + band + ")",
                        "labelled examples",
                        "test accuracy",
                        bySize,
                        false),
                Svg.lineChart(
                        "test accuracy per epoch (" + band + "; epoch 0: before fine-tuning)",
                        "epoch",
                        "test accuracy",
                        curves,
                        false));

        StringBuilder csv = new StringBuilder("seed,size,run,epoch,test_accuracy,test_loss\n");
        for (PretrainedBody.Result r : seeds) {
            for (PretrainedBody.SizeRun s : r.sizes()) {
                for (int j = 0; j <= s.epochs(); j++) {
                    csv.append(r.seed())
                            .append(',')
                            .append(s.size())
                            .append(",scratch,")
                            .append(j)
                            .append(',')
                            .append(s.scratchAccuracy()[j])
                            .append(',')
                            .append(s.scratchLoss()[j])
                            .append('\n');
                    csv.append(r.seed())
                            .append(',')
                            .append(s.size())
                            .append(",fine-tuned,")
                            .append(j)
                            .append(',')
                            .append(s.fineTunedAccuracy()[j])
                            .append(',')
                            .append(s.fineTunedLoss()[j])
                            .append('\n');
                }
            }
        }
        return new Rendering(List.of(table), charts, csv.toString(), conclusion(e, seeds));
    }

    private static String conclusion(PretrainedBody e, List<PretrainedBody.Result> seeds) {
        PretrainedBody.Result first = seeds.get(0);
        StringBuilder s = new StringBuilder("The body was pretrained on " + first.pretrainExamples()
                + " images (test accuracy "
                + Cells.of(seeds, PretrainedBody.Result::pretrainAccuracy) + " on its own classes). After " + e.epochs()
                + " fine-tuning epochs the test accuracy (scratch → fine-tuned) was ");
        List<String> parts = new ArrayList<>();
        List<Integer> helps = new ArrayList<>();
        List<Integer> worse = new ArrayList<>();
        List<Integer> noGain = new ArrayList<>();
        List<Integer> unclear = new ArrayList<>();
        double m = PretrainedBody.MIN_GAIN;
        for (int i = 0; i < first.sizes().size(); i++) {
            int k = i;
            int size = first.sizes().get(k).size();
            parts.add(Cells.of(seeds, r -> r.sizes().get(k).scratch()) + " → "
                    + Cells.of(seeds, r -> r.sizes().get(k).fineTuned()) + " with " + size + " examples");
            Estimate gain = Cells.across(seeds, r -> r.sizes().get(k).gain());
            (gain.low() >= m ? helps : gain.high() <= -m ? worse : gain.high() < m ? noGain : unclear).add(size);
        }
        s.append(String.join(", ", parts)).append(". ");
        s.append("Fine-tuning beats scratch by at least ")
                .append(m)
                .append(" (95% interval over seeds) ")
                .append(helps.isEmpty() ? "at none of the sizes" : "with " + helps + " examples");
        if (!worse.isEmpty()) {
            s.append("; it is worse than scratch by more than ")
                    .append(m)
                    .append(" with ")
                    .append(worse)
                    .append(" examples");
        }
        if (!noGain.isEmpty()) {
            s.append("; with ")
                    .append(noGain)
                    .append(" examples it gains less than ")
                    .append(m)
                    .append(" (fine-tuning is no better than scratch there)");
        }
        if (!unclear.isEmpty()) {
            s.append("; with ")
                    .append(unclear)
                    .append(" examples the gain is within the seed noise of ")
                    .append(m);
        }
        s.append(". After one epoch the gain was ")
                .append(Cells.of(seeds, r -> r.sizes().get(0).firstEpochGain()))
                .append(" with ")
                .append(first.sizes().get(0).size())
                .append(" examples (the head start); before fine-tuning the")
                .append(" test loss was ")
                .append(Cells.of(seeds, r -> r.sizes().get(0).scratchLoss()[0]))
                .append(" from scratch and ")
                .append(Cells.of(seeds, r -> r.sizes().get(0).fineTunedLoss()[0]))
                .append(" with the pretrained body under the")
                .append(" same fresh head")
                .append(
                        Cells.across(seeds, r -> r.sizes().get(0).fineTunedLoss()[0])
                                                .mean()
                                        > Cells.across(
                                                        seeds,
                                                        r -> r.sizes().get(0).scratchLoss()[0])
                                                .mean()
                                ? " (the pretrained features, grown by"
                                        + " training, give the fresh head larger logits than a fresh body's do). "
                                : ". ");
        s.append(
                e.task().equals(PretrainedBody.NEW_CLASSES)
                        ? "The task is transfer to new classes (5-9 from a body trained on 0-4), where the articles' claim is meant."
                        : "The task is fine-tuning on the classes the body was pretrained on (disjoint images): a task where transfer"
                                + " should help, stated as such; it says less about transfer to new classes.");
        return s.toString();
    }
}
