package org.initlab.lab.experiment;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.initlab.core.random.RandomStream;
import org.initlab.lab.plan.Mup;
import org.initlab.nn.Dataset;
import org.initlab.nn.DivergenceException;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.OptimizerSpec;
import org.initlab.nn.Sequential;
import org.initlab.nn.Trainer;

/**
 * The training runs of {@link MupTransfer}: one MLP per width, parametrization and learning rate,
 * trained for a number of steps with a constant rate, its training loss measured at checkpoints.
 */
final class MupTransferTraining {
    /** Training examples the training loss is measured on (the first of the training split). */
    static final int EVAL = 512;
    /**
     * Checkpoints below the budget: the budget halved this many times (while at least one step). Two
     * give what {@link Study} reads from a run at double the budget (the budget and its half); each
     * checkpoint costs a forward pass over {@value #EVAL} examples, a third of the training at the
     * demo's 60 steps.
     */
    static final int HALVINGS = 2;

    private MupTransferTraining() {}

    /** The model at {@code width}: two hidden ReLU layers of that width between the data's input and its classes. */
    static String model(int in, int width, int classes) {
        return "mlp(" + in + ",[" + width + "," + width + "]," + classes + ",act=relu)";
    }

    /**
     * The steps at which the loss is read: {@code steps}, {@code steps/2}, ... {@code steps/2^}{@value #HALVINGS}
     * (integer halving, at least 1, distinct), ascending. A run of twice the budget so holds the
     * checkpoints of the budget and of its half, which {@link Study} reads.
     */
    static int[] checkpoints(int steps) {
        List<Integer> c = new ArrayList<>();
        for (int j = HALVINGS; j >= 0; j--) {
            int s = steps >> j;
            if (s >= 1 && (c.isEmpty() || c.get(c.size() - 1) != s)) {
                c.add(s);
            }
        }
        return c.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Trains {@link #model} at {@code width} under SP ({@code mup} false: the model is its own base,
     * so every multiplier is 1 and the init is He normal with the following activation's gain, the
     * output layer 1/fan_in) or under μP relative to {@code baseWidth} (Tensor Programs V, Table 3, by
     * {@link Mup}), with {@code optimizer} at rate {@code lr}, batches of {@code batch} in the order
     * of {@code seed}, for the last of {@code checkpoints} steps.
     *
     * @return the mean cross-entropy on {@code eval} after each checkpoint; NaN from the checkpoint at
     *     or after which the run produced a non-finite value
     */
    static double[] run(
            Dataset train,
            Dataset eval,
            int width,
            int baseWidth,
            boolean mup,
            String optimizer,
            double lr,
            int batch,
            int[] checkpoints,
            long seed) {
        int in = train.features().features();
        int classes = train.classes();
        Sequential net = ModelSpec.parse(model(in, width, classes));
        Sequential base = mup ? ModelSpec.parse(model(in, baseWidth, classes)) : net;
        Mup.apply(net, base, seed, Mup.family(optimizer));
        Trainer trainer = new Trainer(net, OptimizerSpec.parse(optimizer + "(lr=" + lr + ")"), List.of());
        Trainer.Config config = new Trainer.Config(1, batch, seed);
        double[] loss = new double[checkpoints.length];
        Arrays.fill(loss, Double.NaN);
        int n = train.size();
        int perEpoch = (n + batch - 1) / batch;
        int[] order = null;
        int k = 0;
        for (int step = 0; step < checkpoints[checkpoints.length - 1]; step++) {
            int b = step % perEpoch;
            if (b == 0) {
                order = Trainer.permutation(n, RandomStream.of(seed, "train/order/" + step / perEpoch));
            }
            try {
                trainer.trainStep(train.rows(order, b * batch, Math.min(n, (b + 1) * batch)), config);
            } catch (DivergenceException diverged) {
                return loss;
            }
            if (step + 1 == checkpoints[k]) {
                double l = Trainer.evaluate(net, eval).loss();
                if (!Double.isFinite(l)) {
                    return loss;
                }
                loss[k++] = l;
            }
        }
        return loss;
    }

    /** The first {@code min(EVAL, n)} training examples. */
    static Dataset evalSet(Dataset train) {
        int m = Math.min(EVAL, train.size());
        int[] order = new int[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        return train.rows(order, 0, m);
    }
}
