package org.initlab.cli;

import java.util.Arrays;
import java.util.Locale;
import org.initlab.core.Names;
import org.initlab.nn.Dataset;
import org.initlab.nn.Labels;
import org.initlab.nn.Tensor;

/**
 * {@code train --loss}: which loss the model is trained with, checked against the model's outputs
 * and the data's targets before any training, and the targets put in the form that loss reads.
 *
 * <ul>
 *   <li>{@code auto} (default): from the data and the model: softmax cross-entropy for K outputs
 *       and K classes, sigmoid with binary cross-entropy for one output and two classes, mean
 *       squared error for real-valued targets.</li>
 *   <li>{@code cross_entropy}: softmax cross-entropy; one output per class.</li>
 *   <li>{@code bce}: binary cross-entropy on one logit {@code z}, {@code P(class 1) = σ(z)};
 *       one output, two classes (PyTorch's {@code BCEWithLogitsLoss}).</li>
 *   <li>{@code mse}: mean squared error; for class labels the targets become one-hot rows (K
 *       outputs) or the label itself, 0 or 1 (one output, two classes), and the run reports RMSE.</li>
 * </ul>
 * A mismatch is said in the user's terms: "the model has 1 output but the data has 3 classes".
 */
enum LossOption {
    AUTO,
    CROSS_ENTROPY,
    BCE,
    MSE;

    static LossOption parse(String text) {
        String key = text.strip().toLowerCase(Locale.ROOT);
        for (LossOption l : values()) {
            if (l.name().toLowerCase(Locale.ROOT).equals(key)) {
                return l;
            }
        }
        throw Names.unknown(
                "loss",
                text,
                Arrays.stream(values())
                        .map(l -> l.name().toLowerCase(Locale.ROOT))
                        .toList());
    }

    /**
     * The dataset in the form this loss trains on.
     *
     * @param output the model's output for one example ({@code [1, k]}, or {@code [1, T, k]})
     * @throws IllegalArgumentException when the loss, the model's outputs and the data do not go together
     */
    Dataset adapt(Dataset d, Tensor output) {
        int[] s = output.shape();
        int outputs = s[s.length - 1];
        String has = "the model has " + plural(outputs, "output");
        return switch (d.targets()) {
            case Labels.Values v -> {
                if (this == CROSS_ENTROPY || this == BCE) {
                    throw new IllegalArgumentException(
                            "--loss " + name().toLowerCase(Locale.ROOT) + " needs class labels,"
                                    + " but the data has real-valued targets (a regression); use --loss mse or auto");
                }
                int[] t = v.values().shape();
                if (!Arrays.equals(Arrays.copyOfRange(s, 1, s.length), Arrays.copyOfRange(t, 1, t.length))) {
                    throw new IllegalArgumentException(
                            has + " but the data has " + plural(v.values().features(), "target value") + " per example"
                                    + (t.length > 2 ? " " + shape(t) : "")
                                    + "; give its last layer " + v.values().features() + " output(s)");
                }
                yield d;
            }
            case Labels.StepClasses c -> {
                if (this != AUTO && this != CROSS_ENTROPY) {
                    throw new IllegalArgumentException("--loss " + name().toLowerCase(Locale.ROOT) + " is not available"
                            + " for a label per time step; use cross_entropy or auto");
                }
                if (s.length != 3 || outputs != c.classes()) {
                    throw new IllegalArgumentException(
                            has + (s.length == 3 ? " per step" : " per example (not one per step)")
                                    + " but the data has " + plural(c.classes(), "class", "classes") + " at each of "
                                    + c.steps() + " steps; end the model with per_step(dense(" + c.classes() + "))");
                }
                yield d;
            }
            case Labels.Classes c -> classes(d, c, outputs, has);
        };
    }

    private Dataset classes(Dataset d, Labels.Classes c, int outputs, String has) {
        String data = "the data has " + plural(c.classes(), "class", "classes");
        boolean binary = c.classes() == 2 && outputs == 1;
        switch (this) {
            case AUTO -> {
                if (outputs != c.classes() && !binary) {
                    throw new IllegalArgumentException(has + " but " + data + "; give its last layer " + c.classes()
                            + " outputs (softmax cross-entropy)"
                            + (c.classes() == 2 ? " or 1 (sigmoid, binary cross-entropy)" : ""));
                }
                return d;
            }
            case CROSS_ENTROPY -> {
                if (outputs != c.classes()) {
                    throw new IllegalArgumentException("--loss cross_entropy needs one output per class: " + has
                            + " but " + data + (binary ? "; use --loss bce for one sigmoid output" : ""));
                }
                return d;
            }
            case BCE -> {
                if (!binary) {
                    throw new IllegalArgumentException(
                            "--loss bce needs one output (a logit) and two classes: " + has + " and " + data);
                }
                return d;
            }
            case MSE -> {
                if (outputs != c.classes() && !binary) {
                    throw new IllegalArgumentException("--loss mse on class labels needs one output per class (one-hot"
                            + " targets) or one output for two classes (0/1 targets): " + has + " but " + data);
                }
                int n = c.labels().length;
                float[] t = new float[n * outputs];
                for (int i = 0; i < n; i++) {
                    if (binary) {
                        t[i] = c.labels()[i];
                    } else {
                        t[i * outputs + c.labels()[i]] = 1f;
                    }
                }
                return new Dataset(d.name(), d.features(), new Tensor(t, n, outputs));
            }
            default -> throw new IllegalStateException();
        }
    }

    private static String plural(int n, String one) {
        return plural(n, one, one + "s");
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String shape(int[] s) {
        return Arrays.toString(Arrays.copyOfRange(s, 1, s.length));
    }
}
