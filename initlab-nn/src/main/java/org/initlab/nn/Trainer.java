package org.initlab.nn;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.random.RandomStream;
import org.initlab.core.shape.Allocation;

/**
 * Mini-batch training with optional gradient clipping and a learning-rate schedule. The loss
 * follows the dataset's task ({@link Dataset#targets()}): softmax cross-entropy for class labels
 * (per example or per time step), mean squared error for real targets. Deterministic for a
 * seed: the
 * data order of epoch {@code e} is a Fisher–Yates shuffle drawn from stream
 * {@code (seed, "train/order/e")}. Each layer's output and the loss are checked for NaN and
 * infinity; the first non-finite value stops the run: {@link #train} returns the finished epochs
 * with a {@link Divergence} naming the step, the epoch and the layer, {@link #fit} throws a
 * {@link DivergenceException} saying the same. The gradient with respect to the model's input is
 * computed only when an observer {@linkplain Observer#needsInputGradient() needs it} (the first
 * layer runs {@link Layer#backwardParameters} otherwise), as PyTorch leaves it out for data that
 * does not require a gradient.
 */
public final class Trainer {
    /**
     * How a training run goes: its length, batches, data order, learning-rate schedule and clipping.
     *
     * @param epochs passes over the training data
     * @param batch examples per step
     * @param seed seed of the data order
     * @param schedule learning-rate factor per step
     * @param clipNorm clip gradients to this global norm before each step (NaN: no clipping)
     * @param clipValue clamp gradient components to ±clipValue (NaN: no clamping)
     */
    public record Config(int epochs, int batch, long seed, Schedule schedule, double clipNorm, double clipValue) {
        public Config {
            if (epochs < 1 || batch < 1) {
                throw new IllegalArgumentException("epochs and batch must be >= 1, got " + epochs + " and " + batch);
            }
            java.util.Objects.requireNonNull(schedule, "schedule");
        }

        /** Constant learning rate, no clipping. */
        public Config(int epochs, int batch, long seed) {
            this(epochs, batch, seed, new Schedule.Constant(), Double.NaN, Double.NaN);
        }
    }

    /**
     * What one epoch measured.
     *
     * @param epoch 1-based epoch number
     * @param loss mean training loss over the epoch's steps (weighted by batch size), as trained
     * @param trainAccuracy accuracy on the whole training set after the epoch, in inference mode;
     *     per step for step labels; NaN for regression
     * @param testAccuracy the same on the test set; NaN for regression or without a test set
     * @param testLoss the loss on the test set after the epoch, in inference mode (the mean squared
     *     error for regression); NaN without a test set
     * @param seconds wall time of the epoch, evaluation included
     */
    public record Epoch(
            int epoch, double loss, double trainAccuracy, double testAccuracy, double testLoss, double seconds) {
        /** {@code sqrt(testLoss)}: the test RMSE for regression, in the targets' units. */
        public double testRootMeanSquaredError() {
            return Math.sqrt(testLoss);
        }
    }

    /**
     * A model's loss and accuracy on a dataset, in inference mode.
     *
     * @param loss the task's loss (cross-entropy or mean squared error)
     * @param accuracy fraction of correct predictions (per step for step labels); NaN for regression
     */
    public record Evaluation(double loss, double accuracy) {}

    /** Hears about progress. */
    public interface Listener {
        default void step(int epoch, int batch, int batches) {}

        default void epoch(Epoch e) {}
    }

    private final Sequential model;
    private final Optimizer optimizer;
    private final List<Observer> observers;
    /** Whether an observer reads the gradient with respect to the model's input (else it is not computed). */
    private final boolean inputGradient;

    private long step;

    public Trainer(Sequential model, Optimizer optimizer, List<Observer> observers) {
        this.model = model;
        this.optimizer = optimizer;
        this.observers = List.copyOf(observers);
        this.inputGradient = this.observers.stream().anyMatch(Observer::needsInputGradient);
    }

    /**
     * Where and when a run diverged, counted from 1 as a person counts.
     *
     * @param step the step of the run at which the first non-finite value appeared (1-based)
     * @param epoch the epoch it belongs to (1-based)
     * @param stepInEpoch its step within that epoch (1-based)
     * @param where the quantity that went non-finite, e.g. {@code "the loss"}
     * @param value the first non-finite value, e.g. {@code "NaN"}
     */
    public record Divergence(long step, int epoch, int stepInEpoch, String where, String value) {
        /** E.g. {@code "diverged at step 37 of epoch 3 (step 237 of the run): the loss is NaN"}. */
        public String message() {
            return "diverged at step " + stepInEpoch + " of epoch " + epoch + " (step " + step + " of the run): "
                    + where + " is " + value;
        }
    }

