package org.initlab.lab.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CnnInitTest {
    /**
     * The stand-in data, so the test means the same with or without the shared Fashion-MNIST files:
     * the gains at initialization follow from the weights' variance whatever the input, and at this
     * reduced size (1200 images, 2 epochs) the training part is checked only in its direction (He at
     * least as good as the others), not in "all four reach 0.5", which needs the default size.
     */
    @Test
    void atInitializationHeKeepsTheScaleTheOthersShrinkItAndHeTrainsAtLeastAsWell() {
        String data = CnnInit.FALLBACK.replace(")", ",n=1200,test=300)");
        LegacyExperiment.Outcome o = new CnnInit(1200, 2, 0, data).run(done -> { });
        assertThat(o.rows()).extracting(r -> r.get(0)).containsExactly("He", "LeCun", "Glorot", "PyTorch default");
        double[] gain = column(o, "gain conv 2");
        double[] accuracy = column(o, "test accuracy");
        assertThat(gain[0]).as(o.conclusion()).isBetween(0.75, 4.0 / 3.0);
        assertThat(gain[1]).as(o.conclusion()).isLessThan(gain[0]);
        assertThat(gain[2]).as(o.conclusion()).isLessThan(gain[1]);
        assertThat(gain[3]).as(o.conclusion()).isLessThan(gain[2]);
        for (int i = 1; i < accuracy.length; i++) {
            assertThat(accuracy[0]).as(o.conclusion()).isGreaterThanOrEqualTo(accuracy[i] - CnnInit.MARGIN);
        }
        assertThat(o.section().charts()).hasSize(3);
        // per init: 10 layer stds, 3 blocks × (gain, predicted), 2 epochs × (train loss, test loss, test accuracy)
        assertThat(o.metricsCsv().lines().count()).isEqualTo(1 + 4 * (10 + 3 * 2 + 2 * 3));
    }

    private static double[] column(LegacyExperiment.Outcome o, String name) {
        int k = o.header().indexOf(name);
        List<List<String>> rows = o.rows();
        double[] v = new double[rows.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = Double.parseDouble(rows.get(i).get(k));
        }
        return v;
    }
}
