package org.initlab.lab.experiment;

import org.initlab.core.random.RandomStream;
import org.initlab.nn.Dataset;
import org.initlab.nn.Labels;
import org.initlab.nn.Tensor;

/**
 * A synthetic sequence task for small causal transformers: copy a random string after a
 * separator. Per example, with {@code K = symbols} and {@code L = length} ({@code T = 2L} steps):
 * <pre>
 *   step:    0 .. L-1          | L    | L+1 .. 2L-1
 *   input:   a_1 .. a_L        | SEP  | a_1 .. a_(L-1)
 *   label:   blank             | a_1  | a_2 .. a_L
 * </pre>
 * with {@code a_j} uniform in {@code 1..K}, blank 0 and {@code SEP = K + 1}: from step L on, the
 * label is the input L steps back, which a causal attention layer with position embeddings can
 * read. Inputs are token ids {@code [n, T]} (as floats), labels one per step over
 * {@code K + 2} classes ({@link Labels.StepClasses}, the same vocabulary as the inputs, so the
 * model is a language model whose head predicts the next token's class). Batches are drawn afresh
 * for every training step from the stream {@code (seed, "copy-task.step.S")}, so the training loss
 * is also the loss on unseen strings. A symbol is {@code 1 + ⌊w·K / 2³²⌋} for a uniform 32-bit
 * word w (bias at most K/2³², negligible).
 *
 * <p>The memoryless strategy (blank on the first half, a uniform guess among the K symbols on the
 * second) has the cross-entropy {@code ln(K)/2} per step ({@link #memorylessLoss()}); a model
 * below it has learned to copy.
 *
 * @param symbols alphabet size K, {@code >= 2}
 * @param length string length L, {@code >= 1}
 */
record CopyTask(int symbols, int length) {
    CopyTask {
        if (symbols < 2 || length < 1) {
            throw new IllegalArgumentException(
                    "copy task: symbols >= 2 and length >= 1, got " + symbols + ", " + length);
        }
    }

    /** Token ids and classes: blank, the K symbols, the separator. */
    int vocab() {
        return symbols + 2;
    }

    /** Steps per example, {@code 2L}. */
    int steps() {
        return 2 * length;
    }

    /** Cross-entropy of the memoryless strategy, {@code ln(K)/2} nats per step. */
    double memorylessLoss() {
        return Math.log(symbols) / 2;
    }

    /** The {@code n} examples of training step {@code step} under {@code seed}. */
    Dataset batch(long seed, long step, int n) {
        RandomStream stream = RandomStream.of(seed, "copy-task.step." + step);
        int t = steps();
        int[] words = new int[n * length];
        stream.words(0, words.length, words, 0);
        float[] x = new float[n * t];
        int[] y = new int[n * t];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < length; j++) {
                int a = 1 + (int) (((words[i * length + j] & 0xffffffffL) * symbols) >>> 32);
                x[i * t + j] = a;
                y[i * t + length + j] = a;
                if (j + 1 < length) {
                    x[i * t + length + 1 + j] = a;
                }
            }
            x[i * t + length] = symbols + 1;
        }
        return new Dataset("copy-task", new Tensor(x, n, t), new Labels.StepClasses(y, t, vocab()));
    }
}
