package org.initlab.lab.residual;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Distribution;
import org.initlab.core.init.HeNormal;
import org.initlab.core.init.Mode;
import org.initlab.core.init.Role;
import org.initlab.core.init.VarianceScaling;
import org.initlab.core.init.Zeros;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.Conv2D;
import org.initlab.nn.Dense;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.Parameter;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;

/**
 * Fixup: H. Zhang, Y. N. Dauphin and T. Ma (2019), "Fixup Initialization: Residual Learning
 * Without Normalization", ICLR. For a network with L residual branches of m weight layers each:
 * <ol>
 *   <li>the last weight layer of each branch and the final (classification) layer are zero;</li>
 *   <li>the other weight layers of each branch are He-initialized, then scaled by
 *       {@code L^(−1/(2m−2))} ({@link #branchScale}); every layer outside the branches gets the
 *       usual He/Glorot rule of {@link InitPlan#defaults()};</li>
 *   <li>the paper also adds a scalar multiplier (initialized to 1) in every branch and a scalar
 *       bias (initialized to 0) before each convolution, linear and activation layer.</li>
 * </ol>
 * What is implemented: (1) and (2) exactly, as a plan of per-path rules; the He variance of a
 * branch layer uses the gain of the activation that follows it in the branch (PyTorch's
 * {@code calculate_gain} table, computed gains for the others; gain 1 when none follows), i.e.
 * {@code Var(W) = gain² · L^(−1/(m−1)) / fan_in}, drawn from an untruncated normal. Of (3), the
 * multiplier is the block's α when the model is built with {@code scale=true} (it sits where the
 * paper puts it, at the end of the branch, and the default rule sets it to 1); the scalar biases
 * are not added (the engine has no such layer): the layers' own per-unit biases are zero, which
 * gives the same function at initialization but not the paper's parameterization.
 *
 * <p>At initialization every block is the identity (its branch ends in a zero layer), so the
 * residual stream is exactly constant and the network's output is zero; the scaling matters once
 * the zero layers move: it bounds how much each branch can grow the stream. A branch with a single
 * weight layer (m = 1) is only zeroed ({@code L^(−1/0)} is undefined, and nothing else needs
 * scaling).
 */
public final class Fixup {
    private Fixup() {}

    /**
     * {@code L^(−1/(2m−2))}, the factor on the standard deviation of the non-final branch layers.
     *
     * @param branches L, the number of residual branches, {@code >= 1}
     * @param weightLayers m, weight layers per branch, {@code >= 2}
     */
    public static double branchScale(int branches, int weightLayers) {
        if (branches < 1 || weightLayers < 2) {
            throw new IllegalArgumentException("Fixup's branch scale L^(-1/(2m-2)) needs L >= 1 branches and m >= 2"
                    + " weight layers per branch, got L=" + branches + ", m=" + weightLayers);
        }
        return Math.pow(branches, -1.0 / (2 * weightLayers - 2));
    }

    /**
     * The Fixup plan for {@code model}: per-path rules for the weights of every top-level
     * residual branch and for the final layer (the last dense or convolution layer after the last
     * residual block, if any), then {@link InitPlan#defaults()}.
     *
     * @throws IllegalArgumentException when the model has no top-level residual block, a branch has
     *     no dense or convolution layer, or a branch holds a residual block of its own
     */
    public static InitPlan plan(Sequential model) {
        List<Layer> layers = model.layers();
        List<Residual> blocks = new ArrayList<>();
        int lastBlock = -1;
        for (int i = 0; i < layers.size(); i++) {
            if (layers.get(i) instanceof Residual r) {
                blocks.add(r);
                lastBlock = i;
            }
        }
        if (blocks.isEmpty()) {
            throw new IllegalArgumentException("Fixup needs residual blocks at the model's top level; its layers are "
                    + layers.stream().map(Layer::kind).toList());
        }
        List<InitPlan.Rule> rules = new ArrayList<>();
        for (Residual block : blocks) {
            branchRules(block, blocks.size(), rules);
        }
        for (int i = layers.size() - 1; i > lastBlock; i--) {
            Parameter w = weightOf(layers.get(i));
            if (w != null) {
                rules.add(exact(w, new Zeros()));
                break;
            }
        }
        rules.addAll(InitPlan.defaults().rules());
        return new InitPlan(rules);
    }

    private static void branchRules(Residual block, int branches, List<InitPlan.Rule> rules) {
        List<Layer> branch = block.branch().layers();
        List<Integer> weighted = new ArrayList<>();
        for (int i = 0; i < branch.size(); i++) {
            if (branch.get(i) instanceof Residual) {
                throw new IllegalArgumentException(
                        "Fixup: a residual branch holds a residual block of its own (branch" + " layers "
                                + branch.stream().map(Layer::kind).toList() + "); nested blocks are not supported");
            }
            if (weightOf(branch.get(i)) != null) {
                weighted.add(i);
            }
        }
        if (weighted.isEmpty()) {
            throw new IllegalArgumentException("Fixup: a residual branch has no dense or conv2d layer (branch layers "
                    + branch.stream().map(Layer::kind).toList() + ")");
        }
        int m = weighted.size();
        for (int k = 0; k < m - 1; k++) {
            int i = weighted.get(k);
            double scale = branchScale(branches, m);
            double heScale = heVarianceScale(i + 1 < branch.size() ? branch.get(i + 1) : null);
            rules.add(exact(
                    weightOf(branch.get(i)),
                    new VarianceScaling(heScale * scale * scale, Mode.FAN_IN, Distribution.NORMAL)));
        }
        rules.add(exact(weightOf(branch.get(weighted.get(m - 1))), new Zeros()));
    }

    /** gain² of He normal for the activation layer {@code next} (linear, gain 1, when it is none). */
    private static double heVarianceScale(Layer next) {
        Activation act = next instanceof ActivationLayer a ? a.activation() : Activation.LINEAR;
        double slope = next instanceof ActivationLayer a && act == Activation.LEAKY_RELU ? a.param() : 0;
        return new HeNormal(Mode.FAN_IN, act.specName(), slope, Double.NaN, false)
                .asVarianceScaling()
                .scale();
    }

    private static InitPlan.Rule exact(Parameter weight, org.initlab.core.init.Initializer init) {
        return new InitPlan.Rule(weight.path(), Role.WEIGHT, null, null, init);
    }

    private static Parameter weightOf(Layer layer) {
        return switch (layer) {
            case Dense d -> d.weight();
            case Conv2D c -> c.weight();
            default -> null;
        };
    }
}
