package org.initlab.lab.advisor;

import java.util.ArrayList;
import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.core.gain.Gains;
import org.initlab.core.init.GlorotUniform;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.LstmForgetBias;
import org.initlab.core.init.Normal;
import org.initlab.core.init.Registry;
import org.initlab.core.init.Role;
import org.initlab.lab.residual.Fixup;
import org.initlab.lab.residual.ReZero;
import org.initlab.nn.ActivationLayer;
import org.initlab.nn.BatchNorm;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.LayerNorm;
import org.initlab.nn.Lstm;
import org.initlab.nn.Parameter;
import org.initlab.nn.RecurrentLayer;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;
import org.initlab.nn.model.LayerRows;

/**
 * Recommends an initializer for every parameter of a model, with the reason and the reference: the
 * rules of the field, applied to the layer, the activation after it and the model's structure.
 *
 * <ul>
 *   <li>Weights followed by a rectifier: He (He et al. 2015), with the leaky slope's gain; by ELU,
 *       GELU, SiLU, Mish or softplus: He's law with the variance-preserving gain computed for that
 *       activation (PyTorch's table has none for them); by SELU: LeCun normal (Klambauer et al.
 *       2017); by tanh, sigmoid, softsign or nothing (output layers): Glorot uniform (Glorot and
 *       Bengio 2010).</li>
 *   <li>Recurrent weights: orthogonal (Saxe, McClelland and Ganguli 2014); a recurrent layer's
 *       input weights feed its gates (sigmoid) and candidate (tanh), not the activation after the
 *       layer: Glorot uniform whatever follows.</li>
 *   <li>Biases and normalization shifts zero, normalization scales one; an LSTM's bias has its
 *       forget gate at 1 ({@link LstmForgetBias}, Jozefowicz, Zaremba and Sutskever 2015), which in
 *       PyTorch's layout is {@code bias_ih_l0[H:2H] = 1} with {@code bias_hh_l0} zero.</li>
 *   <li>Embeddings: an embedding's output is one row of its table, so the table's variance is the
 *       variance of the signal it starts. Feeding a weight layer directly: N(0, 1), unit variance per
 *       coordinate, the input scale the next layer's fan-in rule is calibrated for (Flax's N(0, 1/d)
 *       would start that layer's pre-activations d times too small in variance). Followed by a
 *       normalization (LayerNorm, BatchNorm), which sets the forward scale whatever the table's:
 *       N(0, 0.02²) as GPT-2 and BERT (Radford et al. 2019; Devlin et al. 2019), so that updates of
 *       a given size (Adam's are about the learning rate) move the vectors relative to their size
 *       from the first steps.</li>
 *   <li>GAN-style models, when asked: every weight N(0, 0.02²) (Radford, Metz and Chintala 2016).</li>
 *   <li>Residual stacks of at least {@value #DEEP_RESIDUAL} blocks without normalization in their
 *       branches: ReZero when the blocks have a trainable scale (Bachlechner et al. 2020), Fixup
 *       otherwise (Zhang, Dauphin and Ma 2019); plain He makes the residual stream grow with depth.</li>
 * </ul>
 * The plan is {@link #advise}'s per-parameter answers as exact-path rules, so what is printed is
 * what is applied.
 */
public final class Advisor {
    /** Residual blocks from which a model without normalization gets Fixup or ReZero. */
    public static final int DEEP_RESIDUAL = 4;

    /** How residual stacks are treated. */
    public enum ResidualScheme {
        /** Fixup or ReZero for deep stacks without normalization (see the class comment). */
        AUTO,
        /** Fixup for any residual model. */
        FIXUP,
        /** ReZero for any residual model built with branch scales. */
        REZERO,
        /** The per-activation rules only. */
        NONE
    }

    /**
     * What the advisor is asked to follow beyond its per-activation rules.
     *
     * @param gan advise DCGAN's N(0, 0.02²) for every weight
     * @param residual how residual stacks are treated
     */
    public record Options(boolean gan, ResidualScheme residual) {
        public static Options defaults() {
            return new Options(false, ResidualScheme.AUTO);
        }
    }

    private Advisor() {}

