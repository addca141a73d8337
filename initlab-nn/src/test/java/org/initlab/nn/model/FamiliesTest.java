package org.initlab.nn.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.Parameter;
import org.initlab.nn.PerStep;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The six short names expand to exactly the models the regex parser built before the model
 * language ({@link LegacyFamilies}): the same layer kinds in the same nesting, the same parameter
 * paths, shapes and roles, and the same values after the default plan for a seed.
 */
class FamiliesTest {
    @ParameterizedTest
    @ValueSource(
            strings = {
                "mlp(784,[256,128],10,act=relu)",
                "mlp(2,[],3)",
                "mlp(4,[8],2,act=tanh)",
                "mlp(3,[5,5,5],2,act=leaky_relu)",
                "resmlp(6,8,3,2)",
                "resmlp(4,16,2,3,act=tanh,scale=true)",
                "cnn(1,28,28,10)",
                "cnn(3,10,9,4)",
                "rnn(3,8,2)",
                "lstm(4,16,3)",
                "gru(2,5,7)",
                "lstm(5,8,4,steps=all)",
                "gru(3,6,2,steps=last)",
                "RNN(3, 8, 2, steps=all)"
            })
    void familyIsTheModelItWasBefore(String spec) {
        Sequential expected = LegacyFamilies.parse(spec);
        Sequential actual = ModelBuilder.build(spec).model();
        assertThat(structure(actual)).isEqualTo(structure(expected));
        InitPlan.defaults().apply(expected, 11);
        InitPlan.defaults().apply(actual, 11);
        List<Parameter> e = expected.parameters();
        List<Parameter> a = actual.parameters();
        assertThat(a).hasSameSizeAs(e);
        for (int i = 0; i < e.size(); i++) {
            assertThat(a.get(i).path()).isEqualTo(e.get(i).path());
            assertThat(a.get(i).shape()).isEqualTo(e.get(i).shape());
            assertThat(a.get(i).role()).isEqualTo(e.get(i).role());
            if (e.get(i).shape().rank() > 1 || e.get(i).role() == org.initlab.core.init.Role.BIAS) {
                assertThat(a.get(i).target(11).fans())
                        .as(e.get(i).path())
                        .isEqualTo(e.get(i).target(11).fans());
            }
            assertThat(a.get(i).value())
                    .as(e.get(i).path())
                    .containsExactly(e.get(i).value());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mlp(784,[256,128],10,act=relu)",
                "resmlp(4,16,2,3,act=tanh,scale=true)",
                "cnn(1,28,28,10)",
                "lstm(5,8,4,steps=all)"
            })
    void familyFormatsBackToItsShortName(String spec) {
        LayerSpec parsed = ModelLanguage.parse(spec);
        assertThat(parsed).isInstanceOf(Family.class);
        assertThat(ModelLanguage.parse(ModelLanguage.format(parsed))).isEqualTo(parsed);
        assertThat(ModelLanguage.parse(ModelLanguage.format(((Family) parsed).expand())))
                .isEqualTo(((Family) parsed).expand());
    }

    /** The layer kinds, nested, as one string: {@code dense,activation,residual[dense,activation,dense],...}. */
    private static String structure(Layer layer) {
        return switch (layer) {
            case Sequential s ->
                String.join(
                        ",", s.layers().stream().map(FamiliesTest::structure).toList());
            case Residual r -> "residual[" + structure(r.branch()) + "]";
            case PerStep p -> "per_step[" + structure(p.inner()) + "]";
            default ->
                layer.kind() + layer.parameters().stream().map(Parameter::path).toList();
        };
    }
}
