package org.initlab.lab.residual;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.nn.Layer;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;

/**
 * The size of the residual stream block by block: a plain inference-mode forward pass that
 * records, for each top-level {@link Residual} block of a model, the statistics of what enters it
 * ({@code x}) and of what leaves it ({@code x + α f(x)}, before any activation that follows the
 * block). Statistics are over every element of the batch, accumulated in double.
 *
 * <p>What to expect at initialization, for a block {@code x + W₂ relu(W₁ x)} (biases zero, width
 * n, no activation after the block) with {@code Var(W₁) = s₁/n} and {@code Var(W₂) = s₂/n}: given
 * x with mean square q, each unit of {@code W₁x} is N(0, s₁q), its ReLU has mean square
 * {@code s₁q/2}, and the branch has mean square {@code s₂s₁q/2}, uncorrelated with x; so
 * {@code E[q'] = q (1 + s₁s₂/2)} exactly. He on both layers (s₁ = s₂ = 2) gives 3 per block;
 * {@link org.initlab.nn.InitPlan#defaults()}, which gives the branch's last layer Glorot (no
 * activation follows it inside the branch; s₂ = 1 for a square layer), gives 2. The derivation
 * needs no assumption on x, so it also holds for each block of {@code resmlp}, whose blocks are
 * followed by a ReLU; that ReLU removes part of the stream between blocks (at least half of it
 * survives in expectation), so there the growth from one block's input to the next is smaller: a
 * population-dynamics solution of the mean-field recursion {@code h' = relu(h + N(0, s₁s₂q/2))}
 * gives about 2.40 per block for He everywhere and 1.74 for the default plan, and measurements at
 * width 512 over 8 blocks give 2.36 and 1.72 ({@link #growthPerBlock()}). ReZero (α = 0) and
 * Fixup (last branch layer 0) make every block the identity at initialization: the stream is
 * exactly constant.
 *
 * @param blocks one entry per top-level residual block, in forward order
 */
public record ResidualStream(List<Block> blocks) {

    /**
     * One block's statistics.
     *
     * @param layer the block's index in the model's top-level layers ({@code resmlp} names its
     *     blocks by that index: block {@code "2"} has {@code "2.alpha"})
     * @param inputMeanSquare mean of x² over the block's input
     * @param inputVariance population variance of the block's input
     * @param outputMeanSquare mean of y² over the block's output {@code y = x + α f(x)}
     * @param outputVariance population variance of the block's output
     */
    public record Block(
            int layer, double inputMeanSquare, double inputVariance, double outputMeanSquare, double outputVariance) {

        /** {@code outputMeanSquare / inputMeanSquare}: how much this block multiplies the stream. */
        public double growth() {
            return outputMeanSquare / inputMeanSquare;
        }
    }

    /** Copies the list. */
    public ResidualStream {
        blocks = List.copyOf(blocks);
    }

    /**
     * Forwards {@code input} through {@code model} in inference mode (nothing is trained; layers
     * keep their usual forward caches) and records every top-level residual block.
     *
     * @throws IllegalArgumentException when the model has no top-level residual block, or the
     *     input does not fit it (the layer's message)
     */
    public static ResidualStream measure(Sequential model, Tensor input) {
        List<Block> blocks = new ArrayList<>();
        Tensor t = input;
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Tensor y = layers.get(i).forward(t, false);
            if (layers.get(i) instanceof Residual) {
                double[] in = moments(t.data());
                double[] out = moments(y.data());
                blocks.add(new Block(i, in[0], in[1], out[0], out[1]));
            }
            t = y;
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("the model has no residual block at its top level; its layers are "
                    + layers.stream().map(Layer::kind).toList());
        }
        return new ResidualStream(blocks);
    }

    /**
     * A {@code [batch, features]} tensor of independent N(0, 1) values drawn from the stream
     * keyed by ({@code seed}, {@code "residual_stream.input"}). Allocates it.
     */
    public static Tensor gaussianInput(int batch, int features, long seed) {
        if (batch < 1 || features < 1) {
            throw new IllegalArgumentException(
                    "batch and features must be >= 1, got batch " + batch + ", features " + features);
        }
        float[] x = new float[Math.multiplyExact(batch, features)];
        Samplers.normal(RandomStream.of(seed, "residual_stream.input"), 0, x.length, 0, 1, x, 0);
        return new Tensor(x, batch, features);
    }

    /**
     * The geometric mean of the stream's growth per block, from the first block's input to the
     * last block's output: {@code (last.outputMeanSquare / first.inputMeanSquare)^(1/blocks)};
     * whatever sits between blocks (a ReLU in {@code resmlp}) is included.
     */
    public double growthPerBlock() {
        return Math.pow(totalGrowth(), 1.0 / blocks.size());
    }

    /** {@code last.outputMeanSquare / first.inputMeanSquare}. */
    public double totalGrowth() {
        return blocks.get(blocks.size() - 1).outputMeanSquare() / blocks.get(0).inputMeanSquare();
    }

    /** {@code {mean square, population variance}}. */
    private static double[] moments(float[] v) {
        double sum = 0;
        double squares = 0;
        for (float x : v) {
            sum += x;
            squares += (double) x * x;
        }
        double mean = sum / v.length;
        double centered = 0;
        for (float x : v) {
            double d = x - mean;
            centered += d * d;
        }
        return new double[] {squares / v.length, centered / v.length};
    }
}
