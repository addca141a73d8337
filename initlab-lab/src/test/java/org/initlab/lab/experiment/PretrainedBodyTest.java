package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.initlab.io.data.DataFolder;
import org.initlab.io.data.Datasets;
import org.initlab.lab.judge.Finding;
import org.initlab.nn.Dataset;
import org.junit.jupiter.api.Test;

class PretrainedBodyTest {
    private static final Path FASHION = Path.of("../../shared/data/fashion-mnist");

    /** A size's run over two epochs, ending at the given accuracies. */
    private static PretrainedBody.SizeRun size(int n, double scratch, double tuned) {
        return new PretrainedBody.SizeRun(
                n,
                new double[] {0.2, scratch - 0.2, scratch},
                new double[] {0.2, tuned - 0.1, tuned},
                new double[] {1.6, 1.0, 0.6},
                new double[] {1.6, 0.8, 0.5},
                Reports.perEpoch(5, scratch - 0.2, scratch),
                Reports.perEpoch(5, tuned - 0.1, tuned));
    }

    /** A result whose gains (fine-tuned minus scratch) at the four sizes are {@code gains}. */
    private static PretrainedBody.Result result(long seed, double... gains) {
        List<PretrainedBody.SizeRun> sizes = new ArrayList<>();
        for (int i = 0; i < PretrainedBody.SIZES.length; i++) {
            double scratch = 0.7 + 0.05 * i;
            sizes.add(size(PretrainedBody.SIZES[i], scratch, scratch + gains[i]));
        }
        return new PretrainedBody.Result(seed, 4000, 0.88, 1000, sizes, null);
    }

    @Test
    void theJudgeWantsAGainAtTheSmallSizesOnly() {
        PretrainedBody e = new PretrainedBody();
        assertThat(e.judge(List.of(
                                result(0, 0.08, 0.05, 0, -0.01),
                                result(1, 0.10, 0.06, 0, 0),
                                result(2, 0.09, 0.04, 0.01, 0)))
                        .finding())
                .as("large sizes are not judged")
                .isEqualTo(Finding.SUPPORTED);
        assertThat(e.judge(List.of(
                                result(0, 0.0, -0.01, 0, 0), result(1, -0.02, -0.01, 0, 0), result(2, 0.01, 0.0, 0, 0)))
                        .finding())
                .isEqualTo(Finding.NOT_SUPPORTED);
        // a gain at 50 examples but none at 100: not supported
        assertThat(e.judge(List.of(result(0, 0.08, -0.03, 0, 0))).finding()).isEqualTo(Finding.NOT_SUPPORTED);
    }

    @Test
    void gainsThatStraddleTheBarAcrossSeedsAreInconclusive() {
        PretrainedBody e = new PretrainedBody();
        assertThat(e.judge(List.of(
                                result(0, 0.10, 0.08, 0, 0),
                                result(1, -0.03, -0.02, 0, 0),
                                result(2, 0.05, 0.06, 0, 0)))
                        .finding())
                .isEqualTo(Finding.INCONCLUSIVE);
    }

