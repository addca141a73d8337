package org.initlab.lab.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.initlab.core.init.Distribution;
import org.initlab.core.init.HeNormal;
import org.initlab.core.init.Mode;
import org.initlab.core.init.Ones;
import org.initlab.core.init.VarianceScaling;
import org.initlab.core.init.Zeros;
import org.initlab.core.random.RandomStream;
import org.initlab.core.random.Samplers;
import org.initlab.nn.Adam;
import org.initlab.nn.Conv2D;
import org.initlab.nn.Losses;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.junit.jupiter.api.Test;

/** μP against Tensor Programs V, Table 3, and its defining property: updates of O(1) at any width. */
class MupTest {

    @Test
    void multipliersAndInitsFollowTableThreeForAnMlp() {
        // mlp(8,[256,256],4) against the base mlp(8,[64,64],4): every width ratio is 4.
        List<Mup.Entry> t =
                Mup.table(ModelSpec.parse("mlp(8,[256,256],4,act=relu)"), ModelSpec.parse("mlp(8,[64,64],4,act=relu)"));
        assertThat(t)
                .extracting(Mup.Entry::path)
                .containsExactly("0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias");
        assertThat(t)
                .extracting(Mup.Entry::kind)
                .containsExactly(
                        Mup.Kind.INPUT,
                        Mup.Kind.VECTOR,
                        Mup.Kind.HIDDEN,
                        Mup.Kind.VECTOR,
                        Mup.Kind.OUTPUT,
                        Mup.Kind.FINITE);
        // Table 3 over its base value: SGD fan_out, fan_out, 1, fan_out, 1/fan_in, 1 (finite).
        assertThat(t).extracting(Mup.Entry::sgdScale).containsExactly(4.0, 4.0, 1.0, 4.0, 0.25, 1.0);
        // Adam: 1, 1, 1/fan_in, 1, 1/fan_in, 1.
        assertThat(t).extracting(Mup.Entry::adamScale).containsExactly(1.0, 1.0, 0.25, 1.0, 0.25, 1.0);
        // Init: gain²/fan_in for input and hidden (ReLU follows: gain² = 2), 1/fan_in · 1/4 for the
        // output (nothing follows: gain 1); biases zero as in SP.
        assertThat(t.get(0).initializer()).isEqualTo(new HeNormal());
        assertThat(t.get(2).initializer()).isEqualTo(new HeNormal());
        assertThat(((HeNormal) t.get(0).initializer()).asVarianceScaling().scale())
                .isCloseTo(2, within(1e-15));
        assertThat(scale(t.get(4))).isEqualTo(0.25);
        assertThat(t.get(1).initializer()).isEqualTo(new Zeros());
        assertThat(t.get(5).initializer()).isEqualTo(new Zeros());
    }

    private static double scale(Mup.Entry e) {
        VarianceScaling v = (VarianceScaling) e.initializer();
        assertThat(v.mode()).isEqualTo(Mode.FAN_IN);
        assertThat(v.distribution()).isEqualTo(Distribution.NORMAL);
        return v.scale();
    }

    @Test
    void atTheBaseWidthMupIsTheStandardParametrization() {
        Sequential m = ModelSpec.parse("mlp(8,[64,64],4,act=relu)");
        for (Mup.Entry e : Mup.table(m, ModelSpec.parse("mlp(8,[64,64],4,act=relu)"))) {
            assertThat(e.kind()).isEqualTo(Mup.Kind.FINITE);
            assertThat(e.sgdScale()).isEqualTo(1.0);
            assertThat(e.adamScale()).isEqualTo(1.0);
        }
    }

    @Test
    void residualBlocksAndNormalizationVectorsAreClassifiedByTheirAxes() {
        List<Mup.Entry> t = Mup.table(
                ModelSpec.parse("resmlp(8,128,1,3,scale=true)"), ModelSpec.parse("resmlp(8,32,1,3,scale=true)"));
        // 0 input, 2.0/2.2 hidden in the branch, 2.alpha a scalar (finite), 4 output.
        assertThat(t)
                .extracting(e -> e.path() + ":" + e.kind())
                .containsExactly(
                        "0.weight:INPUT",
                        "0.bias:VECTOR",
                        "2.0.weight:HIDDEN",
                        "2.0.bias:VECTOR",
                        "2.2.weight:HIDDEN",
                        "2.2.bias:VECTOR",
                        "2.alpha:FINITE",
                        "4.weight:OUTPUT",
                        "4.bias:FINITE");
        assertThat(t.get(6).initializer()).isEqualTo(new Ones());
        assertThat(t.get(4).adamScale()).isEqualTo(0.25);
        assertThat(t.get(3).sgdScale()).isEqualTo(4.0);
    }

