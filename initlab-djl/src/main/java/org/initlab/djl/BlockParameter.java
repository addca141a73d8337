package org.initlab.djl;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import java.util.Objects;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Role;

/**
 * One parameter of a DJL block tree, with what InitLab needs to initialize it as the engine's own
 * layer of the same kind would be initialized.
 *
 * @param path the PyTorch-like path ({@code "0.weight"}, {@code "encoder.2.bias"}), the key of the
 *     parameter's random stream; see {@link BlockParameters} for the mapping from DJL's names
 * @param parameter the DJL parameter (its shape is known only once the block is initialized)
 * @param owner the block that declares the parameter
 * @param role what the tensor is for
 * @param layerKind the InitLab layer kind ({@code dense}, {@code conv2d}, {@code batch_norm},
 *     {@code layer_norm}, {@code embedding}) or DJL's class name in lower case for other blocks
 * @param activation the activation that follows the owner in its sequential parent,
 *     {@link Activation#LINEAR} when none does
 * @param activationParam the activation's parameter (always NaN: DJL's activation blocks do not
 *     expose their slope or alpha, so InitLab's defaults apply)
 * @param weight for a bias, the weight of the same block, whose fans it takes; else {@code null}
 * @param groups convolution groups of the owner (1 for other blocks)
 */
public record BlockParameter(
        String path,
        Parameter parameter,
        Block owner,
        Role role,
        String layerKind,
        Activation activation,
        double activationParam,
        Parameter weight,
        int groups) {

    /** Checks that the references are present and {@code groups >= 1}. */
    public BlockParameter {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(parameter, "parameter");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(layerKind, "layerKind");
        Objects.requireNonNull(activation, "activation");
        if (groups < 1) {
            throw new IllegalArgumentException("groups must be >= 1, got " + groups);
        }
    }

    /** DJL's own name of the parameter ({@code "weight"}, {@code "gamma"}). */
    public String djlName() {
        return parameter.getName();
    }
}
