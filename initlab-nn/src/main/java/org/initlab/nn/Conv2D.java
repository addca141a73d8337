package org.initlab.nn;

import java.util.Arrays;
import java.util.List;
import org.initlab.core.init.Role;
import org.initlab.core.shape.Allocation;
import org.initlab.core.shape.Fans;
import org.initlab.core.shape.Layout;
import org.initlab.core.shape.Shape;

/**
 * Two-dimensional convolution (cross-correlation, as in every framework) over NCHW input
 * {@code x [N, C_in, H, W]}, weight {@code W [C_out, C_in/g, kH, kW]} (PyTorch layout), bias
 * {@code b [C_out]}, stride {@code s}, zero padding {@code p} and {@code g} groups; output
 * {@code y [N, C_out, H_out, W_out]} with {@code H_out = floor((H + 2p - kH)/s) + 1} (likewise
 * {@code W_out}). Output channel {@code o} belongs to group {@code q = o / (C_out/g)} and sees the
 * input channels {@code q·C_in/g .. (q+1)·C_in/g - 1}:
 * <pre>
 *   y[n,o,i,j] = b[o] + Σ_{c,u,v} W[o,c,u,v] · x[n, q·C_in/g + c, i·s - p + u, j·s - p + v]
 * </pre>
 * with {@code x = 0} outside the input.
 *
 * <p>Computed by im2col: per example and group, {@code col [K, P]} with {@code K = (C_in/g)·kH·kW}
 * and {@code P = H_out·W_out} holds the input patches, and {@code y_q = W_q · col} (BLAS
 * {@code sgemm}, {@code W_q} the group's {@code [C_out/g, K]} rows). Backward, with {@code G} the
 * output gradient: {@code dW_q += G_q · colᵀ}, {@code db[o] += Σ_{n,i,j} G[n,o,i,j]},
 * {@code dcol = W_qᵀ · G_q} and {@code dx} is dcol scattered back onto the input positions
 * (col2im, adding where windows overlap).
 *
 * <p>Allocation: forward allocates the output plus one {@code col} buffer, one {@code [C_out/g, P]}
 * buffer and a copy of each group's weight rows; backward allocates the input gradient, rebuilds
 * {@code col} from the kept input (no patches are stored between the passes) and allocates
 * {@code dcol} and per-group weight-gradient buffers. The input is kept, not copied.
 *
 * <p>Initialization: the weight carries {@link Fans#of(Shape, Layout, int, boolean)} with the
 * groups, so {@code fan_in = (C_in/g)·kH·kW} and {@code fan_out = (C_out/g)·kH·kW}; the bias
 * carries the same fans. A convolution may have no bias ({@code b = 0}, fixed; PyTorch's
 * {@code Conv2d(bias=False)}, as in ResNets, where a BatchNorm follows).
 */
public final class Conv2D implements Layer {
    private final int inChannels;
    private final int outChannels;
    private final int groups;
    private final Window2D window;
    private final Parameter weight;
    private final Parameter bias;
    private Tensor input;
    private int[] outputShape;

    /**
     * @param name path prefix of the parameters ({@code "0"} gives {@code "0.weight"}, {@code "0.bias"})
     * @param inChannels input channels {@code C_in}
     * @param outChannels output channels {@code C_out}
     * @param kernelH kernel height
     * @param kernelW kernel width
     * @param stride step along both spatial axes
     * @param padding zeros added on each side of both spatial axes
     * @param groups channel groups; must divide both channel counts ({@code C_in} for depthwise)
     */
    public Conv2D(String name, int inChannels, int outChannels, int kernelH, int kernelW, int stride, int padding,
            int groups) {
        this(name, inChannels, outChannels, kernelH, kernelW, stride, padding, groups, true);
    }

    /**
     * As {@link #Conv2D(String, int, int, int, int, int, int, int)}; {@code withBias} says whether the
     * layer has the bias {@code NAME.bias}.
     */
    public Conv2D(String name, int inChannels, int outChannels, int kernelH, int kernelW, int stride, int padding,
            int groups, boolean withBias) {
        this(name, name + ".weight", withBias ? name + ".bias" : null, inChannels, outChannels, kernelH, kernelW, stride,
                padding, groups);
    }

