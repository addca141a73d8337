package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.initlab.lab.experiment.Gpt2StreamTraining.Profile;
import org.initlab.lab.judge.Finding;
import org.initlab.lab.residual.ResidualStream;
import org.initlab.nn.Sequential;
import org.initlab.nn.Transformer;
import org.junit.jupiter.api.Test;

class Gpt2ResidualTest {

    /** A profile whose stream grows from 1 to {@code growth} linearly over the blocks, the same at both steps. */
    private static Profile profile(int depth, boolean scaled, double growth, double trainedGrowth) {
        double[][] rms = new double[2][depth];
        for (int l = 0; l < depth; l++) {
            double f = depth == 1 ? 0 : (double) l / (depth - 1);
            rms[0][l] = 1 + f * (growth - 1);
            rms[1][l] = 1 + f * (trainedGrowth - 1);
        }
        return new Profile(depth, scaled, rms);
    }

    /** Depths 4 and 32: unscaled growth {@code u4, u32}, scaled {@code s4, s32}; after training the scaled 32 grows {@code t32}. */
    private static Gpt2Residual.Result result(double u4, double u32, double s4, double s32, double t32) {
        List<Profile> p = new ArrayList<>();
        p.add(profile(4, false, u4, u4));
        p.add(profile(4, true, s4, s4));
        p.add(profile(32, false, u32, u32));
        p.add(profile(32, true, s32, t32));
        return new Gpt2Residual.Result(0, p);
    }

    @Test
    void theJudgeWantsAFlatScaledStreamAndAGrowingUnscaledOne() {
        Gpt2Residual e = (Gpt2Residual) Experiments.parse("gpt2-residual(depths=4+32)");
        assertThat(e.judge(List.of(result(1.5, 4.0, 1.3, 1.4, 1.5))).finding()).isEqualTo(Finding.SUPPORTED);
        // the scaled stream grows with depth too: not supported
        assertThat(e.judge(List.of(result(1.5, 4.0, 1.3, 2.6, 2.6))).finding()).isEqualTo(Finding.NOT_SUPPORTED);
        // the control fails: the unscaled stream does not grow either, the depths prove nothing
        assertThat(e.judge(List.of(result(1.5, 1.6, 1.3, 1.4, 1.4))).finding()).isEqualTo(Finding.NOT_SUPPORTED);
        // flat at init, but training undid it
        assertThat(e.judge(List.of(result(1.5, 4.0, 1.3, 1.4, 3.0))).finding()).isEqualTo(Finding.NOT_SUPPORTED);
        assertThat(e.judge(List.of(result(1.5, 4.0, 1.3, 1.4, 1.5)))
                        .checks()
                        .get(0)
                        .estimate()
                        .mean())
                .isCloseTo(1.4 / 1.3, within(1e-12));
    }

    @Test
    void depthsAreCheckedWithReasons() {
        assertThat(Gpt2Residual.parseDepths(" 2 + 4+16")).containsExactly(2, 4, 16);
        assertThat(((Gpt2Residual) Experiments.parse("gpt2-residual(depths=2 + 4)")).depths())
                .isEqualTo("2+4");
        assertThatThrownBy(() -> Experiments.parse("gpt2-residual(depths=8+4)")).hasMessageContaining("must increase");
        assertThatThrownBy(() -> Experiments.parse("gpt2-residual(depths=8)"))
                .hasMessageContaining("at least two depths");
        assertThatThrownBy(() -> Experiments.parse("gpt2-residual(depths=4+x)")).hasMessageContaining("whole numbers");
        assertThatThrownBy(() -> Experiments.parse("gpt2-residual(dim=10, heads=4)"))
                .hasMessageContaining("heads must divide");
    }

    /**
     * The probe's reading of the stream at step 0 is the residual stream itself: it equals, block
     * by block, {@link ResidualStream}'s direct forward pass over the same batch (RMS = √(mean
     * square) of the block's MLP residual output), to float rounding.
     */
    @Test
    void theProbeReadsTheStreamAfterEachBlock() {
        CopyTask task = DeepPostLn.task();
        Profile p = Gpt2StreamTraining.measure(3, true, task, 8, 2, 2, 1e-3, 11);
        assertThat(p.rms()).hasDimensions(3, 3);
        Sequential m = new Transformer(task.vocab(), 8, 2, 3, task.steps(), true, true).build();
        Gpt2StreamTraining.plan(true, m).apply(m, 11);
        ResidualStream s = ResidualStream.measure(
                m, task.batch(11, 0, Gpt2StreamTraining.BATCH).features());
        for (int l = 0; l < 3; l++) {
            double direct = Math.sqrt(s.blocks().get(2 * l + 1).outputMeanSquare());
            assertThat(p.rms()[0][l]).as("block %d", l).isCloseTo(direct, within(1e-6 * direct));
        }
        assertThat(p.rms()[2][2]).isNotEqualTo(p.rms()[0][2]); // training moved it
    }

    @Test
    void aReducedRunMeasuresEveryDepthAndRenders() {
        Gpt2Residual e = (Gpt2Residual) Experiments.parse("gpt2-residual(depths=1+3, dim=8, heads=2, steps=2)");
        Gpt2Residual.Result r = e.measure(2, k -> {});
        assertThat(r.profiles()).hasSize(4);
        assertThat(r.profile(1, true).rms()).hasDimensions(3, 3);
        assertThat(r.profile(0, false).growth(0)).isEqualTo(1);
        assertThat(e.atBudget(r, 1).lastStep()).isEqualTo(1);
        Rendering out = e.render(List.of(r), e.judge(List.of(r)));
        assertThat(out.tables().get(0).rows()).hasSize(3);
        assertThat(out.tables().get(1).rows()).hasSize(2);
        assertThat(out.charts()).hasSize(3);
        assertThat(out.metricsCsv())
                .startsWith("seed,blocks,init,step,block,stream_rms\n")
                .contains("\n2,3,scaled,2,3,");
        assertThat(out.conclusion()).contains("Verdict");
    }

    /**
     * The scaling at work on the engine's transformer at initialization (width 32, seed 0, 4 and 32
     * blocks, forward and backward only): the unscaled stream's growth from the first block to the
     * last rises with depth beyond the experiment's control bar, the scaled one's stays within its
     * flat bar. Measured when written: unscaled 1.32 and 2.70 (ratio 2.04), scaled 1.058 and 1.058.
     */
    @Test
    void atInitializationTheScaledStreamIsFlatAndTheUnscaledOneGrows() {
        CopyTask task = DeepPostLn.task();
        double u4 =
                Gpt2StreamTraining.measure(4, false, task, 32, 4, 0, 1e-3, 0).growth(0);
        double u32 =
                Gpt2StreamTraining.measure(32, false, task, 32, 4, 0, 1e-3, 0).growth(0);
        double s4 = Gpt2StreamTraining.measure(4, true, task, 32, 4, 0, 1e-3, 0).growth(0);
        double s32 =
                Gpt2StreamTraining.measure(32, true, task, 32, 4, 0, 1e-3, 0).growth(0);
        assertThat(u32 / u4).as("unscaled 32 ÷ 4 blocks").isGreaterThan(Gpt2Residual.GROWS);
        assertThat(s32 / s4).as("scaled 32 ÷ 4 blocks").isLessThan(Gpt2Residual.FLAT);
    }
}
