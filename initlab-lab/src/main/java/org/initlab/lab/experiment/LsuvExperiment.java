package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.initlab.core.init.Registry;
import org.initlab.lab.datadriven.Lsuv;
import org.initlab.lab.datadriven.LsuvReport;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;
import org.initlab.nn.Dataset;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;
import org.initlab.nn.Sgd;
import org.initlab.nn.Trainer;

/**
 * LSUV (Mishkin and Matas 2016) against He and orthogonal init on a deep network: {@value #DEPTH}
 * ReLU layers of width 64 on the {@code digits} data ({@value #FALLBACK} without the files), SGD lr
 * 0.01 with momentum 0.9, batch 32. LSUV pre-initializes orthogonally, then rescales each layer
 * until its output variance on the first 256 training examples is 1 within 0.1.
 *
 * <p>Criteria: LSUV converges on every layer within its 10 iterations, and its final test accuracy
 * is within 0.03 of the best of He and orthogonal or better (the paper's claim is that LSUV matches
 * or beats the other initializations).
 *
 * @param epochs training epochs
 * @param seed seed of weights, data split and order
 */
public record LsuvExperiment(int epochs, long seed) implements LegacyExperiment {
    /** Hidden layers. */
    public static final int DEPTH = 16;
    /** Used when the digits files are missing. */
    public static final String FALLBACK = "blobs(centers=10,features=64,std=1,box=1)";
    private static final List<String> PLANS = List.of("he_normal", "orthogonal", "lsuv");

    public LsuvExperiment {
        if (epochs < 1 || epochs > 10_000) {
            throw new IllegalArgumentException("epochs must be in [1, 10000], got " + epochs);
        }
    }

    static String model() {
        return "mlp(64," + Collections.nCopies(DEPTH, "64").toString().replace(" ", "") + ",10,act=relu)";
    }

    @Override
    public String name() {
        return "lsuv";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", model());
        m.put("data", "digits, " + FALLBACK + " if its files are missing");
        m.put("optimizer", "sgd(lr=0.01, momentum=0.9), batch 32");
        m.put("lsuv", "tolerance 0.1, at most 10 iterations, orthogonal pre-initialization, 256 examples");
        m.put("epochs", epochs);
        m.put("seed", seed);
        return m;
    }

    @Override
    public int work() {
        return PLANS.size();
    }

    @Override
    public Outcome run(IntConsumer progress) {
        ExperimentData data = ExperimentData.load("digits", FALLBACK, seed, Integer.MAX_VALUE, 1400, 400);
        String source = data.source();
        Dataset train = data.split().train();
        Dataset test = data.split().test();
        Map<String, Double> accuracy = new LinkedHashMap<>();
        Map<String, double[]> losses = new LinkedHashMap<>();
        LsuvReport report = null;
        for (String plan : PLANS) {
            Sequential net = ModelSpec.parse(model());
            if (plan.equals("lsuv")) {
                report = Lsuv.defaults().run(net, train.head(Math.min(256, train.size())).features(), seed);
            } else {
                InitPlan.allWeights(Registry.parse(plan)).apply(net, seed);
            }
            List<Trainer.Epoch> h = new Trainer(net, new Sgd(0.01, 0.9, false, 0), List.of()).fit(train, test,
                    new Trainer.Config(epochs, 32, seed), new Trainer.Listener() { });
            accuracy.put(plan, h.get(h.size() - 1).testAccuracy());
            losses.put(plan, h.stream().mapToDouble(Trainer.Epoch::loss).toArray());
            progress.accept(accuracy.size());
        }
        return judge(accuracy, losses, report, source);
    }

    private Outcome judge(Map<String, Double> accuracy, Map<String, double[]> losses, LsuvReport report, String source) {
        int maxIterations = report.layers().stream().mapToInt(LsuvReport.LayerResult::iterations).max().orElse(0);
        double best = Math.max(accuracy.get("he_normal"), accuracy.get("orthogonal"));
        boolean converged = report.converged();
        boolean matches = accuracy.get("lsuv") >= best - 0.03;
        boolean supported = converged && matches;
        String conclusion = String.format(Locale.ROOT, "LSUV %s on all %d layers, at most %d iteration(s) per layer;"
                        + " after %d epochs the test accuracy was %.3f (He), %.3f (orthogonal) and %.3f (LSUV).",
                converged ? "converged" : "did not converge", report.layers().size(), maxIterations, epochs,
                accuracy.get("he_normal"), accuracy.get("orthogonal"), accuracy.get("lsuv"));
        String verdict = (supported ? "supported" : "not supported") + " by this run: " + (supported
                ? "LSUV brings every layer to unit variance in a few iterations and trains as well as the best fixed init"
                : "criteria failed:" + (converged ? "" : " LSUV did not converge on every layer;")
                        + (matches ? "" : " LSUV trained worse than the best fixed init by more than 0.03"));
        List<String> header = List.of("plan", "test accuracy", "first epoch loss", "last epoch loss");
        List<List<String>> rows = new ArrayList<>();
        List<Svg.Series> curves = new ArrayList<>();
        StringBuilder csv = new StringBuilder("plan,epoch,loss\n");
        for (String plan : PLANS) {
            double[] l = losses.get(plan);
            rows.add(List.of(plan, String.format(Locale.ROOT, "%.3f", accuracy.get(plan)), String.format(Locale.ROOT, "%.4f", l[0]),
                    String.format(Locale.ROOT, "%.4f", l[l.length - 1])));
            double[] xs = new double[l.length];
            for (int i = 0; i < l.length; i++) {
                xs[i] = i + 1;
                csv.append(plan).append(',').append(i + 1).append(',').append(l[i]).append('\n');
            }
            curves.add(new Svg.Series(plan, xs, l));
        }
        double[] layer = new double[report.layers().size()];
        double[] initial = new double[layer.length];
        double[] fin = new double[layer.length];
        for (int i = 0; i < layer.length; i++) {
            layer[i] = i + 1;
            initial[i] = report.layers().get(i).initialVariance();
            fin[i] = report.layers().get(i).finalVariance();
        }
        List<String> charts = List.of(Svg.lineChart("training loss per epoch", "epoch", "cross-entropy", curves, false),
                Svg.lineChart("LSUV: output variance per layer", "layer", "variance (log scale)",
                        List.of(new Svg.Series("after orthogonal init", layer, initial), new Svg.Series("after LSUV", layer, fin)),
                        true));
        HtmlReport.Section section = new HtmlReport.Section("lsuv: layer-sequential unit-variance init on a deep net",
                "LSUV (Mishkin and Matas 2016) scales each layer to unit output variance on a batch in a few iterations,"
                        + " and a deep network so initialized trains as well as with the best analytic init.",
                model() + " on " + source + ", SGD lr 0.01 momentum 0.9, batch 32, " + epochs + " epochs, seed " + seed + ".",
                verdict, header, rows, charts, conclusion);
        return new Outcome(supported, verdict, conclusion, header, rows, section, csv.toString());
    }
}
