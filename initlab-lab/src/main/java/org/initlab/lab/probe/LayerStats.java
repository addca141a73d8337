package org.initlab.lab.probe;

/**
 * What the probe measured at one layer of a model at one step.
 *
 * @param index position of the layer in the model
 * @param kind the layer's kind ({@code "dense"}, {@code "activation"}, ...)
 * @param name the layer's name: its first parameter's path without the suffix ({@code "2"} of
 *     {@code "2.weight"}), or the activation's name for an activation layer
 * @param output the layer's output values over the batch
 * @param preActivation for an activation layer, its input (the pre-activation); else {@code null}
 * @param histogram the output's histogram
 * @param units values per example of the output (features)
 * @param saturatedFraction for tanh, sigmoid and softsign layers the fraction of outputs within
 *     1% of the bounds ({@code |tanh| > 0.99}, sigmoid {@code < 0.01} or {@code > 0.99},
 *     {@code |softsign| > 0.99}); NaN for other layers
 * @param zeroFraction the fraction of outputs exactly zero
 * @param deadUnitFraction the fraction of units that are exactly zero for every example of the batch
 * @param unitSpread the largest difference between two units of one example, over the batch, relative
 *     to the largest absolute output ({@code 0} when all units are identical: a symmetric layer);
 *     NaN for outputs of one unit
 * @param gradientSpread how different the units' gradients are, relative to the largest: for a layer with
 *     weights the largest spread between the weight-gradient rows of two units (output rows of
 *     {@code [out, in...]}), else between the units of the gradient at the output; {@code 0} when
 *     every unit gets the same gradient, so no training step can tell them apart; NaN until measured
 * @param gradOutputNorm L2 norm of the loss gradient with respect to the layer's output (over the batch)
 * @param weightGradNorm L2 norm of the gradient of the layer's weights (roles weight and recurrent);
 *     NaN for a layer without weights
 * @param weightNorm L2 norm of the layer's weights; NaN without weights
 * @param updateRatio {@code ‖ΔW‖ / ‖W‖} of the optimizer step after this one, when measured; else NaN
 */
public record LayerStats(
        int index,
        String kind,
        String name,
        Summary output,
        Summary preActivation,
        Histogram histogram,
        int units,
        double saturatedFraction,
        double zeroFraction,
        double deadUnitFraction,
        double unitSpread,
        double gradientSpread,
        double gradOutputNorm,
        double weightGradNorm,
        double weightNorm,
        double updateRatio) {

    /** A copy with the update ratio set. */
    public LayerStats withUpdateRatio(double ratio) {
        return new LayerStats(
                index,
                kind,
                name,
                output,
                preActivation,
                histogram,
                units,
                saturatedFraction,
                zeroFraction,
                deadUnitFraction,
                unitSpread,
                gradientSpread,
                gradOutputNorm,
                weightGradNorm,
                weightNorm,
                ratio);
    }

    /** A copy with the gradient norms set. */
    LayerStats withGradients(double gradOutput, double weightGrad, double spread) {
        return new LayerStats(
                index,
                kind,
                name,
                output,
                preActivation,
                histogram,
                units,
                saturatedFraction,
                zeroFraction,
                deadUnitFraction,
                unitSpread,
                spread,
                gradOutput,
                weightGrad,
                weightNorm,
                updateRatio);
    }
}
