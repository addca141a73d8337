package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PretrainedBodyTest {
    private static final Path FASHION = Path.of("../../shared/data/fashion-mnist");

    /**
     * The claim itself needs Fashion-MNIST, whose halves are related images; it is skipped without the
     * files rather than run on the stand-in, whose halves share only the input's distribution, so a
     * pass there would not mean the same. Reduced size: 4000 images (about 2000 of classes 0-4
     * pretrain), 200 fine-tuning examples, 6 epochs.
     */
    @Test
    void onFashionMnistTheRescaledPretrainedBodyLearnsFasterThanScratch() {
        assumeTrue(Files.isRegularFile(FASHION.resolve("train-images-idx3-ubyte.gz")), "no Fashion-MNIST at " + FASHION);
        LegacyExperiment.Outcome o = new PretrainedBody(4000, 200, 6, 0).run(done -> { });
        assertThat(o.section().setup()).contains(" on fashion-mnist: ");
        assertThat(o.supported()).as(o.conclusion()).isTrue();
        Map<String, Double> m = metrics(o);
        assertThat(m.get("pretrained + Glorot head/feature_rms_step_0")).as("pretraining grows the features")
                .isGreaterThan(m.get("scratch (He)/feature_rms_step_0"));
    }

    /**
     * What holds on any data, so it runs on the stand-in with or without the files: the rescaled body's
     * features have the fresh body's RMS and its logits are scaled by the same factor, the zero head
     * starts at loss ln 5, and the metrics have one row per run, quantity and epoch.
     */
    @Test
    void rescalingMatchesTheFreshFeaturesAndTheZeroHeadStartsAtLn5() {
        String data = PretrainedBody.FALLBACK.replace(")", ",n=600,test=200)");
        LegacyExperiment.Outcome o = new PretrainedBody(600, 50, 1, 0, data).run(done -> { });
        assertThat(o.rows()).extracting(r -> r.get(0)).containsExactly("scratch (He)", "pretrained + Glorot head",
                "pretrained + zero head", "pretrained rescaled + Glorot head");
        Map<String, Double> m = metrics(o);
        double fresh = m.get("scratch (He)/feature_rms_step_0");
        assertThat(m.get("pretrained rescaled + Glorot head/feature_rms_step_0")).isCloseTo(fresh, within(1e-4 * fresh));
        assertThat(m.get("pretrained + zero head/test_loss/0")).isCloseTo(Math.log(5), within(1e-6));
        assertThat(m.get("pretrained + zero head/logit_std_step_0")).isZero();
        // the head's bias is 0, so scaling the features by c = fresh / pretrained RMS scales the logits by c
        double c = fresh / m.get("pretrained + Glorot head/feature_rms_step_0");
        double logits = m.get("pretrained + Glorot head/logit_std_step_0");
        assertThat(m.get("pretrained rescaled + Glorot head/logit_std_step_0")).isCloseTo(c * logits, within(1e-4 * logits));
        // 2 pretraining rows per epoch; per run 4 rows at step 0 and 3 per fine-tuning epoch
        assertThat(o.metricsCsv().lines().count()).isEqualTo(1 + 2 * PretrainedBody.PRETRAIN_EPOCHS + 4 * (4 + 3));
        assertThat(o.section().charts()).hasSize(3);
    }

    /** The metrics by "run/quantity" for step-0 rows and "run/quantity/epoch" for the others. */
    private static Map<String, Double> metrics(LegacyExperiment.Outcome o) {
        Map<String, Double> m = new HashMap<>();
        o.metricsCsv().lines().skip(1).forEach(line -> {
            String[] f = line.split(",");
            String key = f[1].endsWith("_step_0") ? f[0] + "/" + f[1] : f[0] + "/" + f[1] + "/" + f[2];
            m.put(key, Double.parseDouble(f[3]));
        });
        return m;
    }
}
