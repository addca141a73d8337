package org.initlab.nn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link Im2Col} against its definition, exactly: gather equals the patch formula element by
 * element (zeros in the padding), and scatter is its adjoint, {@code <gather(x), c> = <x, scatter(c)>},
 * checked with small integers so that every sum is exact. The geometries cover the "same"-width
 * stride-1 shortcut and the general walk (strides, no padding, wide padding, rectangular kernels,
 * groups), with two examples side by side in one patch matrix and a column offset.
 */
class Im2ColTest {

    @ParameterizedTest(name = "C={0} g={1} k={2}x{3} s={4} p={5} on {6}x{7}")
    @CsvSource({
        "2,1,3,3,1,1,5,5", // same width: shifted runs
        "3,1,5,5,1,2,6,4", // same width, wider padding
        "2,1,1,1,1,0,4,3", // 1x1, same width
        "4,2,3,3,1,1,5,6", // groups, same width
        "2,1,3,1,1,0,5,5", // kernel 3x1, no padding: same width, fewer rows
        "2,1,3,3,1,0,5,5", // valid: general walk
        "2,1,3,3,2,1,5,5", // stride 2
        "2,1,2,3,3,2,7,6", // rectangular, stride 3, padding 2
        "1,1,3,3,1,3,2,2", // padding wider than the image: rows entirely outside
        "4,2,2,2,2,0,4,5"
    }) // groups, stride 2
    void gatherIsThePatchFormulaAndScatterIsItsAdjoint(
            int channels, int groups, int kh, int kw, int stride, int pad, int h, int w) {
        Window2D window = new Window2D("test", kh, kw, stride, pad);
        Im2Col im2col = new Im2Col(channels, groups, window);
        int outH = window.outputSize(h, kh);
        int outW = window.outputSize(w, kw);
        int positions = outH * outW;
        int examples = 2;
        int offset = 3; // columns left untouched before the first example
        int ld = offset + examples * positions;
        int taps = im2col.taps();
        Random r = new Random(41);
        float[] x = new float[examples * channels * h * w];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextInt(7) - 3;
        }
        int perGroup = channels / groups;
        for (int q = 0; q < groups; q++) {
            float[] col = new float[taps * ld];
            Arrays.fill(col, Float.NaN); // every entry the gather owns must be written
            for (int n = 0; n < examples; n++) {
                im2col.gather(x, h, w, n, q, outH, outW, col, ld, offset + n * positions);
            }
            for (int n = 0; n < examples; n++) {
                for (int c = 0; c < perGroup; c++) {
                    for (int u = 0; u < kh; u++) {
                        for (int v = 0; v < kw; v++) {
                            for (int i = 0; i < outH; i++) {
                                for (int j = 0; j < outW; j++) {
                                    int iy = i * stride - pad + u;
                                    int ix = j * stride - pad + v;
                                    float expected = iy >= 0 && iy < h && ix >= 0 && ix < w
                                            ? x[((n * channels + q * perGroup + c) * h + iy) * w + ix]
                                            : 0f;
                                    int at = ((c * kh + u) * kw + v) * ld + offset + n * positions + i * outW + j;
                                    assertThat(col[at])
                                            .as("n=%d c=%d u=%d v=%d i=%d j=%d", n, c, u, v, i, j)
                                            .isEqualTo(expected);
                                }
                            }
                        }
                    }
                }
            }
            float[] dcol = new float[taps * ld];
            for (int i = 0; i < dcol.length; i++) {
                dcol[i] = r.nextInt(7) - 3;
            }
            double left = 0;
            for (int row = 0; row < taps; row++) {
                for (int k = offset; k < ld; k++) {
                    left += (double) col[row * ld + k] * dcol[row * ld + k];
                }
            }
            float[] dx = new float[x.length];
            for (int n = 0; n < examples; n++) {
                im2col.scatter(dcol, ld, offset + n * positions, n, q, outH, outW, dx, h, w);
            }
            double right = 0;
            for (int i = 0; i < x.length; i++) {
                right += (double) x[i] * dx[i];
            }
            assertThat(right).as("group %d", q).isEqualTo(left);
            for (int n = 0; n < examples; n++) {
                for (int c = 0; c < channels; c++) {
                    if (c / perGroup != q) {
                        int plane = (n * channels + c) * h * w;
                        assertThat(Arrays.copyOfRange(dx, plane, plane + h * w))
                                .as("other group's channel %d", c)
                                .containsOnly(0f);
                    }
                }
            }
        }
    }
}
