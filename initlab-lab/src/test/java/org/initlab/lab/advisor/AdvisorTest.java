package org.initlab.lab.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.initlab.core.init.Fill;
import org.initlab.core.init.Registry;
import org.initlab.lab.advisor.Advisor.Options;
import org.initlab.lab.advisor.Advisor.ResidualScheme;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;
import org.junit.jupiter.api.Test;

class AdvisorTest {
    private static Map<String, ParameterAdvice> byPath(Advice a) {
        return a.parameters().stream().collect(Collectors.toMap(ParameterAdvice::path, Function.identity()));
    }

    @Test
    void reluLayersGetHeTheOutputLayerGlorotBiasesZero() {
        Advice a = Advisor.advise(ModelSpec.parse("mlp(10,[20,20],3,act=relu)"), Options.defaults());
        Map<String, ParameterAdvice> m = byPath(a);
        assertThat(m.get("0.weight").initializer()).startsWith("he_normal");
        assertThat(m.get("0.weight").reason()).contains("He").contains("2/fan_in");
        assertThat(m.get("4.weight").initializer()).startsWith("glorot_uniform");
        assertThat(m.get("4.weight").activation()).isEqualTo("linear");
        assertThat(m.get("0.bias").initializer()).isEqualTo("zeros");
    }

    @Test
    void seluGetsLecunNormalTanhGlorotGeluAComputedGain() {
        assertThat(byPath(Advisor.advise(ModelSpec.parse("mlp(10,[20],3,act=selu)"), Options.defaults()))
                        .get("0.weight")
                        .initializer())
                .startsWith("selu");
        assertThat(byPath(Advisor.advise(ModelSpec.parse("mlp(10,[20],3,act=tanh)"), Options.defaults()))
                        .get("0.weight")
                        .initializer())
                .startsWith("glorot_uniform");
        ParameterAdvice gelu = byPath(Advisor.advise(ModelSpec.parse("mlp(10,[20],3,act=gelu)"), Options.defaults()))
                .get("0.weight");
        assertThat(gelu.initializer()).contains("gelu");
        assertThat(gelu.reason()).contains("variance-preserving gain 1.53");
    }

    @Test
    void recurrentWeightsAreOrthogonalAndTheLstmForgetGateStartsAtOne() {
        Advice a = Advisor.advise(ModelSpec.parse("lstm(4,16,2)"), Options.defaults());
        assertThat(byPath(a).get("0.weight_hh").initializer()).startsWith("orthogonal");
        ParameterAdvice bias = byPath(a).get("0.bias");
        assertThat(bias.initializer()).isEqualTo("lstm_forget_bias");
        assertThat(bias.reason())
                .contains("Jozefowicz")
                .contains("0.bias_ih_l0[16:32] = 1")
                .contains("0.bias_hh_l0 = 0");
        Sequential net = ModelSpec.parse("lstm(4,16,2)");
        a.plan().apply(net, 7);
        float[] b = ((org.initlab.nn.Lstm) net.layers().get(0)).bias().value();
        for (int i = 0; i < b.length; i++) {
            assertThat(b[i]).as("bias[%d] (gates i, f, g, o of 16)", i).isEqualTo(i >= 16 && i < 32 ? 1f : 0f);
        }
        assertThat(byPath(a).get("2.bias").initializer()).isEqualTo("zeros");
        assertThat(byPath(Advisor.advise(ModelSpec.parse("gru(4,16,2)"), Options.defaults()))
                        .get("0.bias")
                        .initializer())
                .as("a GRU has no forget gate")
                .isEqualTo("zeros");
    }

    @Test
    void activationsAreNamedWithTheirParameter() {
        Advice a = Advisor.advise(ModelSpec.parse("seq(dense(4,8), leaky_relu(0.1), dense(2))"), Options.defaults());
        assertThat(byPath(a).get("0.weight").activation()).isEqualTo("leaky_relu(negative_slope=0.1)");
        assertThat(byPath(a).get("0.weight").reason()).contains("negative_slope a = 0.1");
        assertThat(byPath(a).get("2.weight").activation()).isEqualTo("linear");
    }

    @Test
    void lstmInputWeightsFeedTheGatesWhateverActivationFollowsTheLayer() {
        Sequential net = new Sequential(java.util.List.of(
                new org.initlab.nn.Lstm("0", 4, 16),
                new org.initlab.nn.LastStep(),
                new org.initlab.nn.ActivationLayer(org.initlab.core.gain.Activation.RELU, Double.NaN)));
        ParameterAdvice ih = byPath(Advisor.advise(net, Options.defaults())).get("0.weight_ih");
        assertThat(ih.initializer()).isEqualTo("glorot_uniform");
        assertThat(ih.reason()).contains("feed the cell's gates").doesNotContain("output layer");
        ParameterAdvice plain = byPath(Advisor.advise(ModelSpec.parse("lstm(4,16,2)"), Options.defaults()))
                .get("0.weight_ih");
        assertThat(plain.reason()).contains("gates").doesNotContain("output layer");
    }

