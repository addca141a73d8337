package org.initlab.lab.datadriven;

import java.util.List;

/**
 * What one {@link Lsuv#run} did, with the configuration that produced it.
 *
 * @param preInitializer the spec of the pre-initializer ({@code orthogonal}), or {@code none}
 *     when the model's own weights were kept
 * @param tolerance the accepted distance {@code |Var − 1|}
 * @param maxIterations the most rescalings of one layer
 * @param seed the seed of the pre-initialization
 * @param batchShape the shape of the batch the variances were measured on
 * @param layers one entry per normalized layer, in forward order
 */
public record LsuvReport(
        String preInitializer,
        double tolerance,
        int maxIterations,
        long seed,
        List<Integer> batchShape,
        List<LayerResult> layers) {

    /**
     * One normalized layer.
     *
     * @param path the path of its weight ({@code "4.weight"}, {@code "3.0.weight"} inside a
     *     residual branch)
     * @param iterations how many times its weight was divided by {@code sqrt(Var)}, in
     *     {@code [0, maxIterations]}
     * @param initialVariance the variance of its output before the first rescaling (earlier layers
     *     already normalized)
     * @param finalVariance the variance of its output with the final weight
     * @param converged whether {@code |finalVariance − 1| ≤ tolerance}
     */
    public record LayerResult(
            String path, int iterations, double initialVariance, double finalVariance, boolean converged) {}

    /** Copies the lists. */
    public LsuvReport {
        batchShape = List.copyOf(batchShape);
        layers = List.copyOf(layers);
    }

    /** Whether every layer converged. */
    public boolean converged() {
        return layers.stream().allMatch(LayerResult::converged);
    }
}
