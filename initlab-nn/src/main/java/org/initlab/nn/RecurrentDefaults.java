package org.initlab.nn;

import java.util.Arrays;
import org.initlab.core.init.Dl4jDefault;
import org.initlab.core.init.Fill;
import org.initlab.core.init.FlaxDefault;
import org.initlab.core.init.FrameworkDefault;
import org.initlab.core.init.Initializer;
import org.initlab.core.init.KerasDefault;
import org.initlab.core.init.Normal;
import org.initlab.core.init.Orthogonal;
import org.initlab.core.init.Role;
import org.initlab.core.init.Target;
import org.initlab.core.init.TorchDefault;
import org.initlab.core.init.Uniform;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;

/**
 * What each framework's default does to a whole recurrent layer, where a tensor's {@link Role}
 * alone is not enough (the laws below depend on the hidden size, the gates, or PyTorch's second
 * bias). {@link InitPlan#apply} calls it for a parameter of a {@link RecurrentLayer} whose plan
 * names a {@link FrameworkDefault}. With {@code H} the hidden size, {@code in} the input size and
 * {@code G} the gates (RNN 1, LSTM 4 in the order {@code i, f, g, o}, GRU 3 in {@code r, z, n}):
 * <ul>
 *   <li>{@code torch_default} ({@code nn.RNN/LSTM/GRU.reset_parameters}): every tensor
 *       {@code U(±1/sqrt(H))}, the input weights included. PyTorch has two biases; the engine's one
 *       bias is their sum {@code b_ih + b_hh}, each drawn from {@code U(±1/sqrt(H))} with the stream
 *       of PyTorch's name ({@code P.bias_ih_l0}, {@code P.bias_hh_l0}), so its law is the triangular
 *       law of that sum (variance {@code 2/(3H)}). For a GRU only the {@code r, z} rows are summed:
 *       the {@code n} rows are {@code b_ih}'s and {@code bias_hn} is the {@code n} rows of {@code b_hh}.</li>
 *   <li>{@code flax_default} ({@code flax.linen} {@code LSTMCell}/{@code GRUCell}, one {@code Dense}
 *       per gate): each gate's {@code [H, H]} block of {@code weight_hh} is its own orthogonal matrix
 *       (an orthogonal {@code [G·H, H]} matrix would give each gate a block of scale about
 *       {@code 1/sqrt(G)}); input weights LeCun normal (truncated) on fan_in = {@code in}, as per
 *       gate; biases zero.</li>
 *   <li>{@code keras_default} ({@code LSTM(unit_forget_bias=True)}): the per-role law, then the
 *       LSTM forget-gate slice {@code bias[H, 2H)} set to 1. Keras's orthogonal recurrent kernel is
 *       one {@code [H, 4H]} matrix, as the per-role law already gives.</li>
 *   <li>{@code dl4j_default} on an LSTM ({@code LSTMParamInitializer} with {@code WeightInit.XAVIER}):
 *       both matrices {@code N(0, 2/(fan_in + fan_out))} with {@code fan_in = H} and
 *       {@code fan_out = in + H}; bias zero with the forget-gate slice at 1
 *       ({@code forgetGateBiasInit = 1}). Other recurrent layers: the per-role law.</li>
 *   <li>{@code djl_default}: the per-role law.</li>
 * </ul>
 */
final class RecurrentDefaults {
    private RecurrentDefaults() {}

    /** Fills {@code p}, a parameter of {@code layer}, as framework {@code framework} does, for {@code seed}. */
    static void fill(FrameworkDefault framework, RecurrentLayer layer, Parameter p, long seed) {
        float[] v = p.value();
        Target target = p.target(seed);
        int h = layer.hiddenSize();
        switch (framework) {
            case TorchDefault t -> torch(layer, p, seed, v, target, h);
            case FlaxDefault f -> {
                if (p == layer.weightHh()) {
                    int gates = v.length / (h * h);
                    for (int g = 0; g < gates; g++) {
                        Target block = new Target(
                                Shape.of(h, h),
                                Layout.PYTORCH,
                                1,
                                false,
                                Role.RECURRENT,
                                null,
                                seed,
                                p.path() + ".gate" + g);
                        Fill.range(new Orthogonal(), block, 0, (long) h * h, v, g * h * h, 1);
                    }
                } else {
                    fillWhole(f.resolve(target), target, v);
                }
            }
            case KerasDefault k -> {
                fillWhole(k.resolve(target), target, v);
                forgetGate(layer, p, v, h);
            }
            case Dl4jDefault d -> {
                if (layer instanceof Lstm && p != layer.bias()) {
                    int fanIn = h;
                    int fanOut = layer.inputSize() + h;
                    fillWhole(new Normal(0, Math.sqrt(2.0 / (fanIn + fanOut))), target, v);
                } else {
                    fillWhole(d.resolve(target), target, v);
                    forgetGate(layer, p, v, h);
                }
            }
            default -> fillWhole(framework.resolve(target), target, v);
        }
    }

    private static void torch(RecurrentLayer layer, Parameter p, long seed, float[] v, Target target, int h) {
        double bound = 1 / Math.sqrt(h);
        Initializer u = new Uniform(-bound, bound);
        String prefix =
                layer.weightIh().path().substring(0, layer.weightIh().path().length() - ".weight_ih".length());
        int rows = layer.bias().value().length;
        if (p == layer.bias() || (layer instanceof Gru g && p == g.biasHn())) {
            float[] ih = new float[rows];
            float[] hh = new float[rows];
            fillWhole(u, vector(rows, seed, prefix + ".bias_ih_l0"), ih);
            fillWhole(u, vector(rows, seed, prefix + ".bias_hh_l0"), hh);
            boolean gru = layer instanceof Gru;
            int summed = gru ? 2 * h : rows;
            if (p == layer.bias()) {
                for (int i = 0; i < rows; i++) {
                    v[i] = i < summed ? ih[i] + hh[i] : ih[i];
                }
            } else {
                System.arraycopy(hh, summed, v, 0, h);
            }
            return;
        }
        fillWhole(u, target, v);
    }

    private static Target vector(int length, long seed, String path) {
        return new Target(Shape.of(length), Layout.PYTORCH, 1, false, Role.BIAS, null, seed, path);
    }

    private static void forgetGate(RecurrentLayer layer, Parameter p, float[] v, int h) {
        if (layer instanceof Lstm && p == layer.bias()) {
            Arrays.fill(v, h, 2 * h, 1f);
        }
    }

    private static void fillWhole(Initializer init, Target target, float[] v) {
        Fill.range(init, target, 0, v.length, v, 0, 1);
    }
}