    /** The advice for {@code model}. */
    public static Advice advise(Sequential model, Options options) {
        List<String> notes = new ArrayList<>();
        InitPlan base = residualPlan(model, options, notes);
        List<ParameterAdvice> out = new ArrayList<>();
        walk(model, base, options, out, notes);
        List<InitPlan.Rule> rules = new ArrayList<>();
        for (ParameterAdvice a : out) {
            rules.add(new InitPlan.Rule(a.path(), null, null, null, Registry.parse(a.initializer())));
        }
        return new Advice(new InitPlan(rules), out, notes);
    }

    private static InitPlan residualPlan(Sequential model, Options options, List<String> notes) {
        List<Residual> blocks = model.layers().stream()
                .filter(l -> l instanceof Residual)
                .map(l -> (Residual) l)
                .toList();
        if (blocks.isEmpty() || options.residual() == ResidualScheme.NONE) {
            return null;
        }
        boolean normalized = blocks.stream()
                .anyMatch(b ->
                        b.branch().layers().stream().anyMatch(l -> l instanceof BatchNorm || l instanceof LayerNorm));
        boolean scaled = blocks.stream()
                .allMatch(b -> b.parameters().size() > b.branch().parameters().size());
        ResidualScheme scheme = options.residual();
        if (scheme == ResidualScheme.AUTO) {
            if (normalized || blocks.size() < DEEP_RESIDUAL) {
                notes.add(
                        blocks.size() + " residual block(s)" + (normalized ? " with normalization in the branches" : "")
                                + ": the per-activation rules suffice (Fixup/ReZero from " + DEEP_RESIDUAL
                                + " unnormalized blocks)");
                return null;
            }
            scheme = scaled ? ResidualScheme.REZERO : ResidualScheme.FIXUP;
        }
        if (scheme == ResidualScheme.REZERO) {
            if (!scaled) {
                throw new IllegalArgumentException("ReZero needs residual blocks with a trainable branch scale"
                        + " (build the model with scale=true, e.g. resmlp(IN,WIDTH,BLOCKS,OUT,act=relu,scale=true))");
            }
            notes.add("ReZero (Bachlechner et al. 2020): each of the " + blocks.size()
                    + " branch scales starts at 0, so every block starts as the identity and the residual stream keeps"
                    + " its variance at any depth");
            return ReZero.plan(model);
        }
        notes.add("Fixup (Zhang, Dauphin and Ma 2019): with L = " + blocks.size() + " residual branches, the last"
                + " layer of each branch and the output layer start at zero and the other branch layers are He-scaled by"
                + " L^(-1/(2m-2)), so the residual stream stays bounded without normalization (plain He lets its variance"
                + " grow with every block)");
        return Fixup.plan(model);
    }