    @Test
    void renderingHasOneRowPerSizeAndEverySeedInTheCsv() {
        PretrainedBody e = new PretrainedBody(PretrainedBody.NEW_CLASSES, 8000, 2, 0.01);
        List<PretrainedBody.Result> rs = List.of(
                result(7, 0.08, 0.05, 0, -0.05),
                result(8, 0.09, 0.06, 0.01, -0.06),
                result(9, 0.085, 0.055, 0.005, -0.055));
        Rendering r = e.render(rs, e.judge(rs));
        assertThat(r.tables()).hasSize(1);
        assertThat(r.tables().get(0).rows()).extracting(row -> row.get(0)).containsExactly("50", "100", "250", "1000");
        assertThat(r.tables().get(0).rows().get(3).get(6)).contains("reported");
        // macro-F1 of scratch and fine-tuned nets in one column (the made reports' macro-F1 is their accuracy)
        assertThat(r.tables().get(0).header().get(4)).isEqualTo("macro-F1 scratch / fine-tuned");
        // (fine-tuned at 50 examples: 0.78, 0.79, 0.785 rounded by the made reports to 0.78, 0.79, 0.79)
        assertThat(r.tables().get(0).rows().get(0).get(4)).endsWith(" / 0.7833 ± 0.0058");
        assertThat(r.charts()).hasSize(2);
        assertThat(r.metricsCsv())
                .startsWith("seed,size,run,epoch,test_accuracy,test_loss\n")
                .contains("\n7,50,scratch,0,")
                .contains("\n8,1000,fine-tuned,2,");
        // 3 seeds × 4 sizes × 2 runs × 3 epochs (0, 1, 2)
        assertThat(r.metricsCsv().lines().count()).isEqualTo(1 + 3 * 4 * 2 * 3);
        assertThat(r.conclusion())
                .contains("with [50, 100] examples")
                .contains("worse than scratch")
                .contains("[1000]");
    }

    /**
     * Every machine has the embedded subset (10,000 training images): at the default size the
     * fine-tuning pool must hold the largest subset of the fine-tuning classes there, for both
     * tasks (the old 2,000-image pool held 986 images of classes 5-9, and the default run failed).
     */
    @Test
    void theDefaultPoolHoldsTheLargestSubsetInTheEmbeddedImages() {
        PretrainedBody defaults = new PretrainedBody();
        int n = defaults.pretrain() + PretrainedBody.POOL_IMAGES;
        Dataset train = Datasets.load(ExperimentData.FASHION_SMALL, 0, n, DataFolder.standard(null))
                .train();
        assertThat(train.size()).isEqualTo(n);
        int largest = PretrainedBody.SIZES[PretrainedBody.SIZES.length - 1];
        for (int from : new int[] {5, 0}) {
            Dataset pool = PretrainedBody.pick(train, defaults.pretrain(), n, from, 10, from);
            assertThat(pool.size()).as("pool of classes %d-9", from).isGreaterThanOrEqualTo(largest);
        }
    }

    @Test
    void aBudgetIsReadOffTheTrajectory() {
        PretrainedBody.Result r = new PretrainedBody().atBudget(result(0, 0.1, 0.1, 0.1, 0.1), 1);
        assertThat(r.sizes().get(0).scratch()).isCloseTo(0.5, within(1e-12));
        assertThat(r.sizes().get(0).gain()).isCloseTo(0.2, within(1e-12));
    }

    @Test
    void anUnknownTaskIsRefusedWithTheValidOnes() {
        assertThatThrownBy(() -> Experiments.parse("pretrained(task=other)"))
                .hasMessageContaining("new-classes")
                .hasMessageContaining("all-classes")
                .hasMessageContaining("'other'");
    }

    /**
     * Reduced run on Fashion-MNIST (skipped without the files): 2,000 pretraining images of all 10 classes and 3
     * fine-tuning epochs; the body pretrained on the same classes gives a clear gain at 50 and 100 examples.
     */
    @Test
    void aReducedRunOnTheSameClassesSupportsTheClaim() {
        assumeTrue(
                Files.isRegularFile(FASHION.resolve("train-images-idx3-ubyte.gz")), "no Fashion-MNIST at " + FASHION);
        PretrainedBody e = new PretrainedBody(PretrainedBody.ALL_CLASSES, 2000, 3, 0.01);
        PretrainedBody.Result r = e.measure(0, done -> {});
        assertThat(e.judge(List.of(r)).finding()).as(r.sizes().toString()).isEqualTo(Finding.SUPPORTED);
        assertThat(r.data()).hasSize(1);
        assertThat(r.data().get(0).used()).startsWith("fashion-mnist");
        assertThat(r.sizes()).extracting(PretrainedBody.SizeRun::size).containsExactly(50, 100, 250, 1000);
    }
}
