package org.initlab.lab.plan;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.init.Normal;
import org.initlab.core.init.Ones;
import org.initlab.core.init.Role;
import org.initlab.core.init.Zeros;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;

/**
 * GPT-2's initialization. Law: every weight matrix and embedding {@code ~ N(0, std²)}, std = 0.02;
 * biases 0; LayerNorm scale 1, shift 0; except the weights that write into the residual stream
 * (each attention's output projection and each MLP's second linear layer, {@code c_proj})
 * {@code ~ N(0, (std / sqrt(R))²)}, R the number of residual sub-layers (two per transformer
 * layer: {@code R = 2 · n_layer}).
 *
 * <p>Paper: A. Radford, J. Wu, R. Child, D. Luan, D. Amodei, I. Sutskever (2019), "Language Models
 * are Unsupervised Multitask Learners", section 2.3: "We scale the weights of residual layers at
 * initialization by a factor of 1/√N where N is the number of residual layers". Why: in a pre-LN
 * stack the stream is the sum of R branch outputs; with the scaling each adds variance
 * {@code ∝ 1/R}, so the stream's variance at the top stays the same whatever the depth (see
 * {@link org.initlab.lab.residual.ResidualStream}). Equivalents: Hugging Face
 * {@code GPT2PreTrainedModel._init_weights} (every {@code c_proj.weight} gets
 * {@code initializer_range / sqrt(2 · n_layer)}) and nanoGPT ({@code 0.02/sqrt(2 * n_layer)} on
 * parameters named {@code c_proj.weight}); both also draw the position embedding {@code wpe} from
 * N(0, 0.02²). OpenAI's released TensorFlow code draws {@code wpe} from N(0, 0.01²) and does not
 * scale {@code c_proj} at all (the scaling is the paper's, applied by later reimplementations).
 * Here R is counted from the model: its top-level {@link Residual} blocks.
 *
 * @param std the standard deviation of every other weight, {@code > 0} (GPT-2's
 *     {@code initializer_range} 0.02)
 */
public record Gpt2Scaling(double std) implements ModelPlan {
    /** Validates std. */
    public Gpt2Scaling {
        if (!(std > 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("gpt2: std must be finite and > 0, got " + std);
        }
    }

    /** GPT-2's 0.02. */
    public Gpt2Scaling() {
        this(0.02);
    }

    /** {@code std / sqrt(residualBranches)}: the std of a projection into the stream. */
    public double residualStd(int residualBranches) {
        if (residualBranches < 1) {
            throw new IllegalArgumentException("gpt2: need at least one residual branch, got " + residualBranches);
        }
        return std / Math.sqrt(residualBranches);
    }

    @Override
    public InitPlan plan(Sequential model) {
        List<Residual> blocks = Branches.blocks(model, "gpt2");
        Normal scaled = new Normal(0, residualStd(blocks.size()));
        List<InitPlan.Rule> rules = new ArrayList<>();
        for (Residual b : blocks) {
            rules.add(new InitPlan.Rule(Branches.projection(b).path(), null, null, null, scaled));
        }
        rules.add(new InitPlan.Rule(null, Role.BIAS, null, null, new Zeros()));
        rules.add(new InitPlan.Rule(null, Role.NORM_SHIFT, null, null, new Zeros()));
        rules.add(new InitPlan.Rule(null, Role.NORM_SCALE, null, null, new Ones()));
        rules.add(new InitPlan.Rule(null, null, null, null, new Normal(0, std)));
        return new InitPlan(rules);
    }
}
