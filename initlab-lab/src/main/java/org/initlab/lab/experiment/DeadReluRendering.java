package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.List;
import org.initlab.lab.experiment.DeadRelu.Result;
import org.initlab.lab.experiment.DeadRelu.Run;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/** Tables, charts, CSV and conclusion of {@link DeadRelu}. */
final class DeadReluRendering {
    private DeadReluRendering() {}

    static Rendering render(DeadRelu e, List<Result> seeds, Verdict verdict) {
        List<String> inits = List.copyOf(DeadRelu.INITS.keySet());
        List<List<String>> rows = new ArrayList<>();
        for (String init : inits) {
            for (double bias : DeadRelu.BIASES) {
                long diverged = seeds.stream()
                        .filter(r -> Double.isNaN(r.run(init, bias).afterTraining()))
                        .count();
                rows.add(List.of(
                        init,
                        biasLabel(bias),
                        Cells.of(seeds, r -> r.run(init, bias).atInit()),
                        Cells.of(seeds, r -> r.run(init, bias).afterTraining()),
                        Cells.of(
                                seeds,
                                r -> last(r.run(init, bias)
                                        .dead()[r.run(init, bias).epochs()])),
                        Cells.of(seeds, r -> r.run(init, bias).accuracy())
                                + (diverged == 0 ? "" : " (" + diverged + "/" + seeds.size() + " diverged)")));
            }
        }
        Result first = seeds.get(0);
        int layers = first.runs().get(0).dead()[0].length;
        int epochs = first.runs().get(0).epochs();
        double[] layerAxis = new double[layers];
        for (int l = 0; l < layers; l++) {
            layerAxis[l] = l + 1;
        }
        double[] epochAxis = new double[epochs + 1];
        for (int k = 0; k <= epochs; k++) {
            epochAxis[k] = k;
        }
        List<Svg.Series> byLayer = new ArrayList<>();
        List<Svg.Series> byEpoch = new ArrayList<>();
        for (String init : inits) {
            byLayer.add(Bands.of(
                    init,
                    layerAxis,
                    seeds,
                    r -> r.run(init, 0).dead()[r.run(init, 0).epochs()]));
            byEpoch.add(Bands.of(init, epochAxis, seeds, r -> {
                double[] perEpoch = new double[epochs + 1];
                for (int k = 0; k <= epochs; k++) {
                    perEpoch[k] = r.run(init, 0).meanDead(k);
                }
                return perEpoch;
            }));
        }
        List<Svg.Series> byInit = new ArrayList<>();
        for (double bias : DeadRelu.BIASES) {
            double[] mean = new double[inits.size()];
            double[] low = new double[inits.size()];
            double[] high = new double[inits.size()];
            for (int i = 0; i < inits.size(); i++) {
                String init = inits.get(i);
                var across = Cells.across(seeds, r -> r.run(init, bias).afterTraining());
                mean[i] = across.mean();
                low[i] = across.min();
                high[i] = across.max();
            }
            byInit.add(new Svg.Series("biases " + biasLabel(bias), new double[inits.size()], mean, low, high));
        }
        StringBuilder csv = new StringBuilder("seed,init,bias,epoch,layer,dead_fraction,test_accuracy\n");
        for (Result r : seeds) {
            for (Run run : r.runs()) {
                for (int k = 0; k < run.dead().length; k++) {
                    for (int l = 0; l < run.dead()[k].length; l++) {
                        csv.append(r.seed())
                                .append(',')
                                .append(run.init().replace(",", ";"))
                                .append(',')
                                .append(run.bias())
                                .append(',')
                                .append(k)
                                .append(',')
                                .append(l + 1)
                                .append(',')
                                .append(run.dead()[k][l])
                                .append(',')
                                .append(run.testAccuracy()[k])
                                .append('\n');
                    }
                }
            }
        }
        return new Rendering(
                List.of(new HtmlReport.Table(
                        "Dead hidden units (fraction of units with output 0 on every"
                                + " training example; mean over layers, then mean ± sd over seeds)",
                        List.of(
                                "weights",
                                "biases",
                                "dead at init",
                                "dead after training",
                                "dead in the last hidden layer after training",
                                "test accuracy"),
                        rows)),
                List.of(
                        Svg.pointChart(
                                "dead fraction after " + epochs + (epochs == 1 ? " epoch" : " epochs") + " by"
                                        + " initializer (mean over layers and seeds; bar = lowest to highest seed)",
                                SHORT,
                                "dead fraction",
                                byInit,
                                false),
                        Svg.lineChart(
                                "dead fraction by hidden layer after " + epochs + " epochs (biases 0, mean over seeds,"
                                        + " band min to max)",
                                "hidden layer",
                                "dead fraction",
                                byLayer,
                                false),
                        Svg.lineChart(
                                "dead fraction by epoch (biases 0, mean over layers, then over seeds with the band min"
                                        + " to max; 0 = at init)",
                                "epoch",
                                "dead fraction",
                                byEpoch,
                                false)),
                csv.toString(),
                conclusion(seeds, verdict, epochs));
    }