    /**
     * With the parameters' paths given whole, for an imported model whose names do not follow
     * {@code PREFIX.weight} (an eval-mode ONNX export's {@code onnx::Conv_26}); {@code biasPath}
     * null for a convolution without bias.
     */
    public Conv2D(String weightPath, String biasPath, int inChannels, int outChannels, int kernelH, int kernelW,
            int stride, int padding, int groups) {
        this(weightPath, weightPath, biasPath, inChannels, outChannels, kernelH, kernelW, stride, padding, groups);
    }

    private Conv2D(String name, String weightPath, String biasPath, int inChannels, int outChannels, int kernelH,
            int kernelW, int stride, int padding, int groups) {
        this.window = new Window2D("conv2d " + name, kernelH, kernelW, stride, padding);
        if (inChannels < 1 || outChannels < 1 || groups < 1) {
            throw new IllegalArgumentException("conv2d " + name + " needs in/out channels >= 1 and groups >= 1, got in "
                    + inChannels + ", out " + outChannels + ", groups " + groups);
        }
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("conv2d " + name + ": groups=" + groups + " must divide both the input channels "
                    + inChannels + " and the output channels " + outChannels);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
        Shape shape = Shape.of(outChannels, inChannels / groups, kernelH, kernelW);
        Fans fans = Fans.of(shape, Layout.PYTORCH, groups, false);
        this.weight = new Parameter(weightPath, shape, Layout.PYTORCH, Role.WEIGHT, fans);
        this.bias = biasPath != null ? new Parameter(biasPath, Shape.of(outChannels), Layout.PYTORCH, Role.BIAS, fans) : null;
    }

    /** A square {@code kernel × kernel} convolution. */
    public Conv2D(String name, int inChannels, int outChannels, int kernel, int stride, int padding, int groups) {
        this(name, inChannels, outChannels, kernel, kernel, stride, padding, groups);
    }

    public Parameter weight() {
        return weight;
    }

    /** The bias, or {@code null} for a convolution without one. */
    public Parameter bias() {
        return bias;
    }

    public int groups() {
        return groups;
    }

    @Override
    public Tensor forward(Tensor x, boolean training) {
        int[] out = window.outputShape(x, inChannels, outChannels);
        input = x;
        outputShape = out;
        int batch = out[0];
        int positions = out[2] * out[3];
        int outPerGroup = outChannels / groups;
        int taps = taps();
        float[] y = Allocation.floats(batch, outChannels, positions);
        float[] col = Allocation.floats(taps, positions);
        float[] yGroup = Allocation.floats(outPerGroup, positions);
        float[][] wGroup = groupWeights();
        float[] b = bias == null ? new float[outChannels] : bias.value();
        for (int n = 0; n < batch; n++) {
            for (int q = 0; q < groups; q++) {
                im2col(x, n, q, out[2], out[3], col);
                Gemm.multiply(false, false, outPerGroup, positions, taps, 1f, wGroup[q], col, 0f, yGroup);
                int base = (n * outChannels + q * outPerGroup) * positions;
                for (int o = 0; o < outPerGroup; o++) {
                    float bo = b[q * outPerGroup + o];
                    for (int p = 0; p < positions; p++) {
                        y[base + o * positions + p] = yGroup[o * positions + p] + bo;
                    }
                }
            }
        }
        return new Tensor(y, out);
    }

