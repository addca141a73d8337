package org.initlab.lab.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.initlab.nn.Embedding;
import org.initlab.nn.LayerNorm;
import org.initlab.nn.PerStep;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Small embeddings against N(0, 1), through the LayerNorm that follows them (ε = 1e-5, PyTorch's
 * default): LayerNorm divides by {@code sqrt(s² + ε)}, s² the row's variance, so its output has
 * root mean square {@code sqrt(σ²/(σ² + ε))}: about 1 for N(0, 1) and N(0, 0.02²)
 * (σ² = 4e-4: 0.988), but only 0.018 for U(±1e-4) (σ² = 3.3e-9 is far below ε). The "normalized"
 * small embedding is not O(1) at initialization: ε decides its scale until training grows the table.
 * 1000 rows of width 64; the row variance of 64 draws has a relative standard error of 18% per row,
 * averaged over 1000 rows to about 0.6%, so a 5% tolerance is over 8 standard errors.
 */
class SmallEmbeddingTest {

    private static double layerNormRms(SmallEmbedding.Variant variant) {
        Embedding emb = new Embedding("emb", 1000, 64);
        Sequential m = new Sequential(List.of(emb, new PerStep(new LayerNorm("ln", 64, 1e-5))));
        new SmallEmbedding(variant).plan(m).apply(m, 21);
        float[] ids = new float[1000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i;
        }
        float[] y = m.forward(new Tensor(ids, 1, 1000), false).data();
        double ss = 0;
        for (float v : y) {
            ss += v * v;
        }
        return Math.sqrt(ss / y.length);
    }

    @Test
    void layerNormRescalesEveryVariantButTheTinyOneIsHeldDownByEpsilon() {
        assertThat(layerNormRms(SmallEmbedding.Variant.TORCH))
                .isCloseTo(1.0, org.assertj.core.data.Percentage.withPercentage(5));
        assertThat(layerNormRms(SmallEmbedding.Variant.GPT2))
                .isCloseTo(Math.sqrt(4e-4 / (4e-4 + 1e-5)), org.assertj.core.data.Percentage.withPercentage(5));
        double sigma2 = 4e-8 / 12; // U(-1e-4, 1e-4): (2e-4)² / 12
        assertThat(layerNormRms(SmallEmbedding.Variant.SMALL_INIT))
                .isCloseTo(Math.sqrt(sigma2 / (sigma2 + 1e-5)), org.assertj.core.data.Percentage.withPercentage(5));
    }
}
