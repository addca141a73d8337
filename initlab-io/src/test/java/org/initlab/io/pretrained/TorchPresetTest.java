package org.initlab.io.pretrained;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.initlab.core.init.TorchDefault;
import org.initlab.io.StateDict;
import org.initlab.nn.Conv2D;
import org.initlab.nn.Dense;
import org.initlab.nn.Gru;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.Lstm;
import org.initlab.nn.Sequential;
import org.initlab.nn.SimpleRNN;
import org.junit.jupiter.api.Test;

/**
 * {@code torch_default} on whole modules against PyTorch constructing the same modules
 * ({@code presets_torch.safetensors}, made by {@code scripts/torch_roundtrip.py} with
 * {@code torch.manual_seed(11)}): for every tensor, the engine's values (through
 * {@link TorchStateDict}, as exported) and PyTorch's pass a two-sample Kolmogorov–Smirnov test at
 * significance 0.001 (critical distance {@code 1.949·sqrt((n + m)/(n·m))}), and both stay within
 * PyTorch's documented bound ({@code 1/sqrt(fan_in)}; {@code 1/sqrt(hidden)} for recurrent tensors,
 * twice that for a sum of two biases). PyTorch's two recurrent biases are compared through what the cell
 * computes with, their sum (the GRU's {@code n} rows apart). Seed fixed (5), so the test is
 * deterministic; a law off by the factor at stake (input weights {@code 1/sqrt(input)} instead of
 * {@code 1/sqrt(hidden)}, zero biases) fails it by far.
 */
class TorchPresetTest {
    private static final double KS_C_001 = 1.949;

    private static float[] torch(StateDict ref, String key) {
        return ref.arrays().get(key).toFloats();
    }

    private static float[] sum(float[] a, float[] b, int from, int to) {
        float[] out = new float[to - from];
        for (int i = from; i < to; i++) {
            out[i - from] = a[i] + b[i];
        }
        return out;
    }

    private static StateDict engine(Layer layer) {
        Sequential net = new Sequential(List.of(layer));
        InitPlan.allWeights(new TorchDefault()).apply(net, 5);
        return TorchStateDict.of(net);
    }

    /** Two-sample Kolmogorov–Smirnov distance. */
    static double ks(float[] x, float[] y) {
        double[] a = new double[x.length];
        double[] b = new double[y.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = x[i];
        }
        for (int i = 0; i < b.length; i++) {
            b[i] = y[i];
        }
        Arrays.sort(a);
        Arrays.sort(b);
        int i = 0;
        int j = 0;
        double d = 0;
        while (i < a.length && j < b.length) {
            double v = Math.min(a[i], b[j]);
            while (i < a.length && a[i] <= v) {
                i++;
            }
            while (j < b.length && b[j] <= v) {
                j++;
            }
            d = Math.max(d, Math.abs((double) i / a.length - (double) j / b.length));
        }
        return d;
    }

    private static void sameLaw(String what, float[] ours, float[] theirs, double bound) {
        double critical =
                KS_C_001 * Math.sqrt((double) (ours.length + theirs.length) / ((double) ours.length * theirs.length));
        assertThat(ks(ours, theirs))
                .as("KS distance of %s (n=%d, m=%d)", what, ours.length, theirs.length)
                .isLessThan(critical);
        for (float[] values : List.of(ours, theirs)) {
            for (float v : values) {
                assertThat((double) Math.abs(v))
                        .as("|value| of %s within PyTorch's documented bound", what)
                        .isLessThanOrEqualTo(bound * (1 + 1e-6));
            }
        }
    }

    @Test
    void lstmGruAndRnnFollowPyTorchsLawsTensorByTensor() throws IOException {
        StateDict ref = TorchRoundTripTest.golden("presets_torch.safetensors");
        for (String kind : List.of("lstm", "gru", "rnn")) {
            Layer cell = switch (kind) {
                case "lstm" -> new Lstm(kind, 4, 64);
                case "gru" -> new Gru(kind, 4, 64);
                default -> new SimpleRNN(kind, 4, 64);
            };
            StateDict ours = engine(cell);
            for (String w : List.of("weight_ih_l0", "weight_hh_l0")) {
                sameLaw(kind + "." + w, torch(ours, kind + "." + w), torch(ref, kind + "." + w), 1 / 8.0);
            }
            float[] ih = torch(ref, kind + ".bias_ih_l0");
            float[] hh = torch(ref, kind + ".bias_hh_l0");
            float[] ourIh = torch(ours, kind + ".bias_ih_l0");
            float[] ourHh = torch(ours, kind + ".bias_hh_l0");
            int summed = kind.equals("gru") ? 128 : ih.length;
            // the engine exports the sum as bias_ih and zero as bias_hh (GRU n rows: b_hn)
            sameLaw(kind + " b_ih + b_hh", Arrays.copyOf(ourIh, summed), sum(ih, hh, 0, summed), 2 / 8.0);
            if (kind.equals("gru")) {
                sameLaw(
                        "gru b_ih n rows",
                        Arrays.copyOfRange(ourIh, 128, 192),
                        Arrays.copyOfRange(ih, 128, 192),
                        1 / 8.0);
                sameLaw("gru b_hn", Arrays.copyOfRange(ourHh, 128, 192), Arrays.copyOfRange(hh, 128, 192), 1 / 8.0);
            }
        }
    }

    @Test
    void denseAndConvolutionBiasesAreDrawnAsPyTorchDrawsThem() throws IOException {
        StateDict ref = TorchRoundTripTest.golden("presets_torch.safetensors");
        StateDict linear = engine(new Dense("linear", 20, 30));
        StateDict conv = engine(new Conv2D("conv", 3, 8, 5, 1, 0, 1));
        for (String p : List.of("weight", "bias")) {
            sameLaw("linear." + p, torch(linear, "linear." + p), torch(ref, "linear." + p), 1 / Math.sqrt(20));
            sameLaw("conv." + p, torch(conv, "conv." + p), torch(ref, "conv." + p), 1 / Math.sqrt(3 * 25));
        }
    }

    @Test
    void theTestRejectsTheOldLawOfInputWeights() throws IOException {
        // U(±1/sqrt(input)) = U(±0.5) for input 4, against PyTorch's U(±1/8): the KS test must see it
        StateDict ref = TorchRoundTripTest.golden("presets_torch.safetensors");
        float[] wrong = torch(ref, "lstm.weight_ih_l0").clone();
        for (int i = 0; i < wrong.length; i++) {
            wrong[i] *= 4;
        }
        float[] theirs = torch(ref, "lstm.weight_ih_l0");
        double critical = KS_C_001 * Math.sqrt(2.0 / theirs.length);
        assertThat(ks(wrong, theirs)).isGreaterThan(critical);
    }
}
