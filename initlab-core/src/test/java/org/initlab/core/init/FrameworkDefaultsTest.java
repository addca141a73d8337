package org.initlab.core.init;

import static org.assertj.core.api.Assertions.assertThat;

import org.initlab.core.shape.Fans;
import org.initlab.core.shape.Layout;
import org.junit.jupiter.api.Test;

class FrameworkDefaultsTest {

    @Test
    void torchLinearAndConvUseUniformOneOverSqrtFanIn() {
        assertThat(new TorchDefault().resolve(Target.of(256, 784)))
                .isEqualTo(new Uniform(-1 / Math.sqrt(784), 1 / Math.sqrt(784)));
        assertThat(new TorchDefault().resolve(Target.of(64, 32, 3, 3)))
                .isEqualTo(new Uniform(-1 / Math.sqrt(288), 1 / Math.sqrt(288)));
    }

    @Test
    void torchBiasUsesItsWeightsFanIn() {
        Target bias = Target.of(256).withRole(Role.BIAS).withFans(Fans.explicit(784, 256));
        assertThat(new TorchDefault().resolve(bias)).isEqualTo(new Uniform(-1 / Math.sqrt(784), 1 / Math.sqrt(784)));
    }

    @Test
    void torchTransposedConvolutionUsesPyTorchsOwnFanIn() {
        // ConvTranspose2d(32 -> 64, k=4): weight [32, 64, 4, 4]; PyTorch's fan_in reads size(1)*16 = 1024.
        Target t = Target.of(32, 64, 4, 4).withTransposed(true);
        assertThat(new TorchDefault().resolve(t)).isEqualTo(new Uniform(-1 / 32.0, 1 / 32.0));
    }

    @Test
    void rolesSelectTheFrameworksLaw() {
        Target w = Target.of(10, 20).withLayout(Layout.KERAS);
        assertThat(new KerasDefault().resolve(w)).isEqualTo(new GlorotUniform());
        assertThat(new KerasDefault().resolve(w.withRole(Role.RECURRENT))).isEqualTo(new Orthogonal());
        assertThat(new KerasDefault().resolve(w.withRole(Role.BIAS))).isEqualTo(new Zeros());
        assertThat(new KerasDefault().resolve(w.withRole(Role.EMBEDDING))).isEqualTo(new Uniform(-0.05, 0.05));
        assertThat(new FlaxDefault().resolve(w)).isEqualTo(new LecunNormal(true));
        assertThat(new FlaxDefault().resolve(Target.of(1000, 64).withRole(Role.EMBEDDING)))
                .isEqualTo(new Normal(0, 0.125));
        assertThat(new Dl4jDefault().resolve(w)).isEqualTo(new GlorotNormal());
        assertThat(new DjlDefault().resolve(Target.of(10, 50))).isEqualTo(new Normal(0, Math.sqrt(2.0 / 50)));
        assertThat(new TorchDefault().resolve(w.withRole(Role.EMBEDDING))).isEqualTo(new Normal(0, 1));
        for (FrameworkDefault d : new FrameworkDefault[] {
            new TorchDefault(), new KerasDefault(), new FlaxDefault(), new Dl4jDefault(), new DjlDefault()
        }) {
            assertThat(d.resolve(w.withRole(Role.NORM_SCALE))).isEqualTo(new Ones());
            assertThat(d.resolve(w.withRole(Role.NORM_SHIFT))).isEqualTo(new Zeros());
        }
    }
}
