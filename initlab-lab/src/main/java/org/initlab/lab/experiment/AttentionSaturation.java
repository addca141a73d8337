package org.initlab.lab.experiment;

import java.util.List;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Parameter;
import org.initlab.nn.SelfAttention;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;

/**
 * The attention part of {@link Mitigations}: why attention scores are scaled by {@code 1/sqrt(d)}
 * (Vaswani et al. 2017, section 3.2.1). With Glorot-initialized projections and unit-variance
 * inputs, queries and keys have unit-variance entries, so an unscaled score {@code q·k} has
 * standard deviation {@code sqrt(d)}: the softmax saturates to nearly one-hot rows, and its
 * Jacobian {@code diag(a) - a aᵀ}, through which every gradient reaches the scores (and so the
 * query and key weights), nearly vanishes. (The query weights' gradient itself need not shrink:
 * without the scale it is also {@code sqrt(d)} times larger per unit of score gradient; it is
 * reported, not judged.)
 *
 * <p>Set-up ({@link #SETUP}): one {@link SelfAttention} layer of width {@value #DIM} over
 * {@value #BATCH} sequences of {@value #STEPS} steps of N(0, 1) inputs, weights Glorot uniform,
 * a N(0, 1) upstream gradient, scaled and unscaled, same weights and data. {@link Mitigations}
 * judges the measurements.
 */
public final class AttentionSaturation {
    /** Model width. */
    public static final int DIM = 64;
    /** Steps per sequence. */
    public static final int STEPS = 16;
    /** Sequences. */
    public static final int BATCH = 32;
    /** The set-up in a sentence, for reports. */
    public static final String SETUP = "one self-attention layer of width " + DIM + " over " + BATCH + " sequences of "
            + STEPS + " N(0, 1) steps, Glorot uniform weights, a N(0, 1) upstream gradient, scores scaled by 1/sqrt(d)"
            + " or not";

    private AttentionSaturation() {}

    /**
     * What one layer measured.
     *
     * @param meanMaxAttention mean over rows of the largest attention weight
     * @param meanEntropy mean over rows of the attention entropy, in nats (uniform rows: ln T)
     * @param meanJacobianNorm mean over rows of the softmax Jacobian's Frobenius norm
     * @param queryGradientNorm Frobenius norm of the gradient of {@code q.weight}
     */
    public record Layer(
            double meanMaxAttention, double meanEntropy, double meanJacobianNorm, double queryGradientNorm) {}

    /**
     * Both layers' measurements, same weights and data.
     *
     * @param scaled scores divided by sqrt(d)
     * @param unscaled raw scores
     */
    public record Result(Layer scaled, Layer unscaled) {
        /** Mean softmax Jacobian norm scaled over unscaled: how much more gradient reaches the scores with the scale. */
        public double jacobianRatio() {
            return scaled.meanJacobianNorm() / unscaled.meanJacobianNorm();
        }
    }

    /** Measures the scaled and the unscaled layer with weights, inputs and upstream gradient from {@code seed}. */
    public static Result measure(long seed) {
        return new Result(measure(seed, true), measure(seed, false));
    }

    private static Layer measure(long seed, boolean scaled) {
        SelfAttention layer = new SelfAttention("attention", DIM, scaled);
        Sequential net = new Sequential(List.of(layer));
        InitPlan.defaults().apply(net, seed);
        Tensor x = new Tensor(gaussian(seed, "attention.input", BATCH * STEPS * DIM), BATCH, STEPS, DIM);
        Tensor g = new Tensor(gaussian(seed, "attention.upstream", BATCH * STEPS * DIM), BATCH, STEPS, DIM);
        net.zeroGrad();
        net.forward(x, true);
        net.backward(g);
        double norm = 0;
        for (Parameter p : net.parameters()) {
            if (p.path().equals("attention.q.weight")) {
                for (float v : p.grad()) {
                    norm += (double) v * v;
                }
            }
        }
        return new Layer(
                layer.meanMaxAttention(),
                layer.meanAttentionEntropy(),
                layer.meanSoftmaxJacobianNorm(),
                Math.sqrt(norm));
    }

    private static float[] gaussian(long seed, String path, int n) {
        float[] v = new float[n];
        Samplers.normal(RandomStream.of(seed, path), 0, n, 0, 1, v, 0);
        return v;
    }
}
