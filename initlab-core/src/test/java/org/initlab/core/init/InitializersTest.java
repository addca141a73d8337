package org.initlab.core.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.initlab.core.gain.Activation;
import org.initlab.core.shape.Shape;
import org.junit.jupiter.api.Test;

/** The embedding API is the registry's records by shorter names: exact equalities, no new laws. */
class InitializersTest {
    @Test
    void theSnippetsFillWhatTheSpecStringsFill() {
        float[] w = Initializers.heNormal().fanOut().sample(Shape.of(256, 784), 42, "encoder.0.weight");
        float[] v = Initializers.parse("glorot_uniform").sample(Shape.of(784, 256), 42, "decoder.0.weight");
        float[] t = Initializers.heNormal()
                .forActivation(Activation.LEAKY_RELU, 0.2)
                .asTruncated()
                .sample(Shape.of(64, 3, 3, 3), 42, "stem.weight");

        assertThat(w)
                .isEqualTo(Fill.tensor(
                        Registry.parse("he_normal(mode=fan_out)"),
                        Target.of(256, 784).withSeed(42).withPath("encoder.0.weight")));
        assertThat(v)
                .isEqualTo(Fill.tensor(
                        Registry.parse("glorot_uniform"),
                        Target.of(784, 256).withSeed(42).withPath("decoder.0.weight")));
        assertThat(t)
                .isEqualTo(Fill.tensor(
                        Registry.parse("he_normal(nonlinearity=leaky_relu, negative_slope=0.2, truncated=true)"),
                        Target.of(64, 3, 3, 3).withSeed(42).withPath("stem.weight")));
    }

    @Test
    void withersGiveTheRecordsTheSpecStringsName() {
        assertThat(Initializers.heNormal().fanOut()).isEqualTo(Registry.parse("he_normal(mode=fan_out)"));
        assertThat(Registry.format(Initializers.heNormal().fanOut())).isEqualTo("he_normal(mode=fan_out)");
        assertThat(Initializers.heUniform().forActivation(Activation.TANH))
                .isEqualTo(Registry.parse("he_uniform(nonlinearity=tanh)"));
        assertThat(Initializers.heUniform().withGain(1.5).withMode(Mode.FAN_AVG))
                .isEqualTo(Registry.parse("he_uniform(gain=1.5, mode=fan_avg)"));
        assertThat(Initializers.heNormal().forActivation(Activation.LEAKY_RELU))
                .isEqualTo(Registry.parse("he_normal(nonlinearity=leaky_relu, negative_slope=0.01)"));
        assertThat(Initializers.normal(0.02)).isEqualTo(Registry.parse("normal(std=0.02)"));
        assertThat(Initializers.truncatedNormal(0.02)).isEqualTo(Registry.parse("truncated_normal(std=0.02)"));
        assertThat(Initializers.orthogonal(2)).isEqualTo(Registry.parse("orthogonal(gain=2)"));
    }

    @Test
    void sampleUsesTheWholeTarget() {
        Target grouped = Target.of(64, 8, 3, 3).withGroups(4).withSeed(7).withPath("conv.weight");
        assertThat(Initializers.heNormal().sample(grouped)).isEqualTo(Fill.tensor(new HeNormal(), grouped, 3));
    }

    @Test
    void badValuesAreRefusedByTheRecords() {
        assertThatThrownBy(() -> Initializers.heNormal().withGain(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("gain");
        assertThatThrownBy(() -> Initializers.normal(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("std");
    }
}
