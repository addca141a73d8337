package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.initlab.lab.judge.Check;
import org.initlab.lab.judge.Estimate;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.judge.Verdict;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;

/** Tables, charts, CSV and conclusion of {@link WrongFormulas}. */
final class WrongFormulasRendering {
    private WrongFormulasRendering() {}

    static Rendering render(WrongFormulas e, List<WrongFormulas.Result> seeds, Verdict verdict) {
        List<List<String>> cases = new ArrayList<>();
        List<Svg.Interval> points = new ArrayList<>();
        for (WrongFormulas.Case c : WrongFormulas.CASES) {
            Check check = e.check(c, seeds);
            Estimate effect = check.estimate();
            cases.add(List.of(
                    c.id() + " " + c.written(),
                    c.wrong().law() + " (" + c.wrong().label() + ")",
                    c.right().law() + " (" + c.right().label() + ")",
                    c.right().activation(),
                    Cells.of(seeds, r -> r.of(c.wrong()).stdRatio()),
                    Cells.of(seeds, r -> r.of(c.right()).stdRatio()),
                    Cells.of(effect),
                    Cells.number(e.predicted(c)),
                    check.finding().label()));
            points.add(new Svg.Interval(
                    c.id() + " " + c.right().activation(), effect.mean(), effect.low(), effect.high()));
        }
        List<List<String>> laws = new ArrayList<>();
        for (WrongFormulas.Law law : WrongFormulas.LAWS) {
            laws.add(List.of(
                    law.label() + ", " + law.activation(),
                    law.spec(),
                    Cells.of(seeds, r -> r.of(law).std()[0]),
                    Cells.of(seeds, r -> last(r.of(law).std())),
                    Cells.of(seeds, r -> r.of(law).stdRatio()),
                    Cells.of(seeds, r -> r.of(law).gradRatio()),
                    drawRange(seeds, law)));
        }
        List<String> charts = new ArrayList<>();
        charts.add(Svg.intervalChart(
                "last/first std, wrong over right law (95% interval)",
                "ratio (log scale; dashed:" + " factor 2)",
                points,
                true,
                WrongFormulas.FACTOR,
                1 / WrongFormulas.FACTOR));
        for (WrongFormulas.Case c : WrongFormulas.CASES) {
            List<Svg.Series> series = new ArrayList<>();
            for (WrongFormulas.Law law : List.of(c.wrong(), c.right())) {
                int n = seeds.get(0).of(law).std().length;
                double[] xs = new double[n];
                double[] ys = new double[n];
                for (int l = 0; l < n; l++) {
                    int layer = l;
                    xs[l] = l + 1;
                    ys[l] = Cells.across(seeds, r -> r.of(law).std()[layer]).mean();
                }
                series.add(new Svg.Series(law.label(), xs, ys));
            }
            charts.add(Svg.lineChart(
                    c.id() + " " + c.right().activation() + ": std per hidden layer (RMS over draws, seeds)",
                    "hidden layer",
                    "activation std (log scale)",
                    series,
                    true));
        }
        return new Rendering(
                List.of(
                        new HtmlReport.Table(
                                "Each wrong formula against the right law (last/first hidden std; mean ± sd over seeds)",
                                List.of(
                                        "as written in the articles",
                                        "wrong formula",
                                        "right law",
                                        "activation",
                                        "wrong: last/first",
                                        "right: last/first",
                                        "wrong over right",
                                        "linear theory",
                                        "finding"),
                                cases),
                        new HtmlReport.Table(
                                "Every law run: forward std and backward gradient over the depth (mean ± sd over seeds)",
                                List.of(
                                        "law, activation",
                                        "spec",
                                        "std, first hidden",
                                        "std, last hidden",
                                        "std last/first",
                                        "gradient norm first/last hidden",
                                        "single draws: std last/first, range"),
                                laws)),
                charts,
                csv(seeds),
                conclusion(e, seeds, verdict));
    }

    /** The smallest and largest last/first std ratio of a single weight draw, over every seed. */
    private static String drawRange(List<WrongFormulas.Result> seeds, WrongFormulas.Law law) {
        double[] all = seeds.stream()
                .flatMapToDouble(r -> Arrays.stream(r.of(law).drawRatios()))
                .toArray();
        return Cells.number(Arrays.stream(all).min().orElse(Double.NaN)) + " to "
                + Cells.number(Arrays.stream(all).max().orElse(Double.NaN));
    }

    private static double last(double[] a) {
        return a[a.length - 1];
    }