    /** Short category labels of the initializers, in {@link DeadRelu#INITS} order. */
    private static final List<String> SHORT = List.of("He", "LeCun", "Glorot", "N(0, 0.01²)", "N(0, 1)");

    /** A bias value as written in the claim: 0 or 0.01. */
    private static String biasLabel(double bias) {
        return bias == 0 ? "0" : Double.toString(bias);
    }

    private static double last(double[] a) {
        return a[a.length - 1];
    }

    private static String conclusion(List<Result> seeds, Verdict verdict, int epochs) {
        List<String> inits = List.copyOf(DeadRelu.INITS.keySet());
        String he = inits.get(0);
        StringBuilder s = new StringBuilder("At initialization (biases 0) the mean dead fraction was ");
        List<String> atInit = new ArrayList<>();
        for (String init : inits) {
            atInit.add(init + " " + Cells.of(seeds, r -> r.run(init, 0).atInit()));
        }
        s.append(String.join(", ", atInit))
                .append("; after ")
                .append(epochs)
                .append(epochs == 1 ? " epoch " : " epochs ");
        List<String> after = new ArrayList<>();
        for (String init : inits) {
            after.add(init + " " + Cells.of(seeds, r -> r.run(init, 0).afterTraining()));
        }
        s.append(String.join(", ", after)).append(". ");
        List<String> scaled = List.of(he, inits.get(1), inits.get(3), inits.get(4));
        boolean identical = seeds.stream()
                .allMatch(r -> scaled.stream()
                        .allMatch(i -> r.run(i, 0).atInit() == r.run(he, 0).atInit()));
        if (identical) {
            s.append("The four normal initializers start with the same dead units in every seed: with biases 0 their"
                    + " weights are multiples of the same draws, and scale changes no sign, so no scale can reduce dead"
                    + " units at initialization. ");
        }
        double heBefore = Cells.across(seeds, r -> r.run(he, 0).atInit()).mean();
        double heAfter = Cells.across(seeds, r -> r.run(he, 0).afterTraining()).mean();
        s.append("Training ")
                .append(heAfter < heBefore ? "revived" : "killed")
                .append(" units under He (mean dead fraction ")
                .append(Cells.number(heBefore))
                .append(" → ")
                .append(Cells.number(heAfter))
                .append("). ");
        List<String> fewer = new ArrayList<>();
        List<String> notFewer = new ArrayList<>();
        List<String> open = new ArrayList<>();
        for (Check c : verdict.checks()) {
            String other = c.criterion()
                    .figure()
                    .replace("He minus ", "")
                    .replace(": dead fraction after training (biases 0)", "");
            (c.finding() == Finding.SUPPORTED ? fewer : c.finding() == Finding.NOT_SUPPORTED ? notFewer : open)
                    .add(other);
        }
        s.append("He left clearly fewer units dead than ")
                .append(fewer.isEmpty() ? "none of the alternatives" : String.join(", ", fewer))
                .append(notFewer.isEmpty() ? "" : "; not fewer than " + String.join(", ", notFewer))
                .append(open.isEmpty() ? "" : "; within seed noise of " + String.join(", ", open))
                .append(". ");
        s.append("Biases 0.01 instead of 0 changed He's dead fraction after training from ")
                .append(Cells.of(seeds, r -> r.run(he, 0).afterTraining()))
                .append(" to ")
                .append(Cells.of(seeds, r -> r.run(he, 0.01).afterTraining()))
                .append(", N(0, 0.01²)'s from ")
                .append(Cells.of(seeds, r -> r.run(inits.get(3), 0).afterTraining()))
                .append(" to ")
                .append(Cells.of(seeds, r -> r.run(inits.get(3), 0.01).afterTraining()))
                .append('.');
        return s.toString();
    }
}
