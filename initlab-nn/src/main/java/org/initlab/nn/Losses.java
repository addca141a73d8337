package org.initlab.nn;

/**
 * The losses, each a mean over the batch, with their gradients.
 *
 * <ul>
 *   <li>{@link #meanSquaredError}: {@code L = (1/N) Σ (p - t)²} over all N elements;
 *       {@code dL/dp = 2 (p - t) / N}, computed in double as {@code (p - t)·(2/N)} (exact when N is a
 *       power of two; otherwise within a double rounding of the quotient, far below float's).</li>
 *   <li>{@link #softmaxCrossEntropy}: on logits {@code z} and class labels {@code y},
 *       {@code L = (1/B) Σ_b [logsumexp(z_b) - z_b[y_b]]}, computed with the maximum subtracted;
 *       {@code dL/dz = (softmax(z) - onehot(y)) / B}.</li>
 *   <li>{@link #binaryCrossEntropy}: on logits {@code z} and targets {@code t} in [0, 1],
 *       {@code L = (1/N) Σ [max(z, 0) - z t + log(1 + e^{-|z|})]} (stable for any z);
 *       {@code dL/dz = (σ(z) - t) / N}.</li>
 * </ul>
 */
public final class Losses {
    private Losses() {}

    public static LossValue meanSquaredError(Tensor p, Tensor t) {
        requireSameSize(p, t);
        float[] pd = p.data();
        float[] td = t.data();
        int n = pd.length;
        float[] g = new float[n];
        double twoOverN = 2.0 / n;
        for (int i = 0; i < n; i++) { // no reduction here, so C2 vectorizes it
            g[i] = (float) (((double) pd[i] - td[i]) * twoOverN);
        }
        // four add chains (lanes i mod 4), added at the end: one chain's latency bounded the loop
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < n; i += 4) {
            double d0 = (double) pd[i] - td[i];
            double d1 = (double) pd[i + 1] - td[i + 1];
            double d2 = (double) pd[i + 2] - td[i + 2];
            double d3 = (double) pd[i + 3] - td[i + 3];
            s0 += d0 * d0;
            s1 += d1 * d1;
            s2 += d2 * d2;
            s3 += d3 * d3;
        }
        for (; i < n; i++) {
            double d = (double) pd[i] - td[i];
            s0 += d * d;
        }
        return new LossValue(((s0 + s1) + (s2 + s3)) / n, new Tensor(g, p.shape()));
    }

    public static LossValue softmaxCrossEntropy(Tensor logits, int[] labels) {
        int batch = logits.batch();
        int classes = logits.features();
        if (labels.length != batch) {
            throw new IllegalArgumentException(
                    "softmax cross-entropy: " + batch + " rows of logits but " + labels.length + " labels");
        }
        float[] z = logits.data();
        float[] g = new float[z.length];
        double total = 0;
        for (int b = 0; b < batch; b++) {
            int y = labels[b];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("label " + y + " at row " + b + " is outside [0, " + classes + ")");
            }
            int base = b * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, z[base + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(z[base + c] - max);
            }
            double logSum = max + Math.log(sum);
            total += logSum - z[base + y];
            for (int c = 0; c < classes; c++) {
                double softmax = Math.exp(z[base + c] - logSum);
                g[base + c] = (float) ((softmax - (c == y ? 1 : 0)) / batch);
            }
        }
        return new LossValue(total / batch, new Tensor(g, logits.shape()));
    }

    public static LossValue binaryCrossEntropy(Tensor logits, Tensor targets) {
        requireSameSize(logits, targets);
        float[] z = logits.data();
        float[] t = targets.data();
        int n = z.length;
        float[] g = new float[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            double x = z[i];
            total += Math.max(x, 0) - x * t[i] + Math.log1p(Math.exp(-Math.abs(x)));
            double sigmoid = x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
            g[i] = (float) ((sigmoid - t[i]) / n);
        }
        return new LossValue(total / n, new Tensor(g, logits.shape()));
    }

    private static void requireSameSize(Tensor p, Tensor t) {
        if (p.size() != t.size()) {
            throw new IllegalArgumentException("predictions " + p + " and targets " + t + " differ in size");
        }
    }
}
