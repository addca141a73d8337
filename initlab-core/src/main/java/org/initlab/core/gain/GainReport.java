package org.initlab.core.gain;

/**
 * Everything this package knows about one activation's gain, as printed by
 * {@code initlab gain ACTIVATION}. Built by {@link Gains#report}.
 *
 * @param activation the activation's spec name, e.g. {@code "leaky_relu"} (aliases resolved)
 * @param param the parameter used (negative slope or alpha, defaults filled in); NaN for
 *     activations without one
 * @param torchGain {@code torch.nn.init.calculate_gain} for this activation (see
 *     {@link Gains#torch}); NaN when PyTorch's table has no entry for it
 * @param variancePreservingGain {@code 1/√secondMoment} (see {@link Gains#variancePreserving})
 * @param secondMoment {@code E[φ(z)²]} for {@code z ~ N(0, 1)}
 */
public record GainReport(
        String activation, double param, double torchGain, double variancePreservingGain, double secondMoment) {}
