package org.initlab.lab.residual;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.init.Role;
import org.initlab.core.init.Zeros;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;

/**
 * ReZero and SkipInit: every residual block {@code x + α f(x)} starts with its trainable branch
 * scale {@code α = 0}, so each block is the identity at initialization and the stream's variance
 * is exactly constant through depth; the branches switch on as α is trained.
 *
 * <p>Papers: T. Bachlechner, B. P. Majumder, H. H. Mao, G. W. Cottrell and J. McAuley (2020),
 * "ReZero is All You Need: Fast Convergence at Large Depth" (one scalar α per block, initialized
 * to 0, and no normalization layers); S. De and S. L. Smith (2020), "Batch Normalization Biases
 * Residual Blocks Towards the Identity Function in Deep Networks" (SkipInit: a scalar multiplier
 * at the end of each branch, initialized to 0 or to a small constant, replacing batch
 * normalization). At initialization both are this plan: α = 0. Neither removes normalization
 * layers here; that is the model's business. The model must be built with the scale, e.g.
 * {@code resmlp(IN,WIDTH,BLOCKS,OUT,act=relu,scale=true)}.
 */
public final class ReZero {
    /** The rule: every residual block's scale ({@code "K.alpha"}) is zero. */
    public static final InitPlan.Rule ALPHA_ZERO =
            new InitPlan.Rule("*.alpha", Role.NORM_SCALE, "residual", null, new Zeros());

    private ReZero() {}

    /** {@link #ALPHA_ZERO}, then {@link InitPlan#defaults()} (He for ReLU layers, biases zero). */
    public static InitPlan plan(Sequential model) {
        return plan(model, InitPlan.defaults());
    }

    /**
     * {@link #ALPHA_ZERO} ahead of every rule of {@code base}.
     *
     * @throws IllegalArgumentException when the model has no residual block with a scale α
     */
    public static InitPlan plan(Sequential model, InitPlan base) {
        if (countScaledBlocks(model) == 0) {
            throw new IllegalArgumentException("ReZero/SkipInit needs residual blocks with a branch scale α; the model"
                    + " has none (layers "
                    + model.layers().stream().map(Layer::kind).toList()
                    + "); build it with scale=true, e.g. resmlp(784,256,8,10,act=relu,scale=true)");
        }
        List<InitPlan.Rule> rules = new ArrayList<>();
        rules.add(ALPHA_ZERO);
        rules.addAll(base.rules());
        return new InitPlan(rules);
    }

    private static int countScaledBlocks(Sequential seq) {
        int n = 0;
        for (Layer layer : seq.layers()) {
            if (layer instanceof Residual r) {
                boolean scaled = r.parameters().size() > r.branch().parameters().size();
                n += (scaled ? 1 : 0) + countScaledBlocks(r.branch());
            } else if (layer instanceof Sequential s) {
                n += countScaledBlocks(s);
            }
        }
        return n;
    }
}
