package org.initlab.core.linalg;

/**
 * How far a matrix is from having orthonormal rows (or columns), scaled by a gain.
 */
public final class Orthogonality {
    private Orthogonality() {}

    /**
     * {@code max |G/gain² - I|} over the entries of the Gram matrix of the shorter side of the
     * row-major {@code rows × cols} matrix {@code w}: {@code W Wᵀ} when {@code rows <= cols},
     * {@code Wᵀ W} otherwise. At most {@code limit} rows or columns of the shorter side are
     * checked (the leading ones), so the cost is at most {@code limit² · max(rows, cols)}.
     * Computed in double; allocates nothing.
     */
    public static double error(float[] w, int rows, int cols, double gain, int limit) {
        double g2 = gain * gain;
        double worst = 0;
        if (rows <= cols) {
            int k = Math.min(rows, limit);
            for (int i = 0; i < k; i++) {
                for (int j = i; j < k; j++) {
                    double dot = 0;
                    int bi = i * cols;
                    int bj = j * cols;
                    for (int c = 0; c < cols; c++) {
                        dot += (double) w[bi + c] * w[bj + c];
                    }
                    worst = Math.max(worst, Math.abs(dot / g2 - (i == j ? 1 : 0)));
                }
            }
        } else {
            int k = Math.min(cols, limit);
            for (int i = 0; i < k; i++) {
                for (int j = i; j < k; j++) {
                    double dot = 0;
                    for (int r = 0; r < rows; r++) {
                        dot += (double) w[r * cols + i] * w[r * cols + j];
                    }
                    worst = Math.max(worst, Math.abs(dot / g2 - (i == j ? 1 : 0)));
                }
            }
        }
        return worst;
    }
}
