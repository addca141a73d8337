package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.initlab.core.init.Role;
import org.junit.jupiter.api.Test;

class EmbeddingTest {

    /** Weight {@code W[r, j] = 10 r + j}, so each output value names its row and column. */
    private static Embedding numbered(int num, int dim) {
        Embedding e = new Embedding("0", num, dim);
        float[] w = e.weight().value();
        for (int r = 0; r < num; r++) {
            for (int j = 0; j < dim; j++) {
                w[r * dim + j] = 10 * r + j;
            }
        }
        return e;
    }

    @Test
    void forwardPicksTheRowsOfTheIds() {
        Embedding e = numbered(5, 3);
        Tensor y = e.forward(new Tensor(new float[] {4, 0, 2, 4}, 2, 2), true);
        assertThat(y.shape()).containsExactly(2, 2, 3);
        assertThat(y.data()).containsExactly(40, 41, 42, 0, 1, 2, 20, 21, 22, 40, 41, 42);
    }

    @Test
    void backwardAccumulatesRepeatedIdsAndReturnsAZeroInputGradient() {
        Embedding e = numbered(5, 3);
        Tensor ids = new Tensor(new float[] {4, 0, 2, 4}, 2, 2);
        e.forward(ids, true);
        Tensor g = GradientCheck.randomInput(1, 2, 2, 3);
        e.weight().grad()[3] = 1f; // accumulates onto what is there
        Tensor dx = e.backward(g);
        float[] gd = g.data();
        float[] dW = e.weight().grad();
        for (int j = 0; j < 3; j++) {
            assertThat(dW[4 * 3 + j]).isEqualTo(gd[j] + gd[9 + j]); // id 4 at [0, 0] and [1, 1]
            assertThat(dW[j]).isEqualTo(gd[3 + j]);
            assertThat(dW[2 * 3 + j]).isEqualTo(gd[6 + j]);
            assertThat(dW[3 * 3 + j]).isZero();
        }
        assertThat(dW[3]).isEqualTo(1f);
        assertThat(dW[4]).isZero();
        assertThat(dx.shape()).containsExactly(2, 2);
        assertThat(dx.data()).containsOnly(0f);
    }

    @Test
    void weightGradientMatchesFiniteDifferences() {
        // the input gradient is zero by definition, so only the weight is checked
        Embedding e = numbered(4, 2);
        Tensor ids = new Tensor(new float[] {1, 3, 1, 0, 1, 2}, 3, 2);
        Tensor y = e.forward(ids, true);
        float[] r = GradientCheck.randomInput(2, 3, 2, 2).data();
        e.weight().zeroGrad();
        e.backward(new Tensor(r.clone(), y.shape()));
        float[] w = e.weight().value();
        float h = 1e-2f;
        for (int i = 0; i < w.length; i++) {
            float keep = w[i];
            w[i] = keep + h;
            double plus = GradientCheck.loss(e.forward(ids, true), r);
            w[i] = keep - h;
            double minus = GradientCheck.loss(e.forward(ids, true), r);
            w[i] = keep;
            GradientCheck.assertClose("d/dW[" + i + "]", e.weight().grad()[i], (plus - minus) / (2 * h));
        }
    }

    @Test
    void rejectsIdsOutsideTheTableNamingIdAndPosition() {
        Embedding e = numbered(5, 3);
        assertThatThrownBy(() -> e.forward(new Tensor(new float[] {1, 2, 5, 0}, 2, 2), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("id 5.0")
                .hasMessageContaining("[1, 0]")
                .hasMessageContaining("[0, 5)");
        assertThatThrownBy(() -> e.forward(new Tensor(new float[] {1, -1, 2, 0}, 2, 2), true))
                .hasMessageContaining("id -1.0")
                .hasMessageContaining("[0, 1]");
        assertThatThrownBy(() -> e.forward(new Tensor(new float[] {1, 2, 0, 2.5f}, 2, 2), true))
                .hasMessageContaining("id 2.5")
                .hasMessageContaining("[1, 1]");
        assertThatThrownBy(() -> e.forward(new Tensor(new float[] {Float.NaN, 1}, 1, 2), true))
                .hasMessageContaining("id NaN")
                .hasMessageContaining("[0, 0]");
        assertThatThrownBy(() -> e.forward(Tensor.zeros(2, 2, 2), true))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("[batch, T]");
    }

    @Test
    void weightIsAnEmbeddingTableNamedAfterTheLayer() {
        Embedding e = new Embedding("emb", 7, 4);
        assertThat(e.parameters()).containsExactly(e.weight());
        assertThat(e.weight().path()).isEqualTo("emb.weight");
        assertThat(e.weight().shape().dims()).containsExactly(7, 4);
        assertThat(e.weight().role()).isEqualTo(Role.EMBEDDING);
        assertThat(e.kind()).isEqualTo("embedding");
    }
}