    /**
     * What a run finished: one record per completed epoch and, when it stopped on a non-finite
     * value, where and when ({@code divergence} null when every epoch completed).
     */
    public record Result(List<Epoch> epochs, Divergence divergence) {
        public Result {
            epochs = List.copyOf(epochs);
        }

        /** Whether the run stopped on a non-finite value before its last epoch completed. */
        public boolean diverged() {
            return divergence != null;
        }
    }

    /**
     * Trains and returns what finished: every completed epoch and, if the run produced a NaN or
     * infinite value, the {@link Divergence} that stopped it (the epoch in progress is not
     * recorded). {@link Listener#epoch} hears each completed epoch as it finishes.
     */
    public Result train(Dataset train, Dataset test, Config config, Listener listener) {
        List<Epoch> history = new ArrayList<>();
        for (int e = 0; e < config.epochs(); e++) {
            long start = System.nanoTime();
            int[] order = permutation(train.size(), RandomStream.of(config.seed(), "train/order/" + e));
            int batches = (train.size() + config.batch() - 1) / config.batch();
            double lossSum = 0;
            for (int b = 0; b < batches; b++) {
                Dataset batch = train.rows(order, b * config.batch(), Math.min(train.size(), (b + 1) * config.batch()));
                try {
                    lossSum += trainStep(batch, config) * batch.size();
                } catch (DivergenceException d) {
                    return new Result(history, new Divergence(d.step() + 1, e + 1, b + 1, d.where(), d.value()));
                }
                listener.step(e, b + 1, batches);
            }
            double trainAccuracy = train.isClassification() ? accuracy(model, train) : Double.NaN;
            Evaluation onTest =
                    test == null || test.size() == 0 ? new Evaluation(Double.NaN, Double.NaN) : evaluate(model, test);
            Epoch record = new Epoch(
                    e + 1,
                    lossSum / train.size(),
                    trainAccuracy,
                    onTest.accuracy(),
                    onTest.loss(),
                    (System.nanoTime() - start) / 1e9);
            history.add(record);
            listener.epoch(record);
        }
        return new Result(history, null);
    }

    /**
     * Trains and returns one record per epoch; a run that produces a non-finite value throws a
     * {@link DivergenceException} naming the step and the epoch (the epochs finished before it were
     * heard by {@link Listener#epoch}; {@link #train} returns them instead of throwing).
     */
    public List<Epoch> fit(Dataset train, Dataset test, Config config, Listener listener) {
        Result r = train(train, test, config, listener);
        if (r.diverged()) {
            throw new DivergenceException(r.divergence());
        }
        return r.epochs();
    }

    /** One forward, backward and update on a batch at the base learning rate; returns the loss of the batch's task. */
    public double trainStep(Dataset batch) {
        return trainStep(batch, new Config(1, Math.max(1, batch.size()), 0));
    }

