package org.initlab.io.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.initlab.nn.Dataset;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Labels;
import org.initlab.nn.ModelSpec;
import org.initlab.nn.OptimizerSpec;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.initlab.nn.Trainer;
import org.junit.jupiter.api.Test;

class SequenceTasksTest {
    @Test
    void addingMarksOneStepInEachHalfAndTargetsTheirSum() {
        int length = 9;
        Dataset d = new AddingProblem(length).generate(500, 1, "train");
        assertThat(d.features().shape()).containsExactly(500, length, 2);
        float[] x = d.features().data();
        float[] y = ((Labels.Values) d.targets()).values().data();
        assertThat(((Labels.Values) d.targets()).values().shape()).containsExactly(500, 1);
        boolean[] firstSeen = new boolean[length / 2];
        boolean[] secondSeen = new boolean[length - length / 2];
        for (int i = 0; i < 500; i++) {
            int marks = 0;
            double sum = 0;
            for (int t = 0; t < length; t++) {
                float value = x[(i * length + t) * 2];
                float mark = x[(i * length + t) * 2 + 1];
                assertThat(value).isBetween(0f, 1f);
                assertThat(mark).isIn(0f, 1f);
                if (mark == 1) {
                    marks++;
                    sum += value;
                    if (t < length / 2) {
                        firstSeen[t] = true;
                    } else {
                        secondSeen[t - length / 2] = true;
                    }
                }
            }
            assertThat(marks).isEqualTo(2);
            assertThat(y[i]).isCloseTo((float) sum, within(1e-6f));
        }
        // every position of each half gets marked somewhere in 500 examples
        assertThat(firstSeen).containsOnly(true);
        assertThat(secondSeen).containsOnly(true);
    }

    @Test
    void predictingOneOnTheAddingProblemCostsAboutASixth() {
        float[] y = ((Labels.Values)
                        new AddingProblem(20).generate(20000, 2, "train").targets())
                .values()
                .data();
        double mse = 0;
        for (float v : y) {
            mse += (v - 1) * (v - 1);
        }
        // Var(u1 + u2) = 1/6; the sample variance of 20000 draws has std ≈ 0.0014
        assertThat(mse / y.length).isCloseTo(AddingProblem.BASELINE_MSE, within(0.006));
        assertThatThrownBy(() -> new AddingProblem(1)).hasMessageContaining("length must be >= 2");
    }

    @Test
    void copyMemoryShowsTheSymbolsThenTheMarkerAndAsksForThemBack() {
        CopyMemory task = new CopyMemory(3, 5, 4);
        assertThat(task.steps()).isEqualTo(10);
        Dataset d = task.generate(200, 3, "train");
        assertThat(d.features().shape()).containsExactly(200, 10, 7);
        Labels.StepClasses t = (Labels.StepClasses) d.targets();
        assertThat(t.steps()).isEqualTo(10);
        assertThat(t.classes()).isEqualTo(6);
        float[] x = d.features().data();
        int[] seen = new int[6];
        for (int i = 0; i < 200; i++) {
            int[] category = new int[10];
            for (int s = 0; s < 10; s++) {
                int ones = 0;
                for (int c = 0; c < 7; c++) {
                    float v = x[(i * 10 + s) * 7 + c];
                    ones += v == 1 ? 1 : 0;
                    if (v == 1) {
                        category[s] = c;
                    }
                }
                assertThat(ones).as("one-hot").isEqualTo(1);
            }
            int[] y = java.util.Arrays.copyOfRange(t.labels(), i * 10, i * 10 + 10);
            for (int s = 0; s < 3; s++) {
                assertThat(category[s]).isBetween(1, 5);
                seen[category[s]]++;
                assertThat(y[7 + s]).as("recall step").isEqualTo(category[s]);
            }
            assertThat(java.util.Arrays.copyOfRange(category, 3, 10)).containsExactly(0, 0, 0, 6, 0, 0, 0);
            assertThat(java.util.Arrays.copyOfRange(y, 0, 7)).containsOnly(0);
        }
        // 600 symbols uniform over 5: about 120 each, 4 standard deviations ≈ 39
        for (int c = 1; c <= 5; c++) {
            assertThat(seen[c]).isBetween(81, 159);
        }
    }

    @Test
    void copyMemoryBaselineIsTheMemorylessCrossEntropy() {
        CopyMemory task = new CopyMemory(3, 4, 5);
        Dataset d = task.generate(10, 1, "train");
        // logits: certain blank before the cue, uniform over the symbols after it
        int steps = task.steps();
        float[] z = new float[10 * steps * 5];
        for (int i = 0; i < 10; i++) {
            for (int s = 0; s < steps; s++) {
                int base = (i * steps + s) * 5;
                if (s < steps - 3) {
                    z[base] = 60;
                } else {
                    z[base] = -60;
                }
            }
        }
        double loss = d.targets().loss(new Tensor(z, 10, steps, 5)).value();
        assertThat(loss).isCloseTo(task.baselineLoss(), within(1e-9));
        assertThat(task.baselineLoss()).isCloseTo(3 * Math.log(4) / 11, within(1e-15));
        assertThatThrownBy(() -> new CopyMemory(3, 4, 0)).hasMessageContaining("delay=0");
    }

    /** The acceptance run of the issue, made small: an LSTM learns the adding problem far below 1/6. */
    @Test
    void anLstmLearnsTheAddingProblem() {
        AddingProblem task = new AddingProblem(20);
        Sequential net = ModelSpec.parse("lstm(2,16,1)");
        InitPlan.defaults().apply(net, 2);
        Dataset test = task.generate(500, 2, "test");
        List<Trainer.Epoch> h = new Trainer(net, OptimizerSpec.parse("adam(lr=0.01)"), List.of())
                .fit(task.generate(2000, 2, "train"), test, new Trainer.Config(8, 32, 2), new Trainer.Listener() {});
        assertThat(h.get(0).testLoss()).isGreaterThan(0.1);
        assertThat(h.get(h.size() - 1).testLoss()).isLessThan(0.3 * AddingProblem.BASELINE_MSE);
        assertThat(h.get(h.size() - 1).testAccuracy()).isNaN();
    }

    /** Labels per step end to end: an LSTM with a per-step head beats the memoryless copy baseline. */
    @Test
    void anLstmWithAPerStepHeadBeatsTheCopyBaseline() {
        CopyMemory task = new CopyMemory(3, 4, 5);
        Sequential net = ModelSpec.parse("lstm(6,32,5,steps=all)");
        InitPlan.defaults().apply(net, 0);
        List<Trainer.Epoch> h = new Trainer(net, OptimizerSpec.parse("adam(lr=0.01)"), List.of())
                .fit(
                        task.generate(1000, 0, "train"),
                        task.generate(200, 0, "test"),
                        new Trainer.Config(10, 32, 0),
                        new Trainer.Listener() {});
        assertThat(h.get(h.size() - 1).testLoss()).isLessThan(0.8 * task.baselineLoss());
    }
}
