package org.initlab.io.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.nn.Dataset;
import org.initlab.nn.Labels;
import org.initlab.nn.Tensor;
import org.junit.jupiter.api.Test;

class SyntheticTest {
    private static final List<Synthetic> ALL = List.of(
            new Synthetic.Circles(0.05, 0.5),
            new Synthetic.Moons(0.1),
            new Synthetic.Spirals(3, 0.2),
            new Synthetic.Xor(),
            new Synthetic.Blobs(4, 3, 1, 10),
            new TeacherStudent(5, 8, 2, 2, Activation.RELU, 0.1),
            new AddingProblem(7),
            new CopyMemory(2, 3, 4));

    @Test
    void everyGeneratorIsAPureFunctionOfSeedAndPart() {
        for (Synthetic g : ALL) {
            Dataset a = g.generate(60, 7, "train");
            Dataset b = g.generate(60, 7, "train");
            assertThat(a.features().data())
                    .as(g.name())
                    .containsExactly(b.features().data());
            assertThat(targets(a)).as(g.name()).containsExactly(targets(b));
            assertThat(g.generate(60, 8, "train").features().data())
                    .as(g.name() + " other seed")
                    .isNotEqualTo(a.features().data());
            assertThat(g.generate(60, 7, "test").features().data())
                    .as(g.name() + " other part")
                    .isNotEqualTo(a.features().data());
            // element i draws word i: a smaller draw is the start of a larger one
            Dataset head = g.generate(25, 7, "train");
            assertThat(head.features().data())
                    .as(g.name() + " prefix")
                    .containsExactly(a.head(25).features().data());
            assertThat(targets(head)).containsExactly(targets(a.head(25)));
            assertThat(a.size()).isEqualTo(60);
            assertThat(a.name()).isEqualTo(g.name());
        }
    }

    private static float[] targets(Dataset d) {
        if (d.targets() instanceof Labels.Values v) {
            return v.values().data();
        }
        int[] y = d.labels();
        float[] f = new float[y.length];
        for (int i = 0; i < y.length; i++) {
            f[i] = y[i];
        }
        return f;
    }

    @Test
    void noiselessCirclesLieOnTheTwoRadiiAndClassesAreBalanced() {
        Dataset d = new Synthetic.Circles(0, 0.3).generate(1001, 1, "train");
        assertThat(d.features().shape()).containsExactly(1001, 2);
        float[] x = d.features().data();
        int[] counts = new int[2];
        for (int i = 0; i < d.size(); i++) {
            double r = Math.hypot(x[2 * i], x[2 * i + 1]);
            assertThat(r).isCloseTo(d.labels()[i] == 0 ? 1 : 0.3, within(1e-6));
            counts[d.labels()[i]]++;
        }
        assertThat(counts).containsExactly(501, 500);
    }

    @Test
    void noisyCirclesSpreadByTheNoise() {
        // radial deviation of a point at radius 1 with N(0, s²) on each coordinate has std ≈ s for small s
        Dataset d = new Synthetic.Circles(0.05, 0.5).generate(4000, 2, "train");
        float[] x = d.features().data();
        double sum = 0;
        double squares = 0;
        int m = 0;
        for (int i = 0; i < d.size(); i += 2) {
            double dev = Math.hypot(x[2 * i], x[2 * i + 1]) - 1;
            sum += dev;
            squares += dev * dev;
            m++;
        }
        double mean = sum / m;
        assertThat(Math.sqrt(squares / m - mean * mean)).isCloseTo(0.05, within(0.005));
        assertThatThrownBy(() -> new Synthetic.Circles(0.1, 1.5)).hasMessageContaining("factor must be in (0, 1)");
    }

    @Test
    void noiselessMoonsAreTheTwoHalfCircles() {
        Dataset d = new Synthetic.Moons(0).generate(500, 3, "train");
        float[] x = d.features().data();
        for (int i = 0; i < d.size(); i++) {
            double px = x[2 * i];
            double py = x[2 * i + 1];
            if (d.labels()[i] == 0) {
                assertThat(Math.hypot(px, py)).isCloseTo(1, within(1e-6));
                assertThat(py).isGreaterThanOrEqualTo(-1e-6);
            } else {
                assertThat(Math.hypot(px - 1, py - 0.5)).isCloseTo(1, within(1e-6));
                assertThat(py).isLessThanOrEqualTo(0.5 + 1e-6);
            }
        }
    }

