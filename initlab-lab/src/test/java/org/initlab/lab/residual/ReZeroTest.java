package org.initlab.lab.residual;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.initlab.core.init.HeNormal;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Layer;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.junit.jupiter.api.Test;

class ReZeroTest {
    private static final String SPEC = "resmlp(24,64,10,6,act=relu,scale=true)";

    @Test
    void everyAlphaIsExactlyZeroAndEveryOtherParameterIsTheDefaultPlans() {
        Sequential model = ModelSpec.parse(SPEC);
        for (Parameter p : model.parameters()) {
            java.util.Arrays.fill(p.value(), 7f);
        }
        ReZero.plan(model).apply(model, 13);
        Sequential plain = ModelSpec.parse(SPEC);
        InitPlan.defaults().apply(plain, 13);
        int alphas = 0;
        for (int i = 0; i < model.parameters().size(); i++) {
            Parameter p = model.parameters().get(i);
            if (p.path().endsWith(".alpha")) {
                alphas++;
                assertThat(p.value()).as(p.path()).containsExactly(0f);
                assertThat(plain.parameters().get(i).value())
                        .as("the default would be 1")
                        .containsExactly(1f);
            } else {
                assertThat(p.value())
                        .as(p.path())
                        .isEqualTo(plain.parameters().get(i).value());
            }
        }
        assertThat(alphas).isEqualTo(10);
    }

    @Test
    void theForwardPassEqualsTheStemAndOutputLayersAlone() {
        Sequential model = ModelSpec.parse(SPEC);
        ReZero.plan(model).apply(model, 4);
        Tensor x = ResidualStream.gaussianInput(32, 24, 4);
        List<Layer> layers = model.layers();
        // with α = 0 each block is the identity and relu(relu(h)) = relu(h)
        Tensor stem = layers.get(1).forward(layers.get(0).forward(x, false), false);
        Tensor expected = layers.get(layers.size() - 1).forward(stem, false);
        assertThat(model.forward(x, false).data()).isEqualTo(expected.data());
        assertThat(expected.data()).as("the stem path is not trivially zero").isNotEqualTo(new float[expected.size()]);
    }

    @Test
    void theAlphaRuleGoesAheadOfAnyBasePlan() {
        Sequential model = ModelSpec.parse(SPEC);
        InitPlan plan = ReZero.plan(model, InitPlan.allWeights(new HeNormal()));
        assertThat(plan.rules().get(0)).isEqualTo(ReZero.ALPHA_ZERO);
        plan.apply(model, 1);
        assertThat(model.parameters())
                .filteredOn(p -> p.path().endsWith(".alpha"))
                .allSatisfy(p -> assertThat(p.value()).containsExactly(0f));
    }

    @Test
    void rejectsAModelWithoutBranchScales() {
        assertThatThrownBy(() -> ReZero.plan(ModelSpec.parse("resmlp(24,64,10,6,act=relu)")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("scale=true")
                .hasMessageContaining("residual");
    }
}