    private static String csv(List<WrongFormulas.Result> seeds) {
        StringBuilder sb = new StringBuilder("seed,law,activation,spec,layer,std,grad_norm\n");
        for (WrongFormulas.Result r : seeds) {
            for (int k = 0; k < r.runs().size(); k++) {
                WrongFormulas.Run run = r.runs().get(k);
                String spec = WrongFormulas.LAWS.get(k).spec().replace(",", ";");
                for (int l = 0; l < run.std().length; l++) {
                    sb.append(r.seed())
                            .append(',')
                            .append(run.label().replace(",", ";"))
                            .append(',')
                            .append(run.activation())
                            .append(',')
                            .append(spec)
                            .append(',')
                            .append(l + 1)
                            .append(',')
                            .append(run.std()[l])
                            .append(',')
                            .append(run.gradNorm()[l])
                            .append('\n');
                }
            }
        }
        return sb.toString();
    }

    private static String conclusion(WrongFormulas e, List<WrongFormulas.Result> seeds, Verdict verdict) {
        StringBuilder sb = new StringBuilder(
                "Over " + e.depth() + " hidden layers alternating " + e.narrow() + " and " + e.wide() + " wide, ");
        List<String> parts = new ArrayList<>();
        for (WrongFormulas.Case c : WrongFormulas.CASES) {
            Check check = e.check(c, seeds);
            parts.add(c.id() + " " + c.wrong().label() + " changed the "
                    + c.right().activation() + " signal's last/first"
                    + " std by " + Cells.of(check.estimate()) + " times the right law's ("
                    + c.right().label()
                    + "; linear theory " + Cells.number(e.predicted(c)) + "): "
                    + (check.finding() == Finding.SUPPORTED
                            ? "beyond a factor 2, as claimed"
                            : check.finding() == Finding.NOT_SUPPORTED
                                    ? "within a factor 2, so this formula does no" + " measurable harm here"
                                    : "too close to a factor 2 to tell"));
        }
        double[] he = seeds.stream()
                .flatMapToDouble(r -> Arrays.stream(r.of(WrongFormulas.HE_RELU).drawRatios()))
                .toArray();
        long strayed = Arrays.stream(he)
                .filter(v -> v < 1 / WrongFormulas.FACTOR || v > WrongFormulas.FACTOR)
                .count();
        sb.append(String.join("; ", parts))
                .append(". He's right law kept the ReLU signal at ")
                .append(Cells.of(seeds, r -> r.of(WrongFormulas.HE_RELU).stdRatio()))
                .append(
                        " of its first-layer std (root mean square over draws); single networks strayed beyond a factor 2 in ")
                .append(strayed)
                .append(" of ")
                .append(he.length)
                .append(" draws (range ")
                .append(drawRange(seeds, WrongFormulas.HE_RELU))
                .append("): the law holds for the variance's expectation,"
                        + " around which a network of finite width walks randomly. ");
        WrongFormulas.Case a = WrongFormulas.CASES.get(0);
        double lecun = Cells.across(seeds, r -> r.of(a.wrong()).stdRatio()).mean();
        double glorot = Cells.across(seeds, r -> r.of(a.right()).stdRatio()).mean();
        sb.append("In (a) the name is wrong, not the law: 1/fan_in is LeCun's law, which keeps a tanh signal's"
                        + " variance in the linear range; it kept ")
                .append(Cells.of(seeds, r -> r.of(a.wrong()).stdRatio()))
                .append(
                        " of the first layer's std where Glorot's compromise between the forward and the backward pass kept ")
                .append(Cells.of(seeds, r -> r.of(a.right()).stdRatio()))
                .append(
                        Math.abs(Math.log(lecun)) < Math.abs(Math.log(glorot))
                                ? " (so here the misnamed law kept the forward" + " signal better)"
                                : "")
                .append("; the backward gradient's first/last norm was ")
                .append(Cells.of(seeds, r -> r.of(a.wrong()).gradRatio()))
                .append(" and ")
                .append(Cells.of(seeds, r -> r.of(a.right()).gradRatio()))
                .append(
                        ". The two laws differ whenever fan_in ≠ fan_out, so calling one by the other's name changes the"
                                + " network. ");
        sb.append(
                verdict.finding() == Finding.SUPPORTED
                        ? "Every wrong formula is measurably not the law it is named for."
                        : "Not every criterion held: " + verdict.summary() + ".");
        return sb.toString();
    }
}
