package org.initlab.lab.sweep;

/**
 * One point of a {@link Sweep}'s grid (without its seed).
 *
 * @param init the weights' initializer spec, or {@code null} for {@code N(0, σ_w²/fan_in)}
 * @param sigmaW2 σ_w² (NaN with an initializer)
 * @param sigmaB2 σ_b² (NaN with an initializer, whose biases are zero)
 * @param depth hidden layers
 * @param width hidden units per layer
 * @param activation the activation's spec name
 * @param lr the SGD learning rate
 */
public record Cell(String init, double sigmaW2, double sigmaB2, int depth, int width, String activation, double lr) {
    /** A short label: {@code σ_w²=1.5 σ_b²=0.05 depth=8 width=64 tanh lr=0.005}. */
    public String label() {
        return (init != null ? init : "σ_w²=" + sigmaW2 + " σ_b²=" + sigmaB2) + " depth=" + depth + " width=" + width
                + " " + activation + " lr=" + lr;
    }
}
