package org.initlab.lab.sweep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.initlab.io.JsonTree;

/**
 * What one cell's training gave for one seed.
 *
 * @param cell the grid point
 * @param seed the seed (initialization and data order)
 * @param checkpoints the steps at which training accuracy was read (a quarter, half and all of the steps)
 * @param trainAccuracy training accuracy (on at most {@link CellTraining#EVAL_EXAMPLES} training
 *     examples) at each checkpoint; NaN from the checkpoint where the run diverged
 * @param testAccuracy test accuracy after the last step (NaN if it diverged)
 * @param divergedAtStep the 1-based step whose loss was not finite, or 0
 */
public record CellResult(
        Cell cell, long seed, int[] checkpoints, double[] trainAccuracy, double testAccuracy, int divergedAtStep) {
    /** The training accuracy after the last step. */
    public double finalTrainAccuracy() {
        return trainAccuracy[trainAccuracy.length - 1];
    }

    /** The cell as run.json has it. */
    public Map<String, Object> json() {
        CellResult r = this;
        Map<String, Object> m = new LinkedHashMap<>();
        Cell c = r.cell();
        if (c.init() != null) {
            m.put("init", c.init());
        } else {
            m.put("sigma_w2", c.sigmaW2());
            m.put("sigma_b2", c.sigmaB2());
        }
        m.put("depth", c.depth());
        m.put("width", c.width());
        m.put("activation", c.activation());
        m.put("lr", c.lr());
        m.put("seed", r.seed());
        m.put("checkpoints", java.util.Arrays.stream(r.checkpoints()).boxed().toList());
        m.put(
                "train_accuracy",
                java.util.Arrays.stream(r.trainAccuracy())
                        .mapToObj(CellResult::finite)
                        .toList());
        m.put("test_accuracy", finite(r.testAccuracy()));
        m.put("diverged_at_step", r.divergedAtStep());
        return m;
    }

    private static Object finite(double v) {
        return Double.isFinite(v) ? (Object) v : Double.toString(v);
    }

    /** A cell as {@link #json()} wrote it. */
    public static CellResult of(JsonTree.Obj o) {
        Map<String, JsonTree> m = SweepRun.members(o);
        String init = m.get("init") instanceof JsonTree.Str s ? s.value() : null;
        Cell c = new Cell(
                init,
                init == null ? number(m.get("sigma_w2")) : Double.NaN,
                init == null ? number(m.get("sigma_b2")) : Double.NaN,
                (int) number(m.get("depth")),
                (int) number(m.get("width")),
                ((JsonTree.Str) m.get("activation")).value(),
                number(m.get("lr")));
        List<JsonTree> cp = ((JsonTree.Arr) m.get("checkpoints")).items();
        List<JsonTree> acc = ((JsonTree.Arr) m.get("train_accuracy")).items();
        int[] checkpoints = new int[cp.size()];
        double[] accuracy = new double[acc.size()];
        for (int i = 0; i < checkpoints.length; i++) {
            checkpoints[i] = (int) number(cp.get(i));
        }
        for (int i = 0; i < accuracy.length; i++) {
            accuracy[i] = number(acc.get(i));
        }
        return new CellResult(
                c, (long) number(m.get("seed")), checkpoints, accuracy, number(m.get("test_accuracy")), (int)
                        number(m.get("diverged_at_step")));
    }

    private static double number(JsonTree t) {
        if (t instanceof JsonTree.Num n) {
            return Double.parseDouble(n.text());
        }
        if (t instanceof JsonTree.Str s) {
            return Double.parseDouble(s.value());
        }
        throw new IllegalArgumentException("run.json: expected a number, got " + t);
    }
}
