package org.initlab.core.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RegistryTest {

    @Test
    void everyPermittedRecordIsRegisteredOnceWithAMethodCard() {
        Set<String> names = new HashSet<>();
        for (Registry.Kind k : Registry.kinds()) {
            assertThat(names.add(k.name())).as("duplicate name " + k.name()).isTrue();
            assertThat(k.name()).matches("[a-z][a-z0-9_]*");
            MethodCard card = MethodCard.of(k);
            assertThat(card.get("law")).as("law of " + k.name()).isNotBlank();
            assertThat(card.get("use")).as("use of " + k.name()).isNotBlank();
        }
        assertThat(Registry.kinds()).hasSize(27);
    }

    @Test
    void defaultsPrintAsTheBareName() {
        for (Registry.Kind k : Registry.kinds()) {
            assertThat(Registry.format(k.defaults())).isEqualTo(k.name());
            assertThat(Registry.parse(k.name())).isEqualTo(k.defaults());
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "he_normal(mode=fan_out, nonlinearity=leaky_relu, negative_slope=0.1)",
                "he_uniform(gain=1.5)",
                "he_normal(truncated=true)",
                "glorot_uniform(gain=1.6666666666666667)",
                "normal(std=0.01)",
                "normal(mean=-0.5, std=2)",
                "uniform(low=-0.05, high=0.05)",
                "truncated_normal(std=0.02, low=-3, high=1.5)",
                "truncated_normal_absolute(std=0.02, a=-0.04, b=0.04)",
                "variance_scaling(scale=2, mode=fan_avg, distribution=uniform)",
                "variance_scaling(mode=fan_geo_avg)",
                "constant(value=0.1)",
                "constant(value=-0.0)",
                "orthogonal(gain=1.4142135623730951)",
                "sparse(sparsity=0.5, std=1e-4)",
                "dirac(groups=2)",
                "identity(gain=3)",
                "selu(truncated=true)",
            })
    void canonicalSpecsPrintBackIdentically(String spec) {
        Initializer init = Registry.parse(spec);
        assertThat(Registry.format(init)).isEqualTo(spec);
        assertThat(Registry.parse(Registry.format(init))).isEqualTo(init);
    }

    @Test
    void aliasesPositionalArgumentsAndCaseAreAccepted() {
        assertThat(Registry.parse("kaiming_normal")).isEqualTo(new HeNormal());
        assertThat(Registry.parse("Xavier_Uniform(2)")).isEqualTo(new GlorotUniform(2));
        assertThat(Registry.parse("uniform(-1, 1)")).isEqualTo(new Uniform(-1, 1));
        assertThat(Registry.parse("trunc_normal(0, 0.02, -0.04, 0.04)"))
                .isEqualTo(new TruncatedNormalAbsolute(0, 0.02, -0.04, 0.04));
        assertThat(Registry.parse(" kaiming_uniform( mode = FAN_OUT ) "))
                .isEqualTo(new HeUniform(Mode.FAN_OUT, "relu", 0, Double.NaN));
        assertThat(Registry.format(Registry.parse("xavier_normal"))).isEqualTo("glorot_normal");
    }

    @Test
    void unknownNamesGetASuggestionAndTheValidList() {
        assertThatThrownBy(() -> Registry.parse("he_norml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown initializer 'he_norml'")
                .hasMessageContaining("did you mean 'he_normal'")
                .hasMessageContaining("valid: zeros, ones");
    }

    @Test
    void lawsJustInsideFloat32AreAcceptedAndDrawFiniteValues() {
        // |z| < 6.34 is the normal sampler's reach (Samplers.normal): 6.34 * 5e37 = 3.17e38 < 3.4028235e38
        assertThat(Fill.NORMAL_Z_MAX).isBetween(6.33, 6.34);
        for (String spec : new String[] {
            "constant(value=3.4e38)",
            "normal(std=5e37)",
            "uniform(low=-3.4e38, high=3.4e38)",
            "variance_scaling(scale=1e75, distribution=normal)"
        }) {
            float[] w = Fill.tensor(Registry.parse(spec), Target.of(64, 64));
            for (float v : w) {
                assertThat(Float.isFinite(v)).as(spec).isTrue();
            }
        }
    }

    @Test
    void badArgumentsSayWhatWasWrong() {
        List<String[]> cases = List.of(
                new String[] {"normal(sd=0.1)", "unknown argument 'sd' for normal"},
                new String[] {"normal(std=abc)", "std must be a number, got 'abc'"},
                new String[] {"normal(std=-1)", "std must be > 0, got -1.0"},
                new String[] {"uniform(low=1, high=0)", "low must be < high"},
                new String[] {"he_normal(mode=fan_inn)", "did you mean 'fan_in'"},
                new String[] {"he_normal(nonlinearity=rleu)", "did you mean 'relu'"},
                new String[] {"he_normal(truncated=maybe)", "must be true or false"},
                new String[] {"zeros(1)", "zeros takes 0 argument(s)"},
                new String[] {"normal(std=1, std=2)", "given twice"},
                new String[] {"normal(std=0.1", "missing ')'"},
                new String[] {"", "empty initializer spec"},
                new String[] {"sparse(sparsity=1)", "sparsity must be in [0, 1)"},
                new String[] {"dirac(groups=0)", "groups must be >= 1"},
                new String[] {"normal(std=1, STD=2)", "bad spec 'normal(std=1, STD=2)': argument 'std' given twice"},
                new String[] {"normal(mean=0,,std=1)", "empty argument"},
                // laws whose draws cannot all be finite in float32 (largest finite value 3.4028235e38)
                new String[] {
                    "constant(value=1e39)",
                    "constant: draws reach |value| = 1e39, beyond float32's largest" + " finite value 3.4028235e38"
                },
                new String[] {"constant(value=-1e39)", "3.4028235e38"},
                new String[] {"normal(mean=1e308,std=1e308)", "normal: draws reach |mean| + 6.34·std"},
                new String[] {"normal(std=6e37)", "3.4028235e38"},
                new String[] {"uniform(low=0, high=1e39)", "uniform: draws reach max(|low|, |high|)"},
                new String[] {"truncated_normal(mean=3e38, std=1e38)", "truncated_normal: draws reach"},
                new String[] {"trunc_normal(a=-1e39, b=0)", "truncated_normal_absolute: draws reach"},
                new String[] {"identity(gain=1e39)", "identity: draws reach"},
                new String[] {"orthogonal(gain=1e39)", "orthogonal: draws reach"},
                new String[] {"sparse(std=1e38)", "sparse: draws reach"},
                new String[] {"variance_scaling(scale=1e76)", "variance_scaling: draws reach 6.34·sqrt(scale)"});
        for (String[] c : cases) {
            assertThatThrownBy(() -> Registry.parse(c[0]))
                    .as(c[0])
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(c[1]);
        }
    }
}
