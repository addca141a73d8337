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
 * <p>Computed by im2col ({@link Im2Col}): for a chunk of {@code E} examples and a group,
 * {@code col [K, E·P]} with {@code K = (C_in/g)·kH·kW} and {@code P = H_out·W_out} holds the
 * input patches side by side, and {@code Y_q = W_q · col} (one BLAS {@code sgemm} per chunk and
 * group, {@code W_q} the group's {@code [C_out/g, K]} rows) gives the chunk's outputs, copied into
 * NCHW order with the bias added. {@code E} is as many examples as fit in
 * {@link #PRODUCT_FLOATS} patch values, so that the patches stay in cache while large products
 * still amortize the call; it depends on the shapes only, never on threads. Backward, with
 * {@code G_q [C_out/g, E·P]} the chunk's output gradient gathered the same way:
 * {@code dW_q += G_q · colᵀ} and {@code db[o] += Σ_{n,i,j} G[n,o,i,j]} (summed in double). The
 * input gradient of a stride-1 convolution with a square kernel and {@code p <= k - 1} (the
 * common 3×3 "same" case) is itself a convolution: of {@code G} with the flipped kernel (see
 * {@link TransposedConvGradient}); otherwise {@code dcol = W_qᵀ · G_q} is scattered back onto
 * the input positions (col2im, adding where windows overlap). {@link #backwardParameters} leaves
 * the input gradient out (the first layer of a network).
 *
 * <p>Allocation: forward allocates the output; backward the input gradient (and, with groups, one
 * weight-gradient buffer per group). The patch buffers and the product buffer are kept by the
 * layer between calls and reused (grown when a larger batch comes; about {@code 3·K·E·P} floats,
 * a few MiB at most); backward rebuilds {@code col} from the kept input (no patches are stored
 * between the passes). The input is kept, not copied.
 *
 * <p>Initialization: the weight carries {@link Fans#of(Shape, Layout, int, boolean)} with the
 * groups, so {@code fan_in = (C_in/g)·kH·kW} and {@code fan_out = (C_out/g)·kH·kW}; the bias
 * carries the same fans. A convolution may have no bias ({@code b = 0}, fixed; PyTorch's
 * {@code Conv2d(bias=False)}, as in ResNets, where a BatchNorm follows).
 */
public final class Conv2D implements Layer {
    /**
     * Patch values ({@code 2¹⁸} floats, 1 MiB: one core's L2 cache on the project's machine) above
     * which a product stops taking more examples. Measured on the deeper CNN of the benchmarks
     * (CPU time per step, 1 thread): {@code 2¹⁷}–{@code 2¹⁹} alike, {@code 2²⁰} and {@code 2²¹}
     * slower (the patches fall out of L2 between the gather and the product).
     */
    static final long PRODUCT_FLOATS = 1L << 18;

    private final int inChannels;
    private final int outChannels;
    private final int groups;
    private final Window2D window;
    private final Parameter weight;
    private final Parameter bias;
    private final Im2Col patches;
    private Tensor input;
    private int[] outputShape;
    /** Scratch kept between calls (grown, never shrunk): patches, their gradient, a product. */
    private float[] col;

    private float[] dcol;
    private float[] product;
    /** The input gradient as a transposed convolution, or null where that does not apply. */
    private final TransposedConvGradient transposed;

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
    public Conv2D(
            String name,
            int inChannels,
            int outChannels,
            int kernelH,
            int kernelW,
            int stride,
            int padding,
            int groups) {
        this(name, inChannels, outChannels, kernelH, kernelW, stride, padding, groups, true);
    }

    /**
     * As {@link #Conv2D(String, int, int, int, int, int, int, int)}; {@code withBias} says whether the
     * layer has the bias {@code NAME.bias}.
     */
    public Conv2D(
            String name,
            int inChannels,
            int outChannels,
            int kernelH,
            int kernelW,
            int stride,
            int padding,
            int groups,
            boolean withBias) {
        this(
                name,
                name + ".weight",
                withBias ? name + ".bias" : null,
                inChannels,
                outChannels,
                kernelH,
                kernelW,
                stride,
                padding,
                groups);
    }

    /**
     * With the parameters' paths given whole, for an imported model whose names do not follow
     * {@code PREFIX.weight} (an eval-mode ONNX export's {@code onnx::Conv_26}); {@code biasPath}
     * null for a convolution without bias.
     */
    public Conv2D(
            String weightPath,
            String biasPath,
            int inChannels,
            int outChannels,
            int kernelH,
            int kernelW,
            int stride,
            int padding,
            int groups) {
        this(weightPath, weightPath, biasPath, inChannels, outChannels, kernelH, kernelW, stride, padding, groups);
    }

    private Conv2D(
            String name,
            String weightPath,
            String biasPath,
            int inChannels,
            int outChannels,
            int kernelH,
            int kernelW,
            int stride,
            int padding,
            int groups) {
        this.window = new Window2D("conv2d " + name, kernelH, kernelW, stride, padding);
        if (inChannels < 1 || outChannels < 1 || groups < 1) {
            throw new IllegalArgumentException("conv2d " + name + " needs in/out channels >= 1 and groups >= 1, got in "
                    + inChannels + ", out " + outChannels + ", groups " + groups);
        }
        if (inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("conv2d " + name + ": groups=" + groups
                    + " must divide both the input channels " + inChannels + " and the output channels " + outChannels);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.groups = groups;
        this.patches = new Im2Col(inChannels, groups, window);
        this.transposed = TransposedConvGradient.of(inChannels, outChannels, groups, window);
        Shape shape = Shape.of(outChannels, inChannels / groups, kernelH, kernelW);
        Fans fans = Fans.of(shape, Layout.PYTORCH, groups, false);
        this.weight = new Parameter(weightPath, shape, Layout.PYTORCH, Role.WEIGHT, fans);
        this.bias = biasPath != null
                ? new Parameter(biasPath, Shape.of(outChannels), Layout.PYTORCH, Role.BIAS, fans)
                : null;
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
        int taps = patches.taps();
        int chunk = examplesPerProduct(batch, taps, positions);
        float[] y = Allocation.floats(batch, outChannels, positions);
        col = scratch(col, taps * chunk * positions);
        product = scratch(product, outPerGroup * chunk * positions);
        float[] b = bias == null ? null : bias.value();
        float[] xd = x.data();
        int h = x.shape()[2];
        int w = x.shape()[3];
        for (int q = 0; q < groups; q++) {
            float[] wq = groupRows(weight.value(), q);
            for (int n0 = 0; n0 < batch; n0 += chunk) {
                int examples = Math.min(chunk, batch - n0);
                int cols = examples * positions;
                int first = n0;
                int group = q;
                patches.gatherChunk(xd, h, w, first, examples, group, out[2], out[3], col);
                Gemm.multiply(false, false, outPerGroup, cols, taps, 1f, wq, col, 0f, product);
                Parallel.forPairs(examples, outPerGroup, positions, (e, from, to) -> {
                    int base = ((first + e) * outChannels + group * outPerGroup) * positions;
                    for (int o = from; o < to; o++) {
                        float bo = b == null ? 0f : b[group * outPerGroup + o];
                        int src = o * cols + e * positions;
                        int dst = base + o * positions;
                        for (int p = 0; p < positions; p++) {
                            y[dst + p] = product[src + p] + bo;
                        }
                    }
                });
            }
        }
        return new Tensor(y, out);
    }

    @Override
    public Tensor backward(Tensor g) {
        checkGradient(g);
        float[] dx = new float[input.size()];
        if (transposed != null) {
            parameterGradients(g, null);
            transposed.inputGradient(weight.value(), g.data(), outputShape, input.shape(), dx);
        } else {
            parameterGradients(g, dx);
        }
        return new Tensor(dx, input.shape());
    }

    /** The weight and bias gradients of {@link #backward}, bit for bit, without the input gradient. */
    @Override
    public void backwardParameters(Tensor g) {
        checkGradient(g);
        parameterGradients(g, null);
    }

    private void checkGradient(Tensor g) {
        if (input == null) {
            throw new IllegalStateException("conv2d " + weight.path() + ": backward before forward");
        }
        if (!Arrays.equals(g.shape(), outputShape)) {
            throw new IllegalArgumentException("conv2d " + weight.path() + ": output gradient has shape "
                    + Arrays.toString(g.shape()) + ", the last forward produced " + Arrays.toString(outputShape));
        }
    }

    /**
     * Adds {@code db} and {@code dW} (per chunk and group: {@code G_q} gathered, {@code col} rebuilt,
     * {@code dW_q += G_q · colᵀ}); when {@code dx} is not null also its col2im part
     * ({@code dcol = W_qᵀ · G_q} scattered onto {@code dx}), for the convolutions whose input
     * gradient is not a {@link TransposedConvGradient}.
     */
    private void parameterGradients(Tensor g, float[] dx) {
        int batch = outputShape[0];
        int outH = outputShape[2];
        int outW = outputShape[3];
        int positions = outH * outW;
        int outPerGroup = outChannels / groups;
        int taps = patches.taps();
        float[] gd = g.data();
        if (bias != null) {
            biasGradient(gd, batch, positions);
        }
        int chunk = examplesPerProduct(batch, taps, positions);
        col = scratch(col, taps * chunk * positions);
        if (dx != null) {
            dcol = scratch(dcol, taps * chunk * positions);
        }
        product = scratch(product, outPerGroup * chunk * positions);
        float[] xd = input.data();
        int h = input.shape()[2];
        int w = input.shape()[3];
        for (int q = 0; q < groups; q++) {
            float[] wq = groupRows(weight.value(), q);
            float[] dwq = groups == 1 ? weight.grad() : new float[outPerGroup * taps];
            for (int n0 = 0; n0 < batch; n0 += chunk) {
                int examples = Math.min(chunk, batch - n0);
                int cols = examples * positions;
                int first = n0;
                int group = q;
                Parallel.forPairs(examples, outPerGroup, positions, (e, from, to) -> {
                    int base = ((first + e) * outChannels + group * outPerGroup) * positions;
                    for (int o = from; o < to; o++) {
                        System.arraycopy(gd, base + o * positions, product, o * cols + e * positions, positions);
                    }
                });
                patches.gatherChunk(xd, h, w, first, examples, group, outH, outW, col);
                Gemm.multiply(false, true, outPerGroup, taps, cols, 1f, product, col, 1f, dwq);
                if (dx != null) {
                    Gemm.multiply(true, false, taps, cols, outPerGroup, 1f, wq, product, 0f, dcol);
                    Parallel.forRange(examples, (long) taps * positions, (from, to) -> {
                        for (int e = from; e < to; e++) {
                            patches.scatter(dcol, cols, e * positions, first + e, group, outH, outW, dx, h, w);
                        }
                    });
                }
            }
            if (groups > 1) {
                float[] dw = weight.grad();
                int base = q * outPerGroup * taps;
                for (int i = 0; i < dwq.length; i++) {
                    dw[base + i] += dwq[i];
                }
            }
        }
    }

    /** {@code db[o] += Σ_{n,i,j} G[n,o,i,j]}, per channel in double (four partial sums per plane). */
    private void biasGradient(float[] gd, int batch, int positions) {
        float[] db = bias.grad();
        Parallel.forRange(outChannels, (long) batch * positions, (from, to) -> {
            for (int o = from; o < to; o++) {
                double s = 0;
                for (int n = 0; n < batch; n++) {
                    s += Sums.sum(gd, (n * outChannels + o) * positions, positions);
                }
                db[o] += (float) s;
            }
        });
    }

    /**
     * Examples whose patches one matrix product takes: as many as fit in {@value #PRODUCT_FLOATS}
     * patch values ({@code K·H_out·W_out} each), at least one, at most the batch. Depends only on
     * the shapes, so the order of every sum is the same on every run and every thread count.
     */
    static int examplesPerProduct(int batch, int taps, int positions) {
        long perExample = (long) taps * positions;
        return (int) Math.max(1, Math.min(batch, PRODUCT_FLOATS / perExample));
    }

    /** {@code buffer} if it holds {@code size} values, else a new array of that size. */
    static float[] scratch(float[] buffer, int size) {
        return buffer != null && buffer.length >= size ? buffer : new float[size];
    }

    /** Group {@code q}'s {@code [C_out/g, K]} rows of {@code w}: {@code w} itself for one group, else a copy. */
    private float[] groupRows(float[] w, int q) {
        if (groups == 1) {
            return w;
        }
        int rows = outChannels / groups * patches.taps();
        return Arrays.copyOfRange(w, q * rows, (q + 1) * rows);
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
