package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.initlab.core.gain.Activation;
import org.junit.jupiter.api.Test;

class InitPlanFilterTest {

    private static Sequential model() {
        Sequential branch = new Sequential(List.of(
                new Dense("1.0", 6, 6), new ActivationLayer(Activation.TANH, Double.NaN), new Dense("1.2", 6, 6)));
        return new Sequential(List.of(
                new Dense("0", 4, 6),
                new ActivationLayer(Activation.RELU, Double.NaN),
                new Residual("1", branch, true),
                new Dense("2", 6, 3)));
    }

    @Test
    void includedParametersGetExactlyTheFullPlansValuesAndTheOthersAreUntouched() {
        Sequential full = model();
        InitPlan.defaults().apply(full, 17);
        Sequential part = model();
        for (Parameter p : part.parameters()) {
            Arrays.fill(p.value(), 42f);
        }
        InitPlan.defaults()
                .apply(part, 17, p -> p.path().startsWith("1.") || p.path().equals("2.bias"));

        List<Parameter> expected = full.parameters();
        List<Parameter> actual = part.parameters();
        int included = 0;
        for (int i = 0; i < expected.size(); i++) {
            Parameter p = actual.get(i);
            boolean in = p.path().startsWith("1.") || p.path().equals("2.bias");
            if (in) {
                included++;
                assertThat(p.value()).as(p.path()).isEqualTo(expected.get(i).value());
            } else {
                float[] untouched = new float[p.value().length];
                Arrays.fill(untouched, 42f);
                assertThat(p.value()).as(p.path()).isEqualTo(untouched);
            }
        }
        assertThat(included).isEqualTo(6); // 1.0.weight/bias, 1.2.weight/bias, 1.alpha, 2.bias
    }
}
