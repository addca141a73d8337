package org.initlab.core.init;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.initlab.core.gain.Gains;

/** The gain rule shared by {@link HeUniform} and {@link HeNormal}. */
final class HeGain {
    /**
     * Gains by (nonlinearity, parameter): the computed ones take a quadrature of several hundred
     * evaluations, and every fill, once per shard, asks for the gain again.
     */
    private static final Map<String, Double> COMPUTED = new ConcurrentHashMap<>();

    private HeGain() {}

    /**
     * A free gain when given (not NaN), else the gain of the nonlinearity: PyTorch's
     * {@code calculate_gain} table for the names it knows (relu: sqrt 2, leaky_relu:
     * sqrt(2/(1+slope²)), tanh: 5/3, ...) and the computed variance-preserving gain
     * {@code 1/sqrt(E[φ(z)²])} for the others (gelu, silu, elu, mish, ...).
     */
    static double of(String method, String nonlinearity, double negativeSlope, double gain) {
        if (!Double.isNaN(gain)) {
            Fill.requirePositive(method, "gain", gain);
            return gain;
        }
        Fill.requireFinite(method, "negative_slope", negativeSlope);
        double param = nonlinearity.equalsIgnoreCase("leaky_relu") ? negativeSlope : Double.NaN;
        try {
            return COMPUTED.computeIfAbsent(
                    nonlinearity + "|" + Double.doubleToLongBits(param), k -> Gains.forName(nonlinearity, param));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(method + ": " + e.getMessage(), e);
        }
    }
}
