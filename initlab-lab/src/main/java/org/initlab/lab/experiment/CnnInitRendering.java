package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/**
 * The tables, charts, CSV and conclusion of {@link CnnInit}: gains against their predictions with
 * standard errors, accuracies and macro-F1 across seeds, the per-layer RMS and training curves as
 * mean and band over the seeds.
 */
final class CnnInitRendering {
    /** Layer names of {@link CnnInit#MODEL}, for the per-layer chart's title. */
    private static final String LAYERS = "conv, relu, pool, conv, relu, pool, flatten, dense, relu, logits";

    private CnnInitRendering() {}

    static Rendering render(CnnInit e, List<CnnInit.Result> seeds, Verdict verdict) {
        int n = CnnInit.INITS.size();
        int epochs = seeds.get(0).he().testAccuracy().length;
        List<List<String>> gainRows = new ArrayList<>();
        List<List<String>> trainRows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int k = i;
            List<String> row = new ArrayList<>();
            row.add(CnnInit.LABELS.get(k));
            for (int b = 0; b < CnnInit.BLOCKS.size(); b++) {
                int block = b;
                row.add(Cells.of(seeds, r -> r.runs().get(k).gain(block)) + " (se "
                        + Cells.number(seeds.stream()
                                .mapToDouble(r -> r.runs().get(k).gainStandardError(block))
                                .max()
                                .orElseThrow())
                        + ")");
                row.add(Cells.number(seeds.get(0).runs().get(k).predicted()[block]));
            }
            gainRows.add(row);
            trainRows.add(List.of(
                    CnnInit.LABELS.get(k),
                    Cells.of(seeds, r -> last(r.runs().get(k).trainLoss())),
                    Cells.of(seeds, r -> last(r.runs().get(k).testLoss())),
                    Cells.of(seeds, r -> r.runs().get(k).finalAccuracy()),
                    Cells.of(seeds, r -> r.runs().get(k).finalMacroF1()),
                    k == 0
                            ? ""
                            : Cells.of(
                                    seeds,
                                    r -> r.he().finalAccuracy()
                                            - r.runs().get(k).finalAccuracy())));
        }
        List<String> gainHeader = new ArrayList<>(List.of("init"));
        for (String b : CnnInit.BLOCKS) {
            gainHeader.add("gain " + b + (b.equals(CnnInit.BLOCKS.get(CnnInit.JUDGED)) ? " (judged)" : ""));
            gainHeader.add("predicted " + b);
        }
        HtmlReport.Table gains = new HtmlReport.Table(
                "RMS gain per block at initialization (mean ± sd over seeds of the" + " RMS over " + e.draws()
                        + " draws; se: largest standard error of one seed's value)",
                gainHeader,
                gainRows);
        HtmlReport.Table training = new HtmlReport.Table(
                "After " + epochs + " epoch(s) (mean ± sd over " + seeds.size() + " seed(s))",
                List.of("init", "last epoch loss", "test loss", "test accuracy", "macro-F1", "He minus this"),
                trainRows);
        return new Rendering(List.of(gains, training), charts(seeds), csv(seeds), conclusion(e, seeds, verdict));
    }

    private static List<String> charts(List<CnnInit.Result> seeds) {
        CnnInit.Result first = seeds.get(0);
        List<Svg.Series> rms = new ArrayList<>();
        List<Svg.Series> loss = new ArrayList<>();
        List<Svg.Series> accuracy = new ArrayList<>();
        for (int k = 0; k < first.runs().size(); k++) {
            int i = k;
            String label = CnnInit.LABELS.get(k);
            // every init on one shared axis per chart: the mean over seeds with the seeds' range as a band
            rms.add(Bands.of(label, seeds, r -> r.runs().get(i).layerRms()));
            loss.add(Bands.of(label, seeds, r -> r.runs().get(i).trainLoss()));
            accuracy.add(Bands.of(label, seeds, r -> r.runs().get(i).testAccuracy()));
        }
        String band = " (mean over " + seeds.size() + " seeds, band min to max)";
        return List.of(
                Svg.lineChart(
                        "output RMS per layer at initialization, first draw of each seed (" + LAYERS + "; mean,"
                                + " band min to max)",
                        "layer",
                        "RMS (log scale)",
                        rms,
                        true),
                Svg.lineChart("training loss per epoch" + band, "epoch", "cross-entropy", loss, false),
                Svg.lineChart("test accuracy per epoch" + band, "epoch", "accuracy", accuracy, false));
    }

    private static String conclusion(CnnInit e, List<CnnInit.Result> seeds, Verdict verdict) {
        int j = CnnInit.JUDGED;
        String gains = IntStream.range(0, CnnInit.INITS.size())
                .mapToObj(k -> CnnInit.LABELS.get(k) + " "
                        + Cells.of(seeds, r -> r.runs().get(k).gain(j)) + " (predicted "
                        + Cells.number(seeds.get(0).runs().get(k).predicted()[j]) + ")")
                .collect(Collectors.joining(", "));
        String accuracies = IntStream.range(0, CnnInit.INITS.size())
                .mapToObj(k -> CnnInit.LABELS.get(k) + " "
                        + Cells.of(seeds, r -> r.runs().get(k).finalAccuracy()))
                .collect(Collectors.joining(", "));
        int epochs = seeds.get(0).he().testAccuracy().length;
        String verdictWords = verdict.finding() == Finding.SUPPORTED
                ? "Every criterion holds."
                : (verdict.finding() == Finding.INCONCLUSIVE ? "Not decided, within noise: " : "Not supported: ")
                        + verdict.deciding().stream()
                                .map(c -> c.criterion().figure())
                                .collect(Collectors.joining("; ")) + ".";
        boolean ordered = true;
        for (int k = 1; k < CnnInit.INITS.size(); k++) {
            int a = k - 1;
            int b = k;
            ordered &= Cells.across(seeds, r -> r.runs().get(a).gain(j)).mean()
                    > Cells.across(seeds, r -> r.runs().get(b).gain(j)).mean();
        }
        return "At initialization the second convolution's RMS gain over " + e.draws() + " weight draws was " + gains
                + (ordered
                        ? ": the gains fall in the predicted order, He's highest and PyTorch's default lowest."
                        : ": the gains are not in the predicted order.")
                + " After "
                + epochs + " epoch(s) the test accuracy was " + accuracies + ". " + verdictWords;
    }

    private static String csv(List<CnnInit.Result> seeds) {
        StringBuilder csv = new StringBuilder("seed,init,quantity,index,value\n");
        for (CnnInit.Result r : seeds) {
            for (CnnInit.Run run : r.runs()) {
                String head = r.seed() + "," + run.init() + ",";
                for (int i = 0; i < run.layerRms().length; i++) {
                    csv.append(head)
                            .append("output_rms_draw_0,")
                            .append(i + 1)
                            .append(',')
                            .append(run.layerRms()[i])
                            .append('\n');
                }
                for (int b = 0; b < CnnInit.BLOCKS.size(); b++) {
                    String block = CnnInit.BLOCKS.get(b).replace(' ', '_');
                    csv.append(head)
                            .append("gain_")
                            .append(block)
                            .append(",,")
                            .append(run.gain(b))
                            .append('\n');
                    csv.append(head)
                            .append("gain_se_")
                            .append(block)
                            .append(",,")
                            .append(run.gainStandardError(b))
                            .append('\n');
                    csv.append(head)
                            .append("predicted_gain_")
                            .append(block)
                            .append(",,")
                            .append(run.predicted()[b])
                            .append('\n');
                }
                for (int ep = 0; ep < run.testAccuracy().length; ep++) {
                    csv.append(head)
                            .append("train_loss,")
                            .append(ep + 1)
                            .append(',')
                            .append(run.trainLoss()[ep])
                            .append('\n');
                    csv.append(head)
                            .append("test_loss,")
                            .append(ep + 1)
                            .append(',')
                            .append(run.testLoss()[ep])
                            .append('\n');
                    csv.append(head)
                            .append("test_accuracy,")
                            .append(ep + 1)
                            .append(',')
                            .append(run.testAccuracy()[ep])
                            .append('\n');
                }
            }
        }
        return csv.toString();
    }

    private static double last(double[] a) {
        return a[a.length - 1];
    }
}