    @Test
    void applySetsInitAndTheFamilysRates() {
        Sequential m = ModelSpec.parse("mlp(8,[256,256],4,act=relu)");
        Mup.apply(m, ModelSpec.parse("mlp(8,[64,64],4,act=relu)"), 3, Mup.Family.SGD);
        assertThat(m.parameters()).extracting(Parameter::lrScale).containsExactly(4.0, 4.0, 1.0, 4.0, 0.25, 1.0);
        float[] out = m.parameters().get(4).value();
        double ss = 0;
        for (float v : out) {
            ss += v * v;
        }
        // 1024 draws of N(0, 1/(256·4)): the sample variance is within 5 standard errors
        // (sqrt(2/1024) relative) of the law's.
        assertThat(ss / out.length * 1024).isCloseTo(1, within(5 * Math.sqrt(2.0 / 1024)));
    }

    @Test
    void optimizerNamesMapToTheirFamilies() {
        assertThat(Mup.family("sgd(lr=0.1, momentum=0.9)")).isEqualTo(Mup.Family.SGD);
        assertThat(Mup.family("AdamW(lr=1e-3)")).isEqualTo(Mup.Family.ADAM);
        assertThat(Mup.family("rmsprop")).isEqualTo(Mup.Family.ADAM);
        assertThatThrownBy(() -> Mup.family("lamb")).hasMessageContaining("unknown optimizer 'lamb'");
    }

    @Test
    void mismatchedModelsAreRejectedWithTheReason() {
        assertThatThrownBy(() -> Mup.table(ModelSpec.parse("mlp(8,[64,64],4)"), ModelSpec.parse("mlp(8,[64],4)")))
                .hasMessageContaining("same structure");
        Sequential k3 = new Sequential(List.of(new Conv2D("0", 1, 8, 3, 1, 1, 1)));
        Sequential k5 = new Sequential(List.of(new Conv2D("0", 1, 8, 5, 1, 2, 1)));
        assertThatThrownBy(() -> Mup.table(k5, k3))
                .hasMessageContaining("0.weight")
                .hasMessageContaining("axis 2")
                .hasMessageContaining("only widths may differ");
    }

    /** RMS over the batch of the change of the output after one Adam step at {@code lr}. */
    private static double outputChange(int width, boolean mup, long seed) {
        Sequential m = ModelSpec.parse("mlp(16,[" + width + "," + width + "],1,act=relu)");
        // SP is μP with the model as its own base: the same fan_in laws, every multiplier 1.
        Mup.apply(m, mup ? ModelSpec.parse("mlp(16,[64,64],1,act=relu)") : m, seed, Mup.Family.ADAM);
        int n = 32;
        float[] x = new float[n * 16];
        float[] y = new float[n];
        Samplers.normal(RandomStream.of(seed, "x"), 0, x.length, 0, 1, x, 0);
        Samplers.normal(RandomStream.of(seed, "y"), 0, y.length, 0, 1, y, 0);
        Tensor input = new Tensor(x, n, 16);
        Tensor before = m.forward(input, true);
        m.zeroGrad();
        m.backward(Losses.meanSquaredError(before, new Tensor(y, n, 1)).gradient());
        new Adam(0.01).step(m.parameters(), 1);
        float[] after = m.forward(input, false).data();
        double ss = 0;
        for (int i = 0; i < n; i++) {
            double d = after[i] - before.data()[i];
            ss += d * d;
        }
        return Math.sqrt(ss / n);
    }

    /**
     * The defining property of μP (Yang et al. 2022, section 3 and Figure 1's premise): after one
     * Adam step the network's output moves by O(1) whatever the width, while under the standard
     * parametrization it grows with width (every one of the fan_in coordinates of a hidden weight
     * row moves by about lr, in a correlated direction, so a hidden unit moves by O(fan_in · lr)).
     * mlp(16,[w,w],1,act=relu), one Adam step at lr 0.01 on 32 regression examples, RMS output
     * change averaged over seeds 11..13, widths 64 to 1024 (ratio 16). Measured when written: μP
     * 1.02, 1.04, 1.32, 1.07, 1.05; SP 1.02 (the same network at the base), 2.76, 8.74, 21.5,
     * 60.7 (about width^1.5). Thresholds: μP within a factor 2 of its width-64
     * value at every width; SP at 1024 more than 6 times SP at 64 (linear growth alone gives 16).
     */
    @Test
    void oneAdamStepMovesTheOutputByOrderOneUnderMupAndGrowsWithWidthUnderSp() {
        int[] widths = {64, 128, 256, 512, 1024};
        double[] mup = new double[widths.length];
        double[] sp = new double[widths.length];
        for (int w = 0; w < widths.length; w++) {
            for (long seed = 11; seed < 14; seed++) {
                mup[w] += outputChange(widths[w], true, seed) / 3;
                sp[w] += outputChange(widths[w], false, seed) / 3;
            }
        }
        for (int w = 1; w < widths.length; w++) {
            assertThat(mup[w] / mup[0]).as("muP at width " + widths[w]).isBetween(0.5, 2.0);
        }
        assertThat(sp[widths.length - 1] / sp[0])
                .as("SP growth from 64 to 1024")
                .isGreaterThan(6);
        assertThat(sp[0]).as("identical at the base width").isEqualTo(mup[0]);
    }
}
