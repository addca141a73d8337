package org.initlab.io.data;

import org.initlab.core.shape.Allocation;
import org.initlab.nn.Dataset;
import org.initlab.nn.Labels;
import org.initlab.nn.Tensor;

/**
 * The copy-memory task (Hochreiter and Schmidhuber 1997; in the form of Arjovsky, Shah and
 * Bengio 2016, "Unitary evolution recurrent neural networks", section 4.1): remember
 * {@code length} symbols over a delay and reproduce them on cue. Per example, with
 * {@code K = symbols} and {@code T = delay + 2·length} steps:
 * <pre>
 *   step:    0 .. length-1 | length .. length+delay-2 | length+delay-1 | length+delay .. T-1
 *   input:   a_1 .. a_length | blank                  | marker         | blank
 *   label:   blank           | blank                  | blank          | a_1 .. a_length
 * </pre>
 * with {@code a_j} uniform in {@code 1..K} (stream {@code "symbols"}), blank 0 and the marker
 * {@code K + 1}. Inputs are one-hot over the {@code K + 2} input categories, {@code [n, T, K + 2]};
 * labels are one per step over {@code K + 1} classes (blank and the symbols),
 * {@link Labels.StepClasses}. The model therefore emits logits at every step, {@code [n, T, K + 1]}
 * (e.g. {@code lstm(K+2, H, K+1, steps=all)}), and the loss is the cross-entropy averaged over
 * all {@code n·T} steps.
 *
 * <p>The memoryless baseline (blank until the cue, then a uniform guess among the symbols) has the
 * cross-entropy {@code length·ln K / T} ({@link #baselineLoss()}); Arjovsky et al. use
 * {@code length = 10}, {@code K = 8} and delays of 100 to 2000.
 *
 * @param length number of symbols to copy, {@code >= 1}
 * @param symbols alphabet size K, {@code >= 1}
 * @param delay steps from the last symbol to the marker, {@code >= 1} (Arjovsky et al.'s T)
 */
public record CopyMemory(int length, int symbols, int delay) implements Synthetic {
    public CopyMemory {
        if (length < 1 || symbols < 1 || delay < 1) {
            throw new IllegalArgumentException("copy: length, symbols and delay must be >= 1, got length=" + length
                    + ", symbols=" + symbols + ", delay=" + delay);
        }
        if ((long) delay + 2L * length > 1_000_000) {
            throw new IllegalArgumentException(
                    "copy: delay + 2·length must be at most 1000000 steps, got " + ((long) delay + 2L * length));
        }
    }

    @Override
    public String name() {
        return "copy";
    }

    /** Time steps per example: {@code delay + 2·length}. */
    public int steps() {
        return delay + 2 * length;
    }

    /** Input categories (one-hot width): blank, the K symbols, the marker. */
    public int inputSize() {
        return symbols + 2;
    }

    /** Cross-entropy of the memoryless strategy, {@code length·ln(symbols) / steps()}, in nats. */
    public double baselineLoss() {
        return length * Math.log(symbols) / steps();
    }

    @Override
    public Dataset generate(int n, long seed, String part) {
        Draws.requireSize(n);
        int steps = steps();
        int width = inputSize();
        if ((long) n * steps * width > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("copy: " + n + " examples of " + steps + " × " + width
                    + " inputs exceed the 2^31 values a Java array holds");
        }
        int[] a = Draws.integers(stream(seed, part, "symbols"), Allocation.elements(n, length), symbols);
        float[] x = Allocation.floats(n, steps, width);
        int[] y = Allocation.ints(n, steps);
        for (int i = 0; i < n; i++) {
            int base = i * steps;
            for (int t = 0; t < steps; t++) {
                int category = 0;
                if (t < length) {
                    category = 1 + a[i * length + t];
                } else if (t == length + delay - 1) {
                    category = symbols + 1;
                }
                x[(base + t) * width + category] = 1;
            }
            for (int j = 0; j < length; j++) {
                y[base + length + delay + j] = 1 + a[i * length + j];
            }
        }
        return new Dataset(name(), new Tensor(x, n, steps, width), new Labels.StepClasses(y, steps, symbols + 1));
    }
}