    @Override
    public Tensor backward(Tensor g) {
        if (input == null) {
            throw new IllegalStateException("conv2d " + weight.path() + ": backward before forward");
        }
        int[] gs = g.shape();
        if (!Arrays.equals(gs, outputShape)) {
            throw new IllegalArgumentException("conv2d " + weight.path() + ": output gradient has shape "
                    + Arrays.toString(gs) + ", the last forward produced " + Arrays.toString(outputShape));
        }
        int batch = gs[0];
        int outH = gs[2];
        int outW = gs[3];
        int positions = outH * outW;
        int outPerGroup = outChannels / groups;
        int taps = taps();
        float[] gd = g.data();
        float[] db = bias == null ? new float[outChannels] : bias.grad();
        for (int n = 0; n < batch; n++) {
            for (int o = 0; o < outChannels; o++) {
                int base = (n * outChannels + o) * positions;
                double s = 0;
                for (int p = 0; p < positions; p++) {
                    s += gd[base + p];
                }
                db[o] += (float) s;
            }
        }
        float[][] wGroup = groupWeights();
        float[][] dwGroup = new float[groups][outPerGroup * taps];
        float[] col = Allocation.floats(taps, positions);
        float[] dcol = Allocation.floats(taps, positions);
        float[] gGroup = Allocation.floats(outPerGroup, positions);
        float[] dx = new float[input.size()];
        for (int n = 0; n < batch; n++) {
            for (int q = 0; q < groups; q++) {
                System.arraycopy(gd, (n * outChannels + q * outPerGroup) * positions, gGroup, 0, gGroup.length);
                im2col(input, n, q, outH, outW, col);
                Gemm.multiply(false, true, outPerGroup, taps, positions, 1f, gGroup, col, 1f, dwGroup[q]);
                Gemm.multiply(true, false, taps, positions, outPerGroup, 1f, wGroup[q], gGroup, 0f, dcol);
                col2im(dcol, n, q, outH, outW, dx);
            }
        }
        float[] dw = weight.grad();
        for (int q = 0; q < groups; q++) {
            int base = q * outPerGroup * taps;
            for (int i = 0; i < dwGroup[q].length; i++) {
                dw[base + i] += dwGroup[q][i];
            }
        }
        return new Tensor(dx, input.shape());
    }

    /** Rows of one group's patch matrix: {@code (C_in/g)·kH·kW}. */
    private int taps() {
        return inChannels / groups * window.kernelH() * window.kernelW();
    }

    /** Each group's {@code [C_out/g, K]} weight rows, copied (Gemm takes whole arrays). */
    private float[][] groupWeights() {
        int rows = outChannels / groups * taps();
        float[][] w = new float[groups][];
        for (int q = 0; q < groups; q++) {
            w[q] = Arrays.copyOfRange(weight.value(), q * rows, (q + 1) * rows);
        }
        return w;
    }

    /** Fills {@code col [K, P]} with the patches of example {@code n}, group {@code q}; zeros outside. */
    private void im2col(Tensor x, int n, int q, int outH, int outW, float[] col) {
        patches(x.shape(), n, q, outH, outW, col, x.data(), false);
    }

    /** Adds {@code dcol [K, P]} of example {@code n}, group {@code q} onto {@code dx}; drops padding. */
    private void col2im(float[] dcol, int n, int q, int outH, int outW, float[] dx) {
        patches(input.shape(), n, q, outH, outW, dcol, dx, true);
    }

    /**
     * Walks every (patch row, output position) pair once; gathers {@code image → col}, or with
     * {@code scatter} adds {@code col → image}. One loop for both, so the two cannot disagree.
     */
    private void patches(int[] shape, int n, int q, int outH, int outW, float[] col, float[] image, boolean scatter) {
        int h = shape[2];
        int w = shape[3];
        int kh = window.kernelH();
        int kw = window.kernelW();
        int s = window.stride();
        int pad = window.padding();
        int positions = outH * outW;
        int perGroup = inChannels / groups;
        for (int c = 0; c < perGroup; c++) {
            int plane = (n * inChannels + q * perGroup + c) * h * w;
            for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                    int row = ((c * kh + u) * kw + v) * positions;
                    for (int i = 0; i < outH; i++) {
                        int iy = i * s - pad + u;
                        boolean rowInside = iy >= 0 && iy < h;
                        for (int j = 0; j < outW; j++) {
                            int ix = j * s - pad + v;
                            boolean inside = rowInside && ix >= 0 && ix < w;
                            int k = row + i * outW + j;
                            if (scatter) {
                                if (inside) {
                                    image[plane + iy * w + ix] += col[k];
                                }
                            } else {
                                col[k] = inside ? image[plane + iy * w + ix] : 0f;
                            }
                        }
                    }
                }
            }
        }
    }

    @Override
    public List<Parameter> parameters() {
        return bias == null ? List.of(weight) : List.of(weight, bias);
    }

    @Override
    public String kind() {
        return "conv2d";
    }

    /** {@code [C_in, H, W] → [C_out, H', W']}, {@code H' = floor((H + 2·padding - kH)/stride) + 1}. */
    @Override
    public int[] outputShape(int[] in) {
        return window.exampleShape(in, outChannels);
    }
}