    @Test
    void embeddingsGetUnitVarianceIntoAWeightLayerAndGpt2sScaleBeforeANormalization() {
        Sequential direct = new Sequential(
                java.util.List.of(new org.initlab.nn.Embedding("0", 50, 8), new org.initlab.nn.Lstm("1", 8, 8)));
        ParameterAdvice d = byPath(Advisor.advise(direct, Options.defaults())).get("0.weight");
        assertThat(d.initializer()).isEqualTo("normal");
        assertThat(d.reason()).contains("calibrated").contains("1/d").contains("0.02");
        Sequential normed = new Sequential(java.util.List.of(
                new org.initlab.nn.Embedding("0", 50, 8), new org.initlab.nn.LayerNorm("1", 8, 1e-5)));
        ParameterAdvice n = byPath(Advisor.advise(normed, Options.defaults())).get("0.weight");
        assertThat(n.initializer()).isEqualTo("normal(std=0.02)");
        assertThat(n.reason()).contains("GPT-2");
        // the plan applies what is printed
        Advice a = Advisor.advise(normed, Options.defaults());
        a.plan().apply(normed, 1);
        double s = 0;
        float[] w = normed.parameters().get(0).value();
        for (float v : w) {
            s += (double) v * v;
        }
        // sample variance of 400 N(0, 0.02²) values: within 5 relative standard deviations (sqrt(2/399)) of 4e-4
        assertThat(s / w.length)
                .isCloseTo(4e-4, org.assertj.core.api.Assertions.within(5 * Math.sqrt(2.0 / 399) * 4e-4));
    }

    @Test
    void deepUnnormalizedResidualStacksGetFixupOrReZero() {
        Advice fixup = Advisor.advise(ModelSpec.parse("resmlp(8,32,6,3,act=relu)"), Options.defaults());
        assertThat(fixup.notes()).anyMatch(n -> n.startsWith("Fixup"));
        assertThat(fixup.parameters())
                .anyMatch(p -> p.initializer().equals("zeros")
                        && p.path().endsWith("weight")
                        && p.reason().contains("Fixup"));
        Advice rezero = Advisor.advise(ModelSpec.parse("resmlp(8,32,6,3,act=relu,scale=true)"), Options.defaults());
        assertThat(rezero.notes()).anyMatch(n -> n.startsWith("ReZero"));
        assertThat(rezero.parameters())
                .filteredOn(p -> p.path().endsWith("alpha"))
                .isNotEmpty()
                .allMatch(p -> p.initializer().equals("zeros"));
        Advice shallow = Advisor.advise(ModelSpec.parse("resmlp(8,32,2,3,act=relu)"), Options.defaults());
        assertThat(shallow.parameters()).noneMatch(p -> p.reason().contains("Fixup"));
        assertThatThrownBy(() -> Advisor.advise(
                        ModelSpec.parse("resmlp(8,32,2,3,act=relu)"), new Options(false, ResidualScheme.REZERO)))
                .hasMessageContaining("scale=true");
    }

    @Test
    void ganModelsGetDcganNormal() {
        Advice a = Advisor.advise(
                ModelSpec.parse("mlp(10,[20],3,act=leaky_relu)"), new Options(true, ResidualScheme.AUTO));
        assertThat(byPath(a).get("0.weight").initializer())
                .isEqualTo(Registry.format(Registry.parse("normal(std=0.02)")));
        assertThat(byPath(a).get("0.weight").reason()).contains("DCGAN");
    }

    @Test
    void thePlanAppliesExactlyWhatIsPrinted() {
        for (String spec : new String[] {
            "mlp(6,[8,8],3,act=elu)", "resmlp(6,8,5,3,act=relu)", "lstm(3,8,2)", "resmlp(6,8,5,3,act=tanh,scale=true)"
        }) {
            Sequential net = ModelSpec.parse(spec);
            Advice a = Advisor.advise(net, Options.defaults());
            a.plan().apply(net, 7);
            Map<String, ParameterAdvice> m = byPath(a);
            assertThat(m).hasSize(net.parameters().size());
            for (Parameter p : net.parameters()) {
                float[] expected = new float[p.value().length];
                Fill.range(
                        Registry.parse(m.get(p.path()).initializer()), p.target(7), 0, expected.length, expected, 0, 1);
                assertThat(p.value()).as(spec + " " + p.path()).containsExactly(expected);
            }
        }
    }
}
