package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.initlab.core.init.Registry;
import org.initlab.io.data.DataFolder;
import org.initlab.io.data.Datasets;
import org.initlab.io.data.Split;
import org.initlab.lab.report.HtmlReport;
import org.initlab.lab.report.Svg;
import org.initlab.nn.InitPlan;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Sequential;
import org.initlab.nn.Sgd;
import org.initlab.nn.Trainer;

/**
 * The classic three-initializer comparison on circles (as in the deeplearning.ai course exercise):
 * {@value #MODEL} (a [2, 10, 5, 1] ReLU network; the single sigmoid output is written as two
 * softmax logits, which is the same model: {@code softmax([z, 0]) = [σ(z), 1 − σ(z)]}), 300 training
 * and 100 test points, plain gradient descent on the full batch with learning rate 0.01, from zeros,
 * from N(0, 1)×10 (std 10) and from He normal; biases zero.
 *
 * <p>Criteria: zeros stay at chance (training accuracy at most 0.6: nothing breaks the symmetry);
 * the large init starts with a loss above 1 (saturated, confident, wrong logits) and ends below He's
 * test accuracy; He reaches at least 0.9 test accuracy.
 *
 * @param steps gradient-descent steps (15,000 by default)
 * @param seed seed of the data and the random inits
 */
public record CirclesInit(int steps, long seed) implements LegacyExperiment {
    /** The model trained. */
    public static final String MODEL = "mlp(2,[10,5],2,act=relu)";
    /** Default steps, the original exercise's. */
    public static final int DEFAULT_STEPS = 15_000;
    /** The initializers compared, with their labels. */
    public static final Map<String, String> INITS = inits();
    static final int POINTS = 100;

    private static Map<String, String> inits() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("zeros", "zeros");
        m.put("N(0,1)x10", "normal(std=10)");
        m.put("He", "he_normal");
        return m;
    }

    public CirclesInit {
        if (steps < 10 || steps > 10_000_000) {
            throw new IllegalArgumentException("steps must be in [10, 10000000], got " + steps);
        }
    }

    @Override
    public String name() {
        return "circles";
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", MODEL);
        m.put("data", "circles(n=300,test=100,noise=0.05,factor=0.5)");
        m.put("optimizer", "sgd(lr=0.01), full batch");
        m.put("steps", steps);
        m.put("seed", seed);
        m.put("initializers", INITS);
        return m;
    }

    @Override
    public int work() {
        return INITS.size();
    }

    private record Run(String label, double[] at, double[] loss, double[] trainAcc, double[] testAcc) {
        double last(double[] a) {
            return a[a.length - 1];
        }
    }

    @Override
    public Outcome run(IntConsumer progress) {
        Split data = Datasets.load("circles(n=300,test=100,noise=0.05,factor=0.5)", seed, Integer.MAX_VALUE,
                DataFolder.standard(null));
        List<Run> runs = new ArrayList<>();
        int every = Math.max(1, steps / POINTS);
        for (Map.Entry<String, String> init : INITS.entrySet()) {
            Sequential net = ModelSpec.parse(MODEL);
            InitPlan.allWeights(Registry.parse(init.getValue())).apply(net, seed);
            Trainer trainer = new Trainer(net, new Sgd(0.01), List.of());
            List<double[]> rows = new ArrayList<>();
            for (int s = 0; s <= steps; s++) {
                if (s % every == 0 || s == steps) {
                    rows.add(new double[] {s, Trainer.evaluate(net, data.train()).loss(), Trainer.accuracy(net, data.train()),
                            Trainer.accuracy(net, data.test())});
                }
                if (s < steps) {
                    trainer.trainStep(data.train());
                }
            }
            double[][] cols = new double[4][rows.size()];
            for (int i = 0; i < rows.size(); i++) {
                for (int c = 0; c < 4; c++) {
                    cols[c][i] = rows.get(i)[c];
                }
            }
            runs.add(new Run(init.getKey(), cols[0], cols[1], cols[2], cols[3]));
            progress.accept(runs.size());
        }
        return judge(runs);
    }

    private Outcome judge(List<Run> runs) {
        Run zeros = runs.get(0);
        Run large = runs.get(1);
        Run he = runs.get(2);
        boolean zerosStuck = zeros.last(zeros.trainAcc()) <= 0.6;
        boolean largeBad = large.loss()[0] > 1 && large.last(large.testAcc()) < he.last(he.testAcc());
        boolean heGood = he.last(he.testAcc()) >= 0.9;
        boolean supported = zerosStuck && largeBad && heGood;
        String conclusion = String.format(Locale.ROOT, "After %d steps: zeros %.2f train / %.2f test accuracy (loss %.3f);"
                        + " N(0,1)x10 started at loss %.3g and reached %.2f / %.2f; He reached %.2f / %.2f (loss %.3f).", steps,
                zeros.last(zeros.trainAcc()), zeros.last(zeros.testAcc()), zeros.last(zeros.loss()), large.loss()[0],
                large.last(large.trainAcc()), large.last(large.testAcc()), he.last(he.trainAcc()), he.last(he.testAcc()),
                he.last(he.loss()));
        String verdict = (supported ? "supported" : "not supported") + " by this run: " + (supported
                ? "zeros learn nothing, a too-large init starts saturated and ends worse, He learns the circles"
                : "criteria failed:" + (zerosStuck ? "" : " zeros learned;") + (largeBad ? "" : " the large init did not"
                        + " start saturated or did as well as He;") + (heGood ? "" : " He stayed below 0.9 test accuracy"));
        List<String> header = List.of("init", "first loss", "final loss", "train accuracy", "test accuracy");
        List<List<String>> rows = new ArrayList<>();
        List<Svg.Series> loss = new ArrayList<>();
        List<Svg.Series> acc = new ArrayList<>();
        StringBuilder csv = new StringBuilder("init,step,loss,train_accuracy,test_accuracy\n");
        for (Run r : runs) {
            rows.add(List.of(r.label(), String.format(Locale.ROOT, "%.4g", r.loss()[0]),
                    String.format(Locale.ROOT, "%.4g", r.last(r.loss())), String.format(Locale.ROOT, "%.3f", r.last(r.trainAcc())),
                    String.format(Locale.ROOT, "%.3f", r.last(r.testAcc()))));
            loss.add(new Svg.Series(r.label(), r.at(), r.loss()));
            acc.add(new Svg.Series(r.label(), r.at(), r.testAcc()));
            for (int i = 0; i < r.at().length; i++) {
                csv.append(r.label()).append(',').append((long) r.at()[i]).append(',').append(r.loss()[i]).append(',')
                        .append(r.trainAcc()[i]).append(',').append(r.testAcc()[i]).append('\n');
            }
        }
        HtmlReport.Section section = new HtmlReport.Section("circles: zeros, too large, and He",
                "On a small ReLU network, zero init learns nothing (symmetry), a very large init starts with saturated,"
                        + " confidently wrong outputs and learns slowly, and He init learns the non-linear boundary.",
                MODEL + " (sigmoid output as two softmax logits), circles 300 train / 100 test, gradient descent lr 0.01,"
                        + " full batch, " + steps + " steps, seed " + seed + ".",
                verdict, header, rows, List.of(Svg.lineChart("training loss", "step", "cross-entropy (log scale)", loss, true),
                        Svg.lineChart("test accuracy", "step", "accuracy", acc, false)), conclusion);
        return new Outcome(supported, verdict, conclusion, header, rows, section, csv.toString());
    }
}