    /** One forward, backward, clipping and update on a batch; returns the loss. */
    public double trainStep(Dataset batch, Config config) {
        model.zeroGrad();
        List<Layer> layers = model.layers();
        Tensor t = batch.features();
        for (int i = 0; i < layers.size(); i++) {
            Tensor out = layers.get(i).forward(t, true);
            requireFinite(out, i, layers.get(i), "output");
            for (Observer o : observers) {
                o.forward(step, i, layers.get(i), t, out);
            }
            t = out;
        }
        LossValue loss = batch.targets().loss(t);
        if (!Double.isFinite(loss.value())) {
            throw new DivergenceException(step, "the loss", Double.toString(loss.value()));
        }
        Tensor g = loss.gradient();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Tensor gin;
            if (i == 0 && !inputGradient) {
                layers.get(0).backwardParameters(g);
                gin = null;
            } else {
                gin = layers.get(i).backward(g);
            }
            for (Observer o : observers) {
                o.backward(step, i, layers.get(i), g, gin);
            }
            g = gin;
        }
        List<Parameter> params = model.parameters();
        if (!Double.isNaN(config.clipNorm())) {
            Clipping.byGlobalNorm(params, config.clipNorm());
        }
        if (!Double.isNaN(config.clipValue())) {
            Clipping.byValue(params, config.clipValue());
        }
        for (Observer o : observers) {
            o.gradients(step, params);
        }
        List<float[]> before = observers.stream().anyMatch(o -> o.observesUpdates(step))
                ? params.stream().map(p -> p.value().clone()).toList()
                : null;
        optimizer.step(params, config.schedule().factor(step));
        if (before != null) {
            for (Observer o : observers) {
                if (o.observesUpdates(step)) {
                    o.updated(step, params, before);
                }
            }
        }
        step++;
        return loss.value();
    }

    /**
     * Fraction of predictions whose largest logit is the label's (per step for step labels);
     * NaN for a null or empty dataset and for regression.
     */
    public static double accuracy(Sequential model, Dataset data) {
        if (data == null || data.size() == 0 || !data.isClassification()) {
            return Double.NaN;
        }
        long[] c = data.targets().correct(logits(model, data));
        return (double) c[0] / c[1];
    }

    /** The model's loss and accuracy on {@code data} (not empty), from one chunked pass of {@link #logits}. */
    public static Evaluation evaluate(Sequential model, Dataset data) {
        Tensor out = logits(model, data);
        double loss = data.targets().loss(out).value();
        if (!data.isClassification()) {
            return new Evaluation(loss, Double.NaN);
        }
        long[] c = data.targets().correct(out);
        return new Evaluation(loss, (double) c[0] / c[1]);
    }

    /** Rows evaluated per forward pass by {@link #logits}. */
    public static final int EVAL_CHUNK = 1000;

    /**
     * The model's output (logits for classification, predictions for regression) for every row of
     * {@code data} in inference mode, computed {@value #EVAL_CHUNK} rows at a time so that layers
     * with large intermediate buffers (the im2col of {@link Conv2D}) stay bounded on large test
     * sets. The result has the output's shape with the batch axis {@code n} ({@code [n, classes]},
     * {@code [n, T, classes]}, {@code [n, k]}). Allocates the result plus one copied chunk of
     * features per pass.
     */
    public static Tensor logits(Sequential model, Dataset data) {
        int n = data.size();
        if (n <= EVAL_CHUNK) {
            return model.forward(data.features(), false);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        float[] all = null;
        int[] shape = null;
        for (int from = 0; from < n; from += EVAL_CHUNK) {
            Tensor z = model.forward(
                    data.rows(order, from, Math.min(n, from + EVAL_CHUNK)).features(), false);
            if (all == null) {
                shape = z.shape();
                shape[0] = n;
                all = Allocation.floats(n, z.features());
            }
            System.arraycopy(z.data(), 0, all, from * z.features(), z.size());
        }
        return new Tensor(all, shape);
    }

    private void requireFinite(Tensor t, int index, Layer layer, String what) {
        // a float is NaN or infinite exactly when its exponent bits are all ones; the largest
        // exponent field over the array (an int reduction without branches) says whether to look
        float[] data = t.data();
        int exponents = 0;
        for (float v : data) {
            exponents = Math.max(exponents, Float.floatToRawIntBits(v) & 0x7f800000);
        }
        if (exponents != 0x7f800000) {
            return;
        }
        for (float v : data) {
            if (!Float.isFinite(v)) {
                String name = layer.parameters().isEmpty()
                        ? layer.kind()
                        : layer.kind() + " " + layer.parameters().get(0).path();
                throw new DivergenceException(step, "layer " + index + " (" + name + ") " + what, Float.toString(v));
            }
        }
    }

    /**
     * A uniformly random permutation of {@code 0..n-1}: a Fisher–Yates shuffle whose swap at
     * position {@code i} uses word {@code i} of {@code stream}, scaled to {@code [0, i]} by
     * {@code (word · (i + 1)) >>> 32}. The data order of every epoch, and of seeded splits.
     */
    public static int[] permutation(int n, RandomStream stream) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        int[] words = new int[Math.max(n, 1)];
        stream.words(0, n, words, 0);
        for (int i = n - 1; i > 0; i--) {
            int j = (int) ((Integer.toUnsignedLong(words[i]) * (i + 1)) >>> 32);
            int tmp = order[i];
            order[i] = order[j];
            order[j] = tmp;
        }
        return order;
    }
}