    private static void walk(
            Sequential model, InitPlan residual, Options options, List<ParameterAdvice> out, List<String> notes) {
        List<Layer> layers = model.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            Activation act = Activation.LINEAR;
            double param = Double.NaN;
            String actName = act.specName();
            if (i + 1 < layers.size() && layers.get(i + 1) instanceof ActivationLayer a) {
                act = a.activation();
                param = a.param();
                actName = LayerRows.activation(a);
            }
            List<Parameter> own = layer.parameters();
            if (layer instanceof Residual r) {
                walk(r.branch(), residual, options, out, notes);
                own = own.subList(r.branch().parameters().size(), own.size());
            }
            boolean normalizedNext = i + 1 < layers.size()
                    && (layers.get(i + 1) instanceof LayerNorm || layers.get(i + 1) instanceof BatchNorm);
            for (Parameter p : own) {
                ParameterAdvice a = advice(p, layer.kind(), act, param, residual, options);
                if (p.role() == Role.EMBEDDING && !options.gan() && a.reason() == null) {
                    a = embeddingAdvice(p, layer.kind(), act, normalizedNext);
                } else if (layer instanceof RecurrentLayer && p.role() == Role.WEIGHT && a.reason() == null) {
                    a = recurrentInputAdvice(p, layer.kind(), act);
                } else if (layer instanceof Lstm lstm && p == lstm.bias()) {
                    a = forgetGateAdvice(p, layer.kind(), act, lstm.hiddenSize());
                }
                out.add(new ParameterAdvice(a.path(), a.layerKind(), actName, a.initializer(), a.reason()));
            }
        }
    }

    private static ParameterAdvice advice(
            Parameter p, String kind, Activation act, double param, InitPlan residual, Options options) {
        String actName = act.specName();
        if (residual != null && !residual.equals(InitPlan.defaults())) {
            Initializer r = residual.resolve(p, kind, act, param);
            Initializer plain = InitPlan.defaults().resolve(p, kind, act, param);
            if (!r.equals(plain)) {
                return new ParameterAdvice(p.path(), kind, actName, Registry.format(r), residualReason(p, r));
            }
        }
        Role role = p.role();
        return switch (role) {
            case BIAS ->
                new ParameterAdvice(
                        p.path(),
                        kind,
                        actName,
                        "zeros",
                        "biases start at zero: the weights already break the symmetry, and a zero bias keeps the"
                                + " pre-activation centred (Keras's and Flax's default; PyTorch draws U(±1/sqrt(fan_in)) instead)");
            case NORM_SHIFT ->
                new ParameterAdvice(
                        p.path(),
                        kind,
                        actName,
                        "zeros",
                        "normalization shift starts at 0 so the layer first outputs the normalized input (Ioffe and Szegedy 2015)");
            case NORM_SCALE ->
                new ParameterAdvice(
                        p.path(),
                        kind,
                        actName,
                        "ones",
                        "normalization scale starts at 1 so the layer first outputs the normalized input (Ioffe and Szegedy 2015)");
            case EMBEDDING -> new ParameterAdvice(p.path(), kind, actName, "", null); // decided by the walk
            case RECURRENT ->
                new ParameterAdvice(
                        p.path(),
                        kind,
                        actName,
                        "orthogonal",
                        "orthogonal recurrent weights have every singular value 1, so the hidden state neither explodes nor"
                                + " vanishes over time steps at initialization (Saxe, McClelland and Ganguli 2014)");
            default ->
                options.gan()
                        ? new ParameterAdvice(
                                p.path(),
                                kind,
                                actName,
                                Registry.format(new Normal(0, 0.02)),
                                "GAN-style model: N(0, 0.02²) for every weight, as in DCGAN (Radford, Metz and Chintala 2016)")
                        : RECURRENT_KINDS.contains(kind)
                                ? new ParameterAdvice(p.path(), kind, actName, "", null)
                                : weightAdvice(p, kind, act, param);
        };
    }

    private static ParameterAdvice weightAdvice(Parameter p, String kind, Activation act, double param) {
        Initializer init = InitPlan.forActivation(act, param);
        String reason = switch (act) {
            case RELU, RELU6 ->
                "a ReLU zeroes half of its input, so Var(W) = 2/fan_in keeps the pre-activation variance"
                        + " constant with depth (He, Zhang, Ren and Sun 2015); 1/fan_in would halve it at every layer";
            case LEAKY_RELU ->
                "leaky ReLU with negative_slope a = " + act.paramOrDefault(param)
                        + ": Var(W) = 2/((1 + a²) fan_in) keeps the variance constant (He et al. 2015)";
            case ELU, GELU, GELU_TANH, SILU, MISH, SOFTPLUS ->
                String.format(
                        "%s: He's law with the variance-preserving"
                                + " gain %.4g computed for this activation (gain² = 1/E[φ(z)²], z ~ N(0,1)); PyTorch's"
                                + " calculate_gain has no entry for it",
                        act.specName(), Gains.variancePreserving(act, param));
            case SELU ->
                "SELU's self-normalizing fixed point (mean 0, variance 1) needs Var(W) = 1/fan_in: LeCun"
                        + " normal (Klambauer, Unterthiner, Mayr and Hochreiter 2017)";
            case TANH, SIGMOID, SOFTSIGN, HARD_TANH ->
                act.specName() + " is linear near 0: Var(W) = 2/(fan_in + fan_out)"
                        + " balances the forward signal and the backward gradient (Glorot and Bengio 2010)";
            case LINEAR ->
                "no nonlinearity follows (an output layer): Glorot uniform keeps the forward and backward"
                        + " variances balanced (Glorot and Bengio 2010)";
        };
        return new ParameterAdvice(p.path(), kind, act.specName(), Registry.format(init), reason);
    }

    /** The kinds of {@link RecurrentLayer}, whose input weights feed gates. */
    private static final java.util.Set<String> RECURRENT_KINDS = java.util.Set.of("rnn", "lstm", "gru");

    private static ParameterAdvice recurrentInputAdvice(Parameter p, String kind, Activation act) {
        String feeds = kind.equals("rnn")
                ? "the cell's tanh"
                : kind.equals("lstm")
                        ? "the cell's gates (sigmoid for input, forget and output, tanh for the candidate)"
                        : "the cell's gates (sigmoid for reset and update, tanh for the candidate)";
        return new ParameterAdvice(
                p.path(),
                kind,
                act.specName(),
                Registry.format(new GlorotUniform()),
                "input-to-hidden weights feed " + feeds
                        + ", not the activation after the layer; these are linear near 0,"
                        + " so Var(W) = 2/(fan_in + fan_out) balances the forward signal and the backward gradient"
                        + " (Glorot and Bengio 2010), fans of the stacked [gates·hidden, input] matrix");
    }

    /**
     * The LSTM bias: forget gate 1. The engine's one bias is the sum of PyTorch's two, and exports
     * write it into {@code bias_ih_l0} with {@code bias_hh_l0} zero, so that is the PyTorch layout.
     */
    private static ParameterAdvice forgetGateAdvice(Parameter p, String kind, Activation act, int hidden) {
        String prefix =
                p.path().endsWith(".bias") ? p.path().substring(0, p.path().length() - ".bias".length()) + "." : "";
        return new ParameterAdvice(
                p.path(),
                kind,
                act.specName(),
                Registry.format(new LstmForgetBias()),
                "forget gate 1, the other gates 0 (Jozefowicz, Zaremba and Sutskever 2015; Keras's"
                        + " unit_forget_bias=True): with 0 the forget gate starts at sigmoid(0) = 1/2 and halves the cell"
                        + " state at every step, so the gradient through time vanishes before the gate learns to keep"
                        + " anything; at sigmoid(1) = 0.73 the cell remembers from the start. In PyTorch's layout (advise"
                        + " --out) that is " + prefix + "bias_ih_l0[" + hidden + ":" + 2 * hidden + "] = 1 and "
                        + prefix + "bias_hh_l0 = 0: nn.LSTM sums its two biases, so the 1 goes into one of them only");
    }

    private static ParameterAdvice embeddingAdvice(Parameter p, String kind, Activation act, boolean normalizedNext) {
        if (normalizedNext) {
            return new ParameterAdvice(
                    p.path(),
                    kind,
                    act.specName(),
                    Registry.format(new Normal(0, 0.02)),
                    "a normalization follows and sets the forward scale whatever the table's, so start small as GPT-2"
                            + " and BERT do, N(0, 0.02²): updates of a given size (Adam's are about the learning rate)"
                            + " then move the vectors relative to their size from the first steps");
        }
        return new ParameterAdvice(
                p.path(),
                kind,
                act.specName(),
                Registry.format(new Normal(0, 1)),
                "the layer's output is one row of the table, so the table's variance is the variance of the signal it"
                        + " feeds to the next layer; N(0, 1) gives unit variance per coordinate, the input scale that"
                        + " layer's fan-in rule is calibrated for. Flax's N(0, 1/d) would start it d times too small in"
                        + " variance; GPT-2/BERT's N(0, 0.02²) is for tables followed by a normalization (put a layer norm"
                        + " after the embedding to get that advice)");
    }

    private static String residualReason(Parameter p, Initializer r) {
        String spec = Registry.format(r);
        if (spec.startsWith("zeros")) {
            return p.path().endsWith("alpha")
                    ? "ReZero: the branch scale starts at 0, so the block starts as the identity (Bachlechner et al. 2020)"
                    : "Fixup: the last layer of each residual branch and the output layer start at zero (Zhang, Dauphin"
                            + " and Ma 2019)";
        }
        return "Fixup: a branch layer, He-initialized and scaled by L^(-1/(2m-2)) (Zhang, Dauphin and Ma 2019)";
    }
}