    @Test
    void spiralsStayInTheUnitDiscWithOneArmPerClass() {
        Dataset d = new Synthetic.Spirals(4, 0).generate(400, 4, "train");
        assertThat(d.classes()).isEqualTo(4);
        float[] x = d.features().data();
        int[] counts = new int[4];
        for (int i = 0; i < d.size(); i++) {
            double r = Math.hypot(x[2 * i], x[2 * i + 1]);
            assertThat(r).isLessThanOrEqualTo(1 + 1e-6);
            // without noise the angle is 4r + 2πk/4 exactly (mod 2π)
            double expected = 4 * r + 2 * Math.PI * d.labels()[i] / 4;
            assertThat(Math.cos(expected) * r).isCloseTo(x[2 * i], within(1e-5));
            counts[d.labels()[i]]++;
        }
        assertThat(counts).containsOnly(100);
    }

    @Test
    void xorLabelsAreTheSignsDiffering() {
        Dataset d = new Synthetic.Xor().generate(1000, 5, "train");
        float[] x = d.features().data();
        int ones = 0;
        for (int i = 0; i < d.size(); i++) {
            assertThat(x[2 * i]).isBetween(-1f, 1f);
            assertThat(d.labels()[i]).isEqualTo(x[2 * i] * x[2 * i + 1] < 0 ? 1 : 0);
            ones += d.labels()[i];
        }
        // binomial(1000, 1/2): 4 standard deviations are ±63
        assertThat(ones).isBetween(437, 563);
    }

    @Test
    void blobsClusterAroundSharedCentresInTheBox() {
        Synthetic.Blobs g = new Synthetic.Blobs(3, 2, 0.5, 10);
        float[] c = g.centres(6);
        for (float v : c) {
            assertThat(v).isBetween(-10f, 10f);
        }
        for (String part : new String[] {"train", "test"}) {
            Dataset d = g.generate(3000, 6, part);
            double[] sums = new double[6];
            for (int i = 0; i < d.size(); i++) {
                for (int j = 0; j < 2; j++) {
                    sums[d.labels()[i] * 2 + j] += d.features().data()[2 * i + j];
                }
            }
            for (int k = 0; k < 6; k++) {
                // the mean of 1000 draws of N(c, 0.25) has std 0.0158; 5 of them: 0.08
                assertThat(sums[k] / 1000).isCloseTo(c[k], within(0.08));
            }
        }
    }

    @Test
    void teacherStudentTargetsAreTheTeachersOutputsPlusNoise() {
        TeacherStudent clean = new TeacherStudent(6, 16, 1, 2, Activation.TANH, 0);
        Dataset d = clean.generate(2000, 9, "train");
        assertThat(d.features().shape()).containsExactly(2000, 6);
        Tensor y = ((Labels.Values) d.targets()).values();
        assertThat(y.shape()).containsExactly(2000, 2);
        assertThat(y.data())
                .containsExactly(clean.teacher(9).forward(d.features(), false).data());
        assertThat(d.isClassification()).isFalse();
        // the test part shares the teacher
        Dataset test = clean.generate(10, 9, "test");
        assertThat(((Labels.Values) test.targets()).values().data())
                .containsExactly(
                        clean.teacher(9).forward(test.features(), false).data());
        // inputs are N(0, 1)
        double sq = 0;
        for (float v : d.features().data()) {
            sq += v * v;
        }
        assertThat(sq / d.features().size()).isCloseTo(1, within(0.05));
        // with noise 0.3 the residual against the teacher has variance 0.09
        Dataset noisy = new TeacherStudent(6, 16, 1, 2, Activation.TANH, 0.3).generate(2000, 9, "train");
        float[] t = ((Labels.Values) noisy.targets()).values().data();
        float[] clean9 = clean.teacher(9).forward(noisy.features(), false).data();
        double res = 0;
        for (int i = 0; i < t.length; i++) {
            res += (t[i] - clean9[i]) * (t[i] - clean9[i]);
        }
        assertThat(res / t.length).isCloseTo(0.09, within(0.01));
        // the teacher's weights are not those a student of the same seed gets
        assertThat(clean.teacher(9).parameters().get(0).path()).isEqualTo("teacher.0.weight");
        assertThat(new TeacherStudent(6, 16, 0, 1, Activation.TANH, 0)
                        .teacher(1)
                        .parameters())
                .hasSize(2);
    }
}
