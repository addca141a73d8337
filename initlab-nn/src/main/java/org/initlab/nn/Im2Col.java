package org.initlab.nn;

/**
 * The patch matrix of a convolution and its adjoint: {@link #gather} copies the input patches of
 * one example and one channel group into columns of {@code col}, {@link #scatter} adds such
 * columns back onto the input positions they came from (col2im). Both walk the same (row, output
 * row, valid column range) triples, so the two cannot disagree.
 *
 * <p>Layout: {@code col} is row-major with {@code K = (C_in/g)·kH·kW} rows of {@code ld} columns;
 * example {@code n}'s patches occupy columns {@code colOffset .. colOffset + H_out·W_out - 1}.
 * Row {@code (c·kH + u)·kW + v}, column {@code colOffset + i·W_out + j} holds
 * {@code x[n, q·C_in/g + c, i·s - p + u, j·s - p + v]}, zero where that lies in the padding.
 * Several examples side by side ({@code ld = examples·H_out·W_out}) let one matrix product serve
 * a whole chunk of a batch.
 *
 * <p>For each (row, output row) the output columns whose input column lies inside the image form
 * one contiguous range {@code [jLo, jHi)}, computed once: the copy inside it has no branch (a
 * plain {@link System#arraycopy} at stride 1) and the padding outside it is filled with zeros.
 * With stride 1 and "same" width a whole patch row is one shifted run (see {@code walkShifted}).
 * {@link #scatter} may set entries of {@code col} that belong to the padding to 0. Allocates
 * nothing.
 */
final class Im2Col {
    private final int inChannels;
    private final int groups;
    private final Window2D window;

    Im2Col(int inChannels, int groups, Window2D window) {
        this.inChannels = inChannels;
        this.groups = groups;
        this.window = window;
    }

    /** Rows of one group's patch matrix: {@code (C_in/g)·kH·kW}. */
    int taps() {
        return inChannels / groups * window.kernelH() * window.kernelW();
    }

    /**
     * Writes the patches of example {@code n}, group {@code q} of the NCHW input {@code x} (shape
     * {@code [.., C_in, h, w]}) into {@code col} at columns {@code colOffset ..} of rows of length
     * {@code ld}; positions in the padding get 0.
     */
    void gather(float[] x, int h, int w, int n, int q, int outH, int outW, float[] col, int ld, int colOffset) {
        walk(x, h, w, n, q, 0, inChannels / groups, outH, outW, col, ld, colOffset, false);
    }

    /**
     * {@link #gather} for examples {@code first .. first+examples-1} side by side: example
     * {@code first + e} at columns {@code e·outH·outW ..} of rows of length
     * {@code examples·outH·outW}, the one layout a chunk's matrix product reads. The work is split
     * over (example, channel) pairs on {@link Parallel}; each pair writes only its own rows and
     * columns, so the result does not depend on the thread count.
     */
    void gatherChunk(float[] x, int h, int w, int first, int examples, int q, int outH, int outW, float[] col) {
        int positions = outH * outW;
        int cols = examples * positions;
        long workPerPair = (long) window.kernelH() * window.kernelW() * positions;
        Parallel.forPairs(examples, inChannels / groups, workPerPair, (e, from, to) -> {
            walk(x, h, w, first + e, q, from, to, outH, outW, col, cols, e * positions, false);
        });
    }

    /**
     * Adds the columns {@code colOffset ..} of {@code col} (rows of length {@code ld}) onto the
     * input positions of example {@code n}, group {@code q} of the NCHW gradient {@code dx};
     * values that belong to the padding are dropped (and may be set to 0 in {@code col}).
     */
    void scatter(float[] col, int ld, int colOffset, int n, int q, int outH, int outW, float[] dx, int h, int w) {
        walk(dx, h, w, n, q, 0, inChannels / groups, outH, outW, col, ld, colOffset, true);
    }

    private void walk(
            float[] image,
            int h,
            int w,
            int n,
            int q,
            int cFrom,
            int cTo,
            int outH,
            int outW,
            float[] col,
            int ld,
            int colOffset,
            boolean scatter) {
        if (window.stride() == 1 && outW == w) {
            walkShifted(image, h, w, n, q, cFrom, cTo, outH, col, ld, colOffset, scatter);
            return;
        }
        int kh = window.kernelH();
        int kw = window.kernelW();
        int s = window.stride();
        int pad = window.padding();
        int perGroup = inChannels / groups;
        for (int c = cFrom; c < cTo; c++) {
            int plane = (n * inChannels + q * perGroup + c) * h * w;
            for (int u = 0; u < kh; u++) {
                for (int v = 0; v < kw; v++) {
                    int row = ((c * kh + u) * kw + v) * ld + colOffset;
                    // output columns j with 0 <= j·s - pad + v < w
                    int jLo = Math.min(outW, Math.max(0, Math.ceilDiv(pad - v, s)));
                    int jHi = Math.max(jLo, Math.min(outW, Math.floorDiv(w - 1 + pad - v, s) + 1));
                    for (int i = 0; i < outH; i++) {
                        int iy = i * s - pad + u;
                        int dst = row + i * outW;
                        boolean rowInside = iy >= 0 && iy < h;
                        if (scatter) {
                            if (rowInside) {
                                int src = plane + iy * w - pad + v;
                                for (int j = jLo; j < jHi; j++) {
                                    image[src + j * s] += col[dst + j];
                                }
                            }
                        } else if (!rowInside) {
                            java.util.Arrays.fill(col, dst, dst + outW, 0f);
                        } else {
                            int src = plane + iy * w - pad + v;
                            java.util.Arrays.fill(col, dst, dst + jLo, 0f);
                            if (s == 1) {
                                System.arraycopy(image, src + jLo, col, dst + jLo, jHi - jLo);
                            } else {
                                for (int j = jLo; j < jHi; j++) {
                                    col[dst + j] = image[src + j * s];
                                }
                            }
                            java.util.Arrays.fill(col, dst + jHi, dst + outW, 0f);
                        }
                    }
                }
            }
        }
    }

    /**
     * The same walk when the stride is 1 and the output is as wide as the input ("same"
     * padding, {@code 2p = kW - 1}): then patch row {@code (c, u, v)} is the input plane shifted
     * by {@code (u - p)·w + (v - p)} positions, so the inside part is one contiguous run from the
     * first inside position to the last. Inside that run, the positions whose input column falls
     * off the left or right edge (at most {@code p} per output row) map to a neighbouring input
     * row: gather overwrites them with 0 after the copy, scatter zeroes them in {@code col}
     * before the addition (they belong to the padding, whose gradient is dropped).
     */
    private void walkShifted(
            float[] image,
            int h,
            int w,
            int n,
            int q,
            int cFrom,
            int cTo,
            int outH,
            float[] col,
            int ld,
            int colOffset,
            boolean scatter) {
        int kh = window.kernelH();
        int kw = window.kernelW();
        int pad = window.padding();
        int perGroup = inChannels / groups;
        int positions = outH * w;
        for (int c = cFrom; c < cTo; c++) {
            int plane = (n * inChannels + q * perGroup + c) * h * w;
            for (int u = 0; u < kh; u++) {
                int iLo = Math.max(0, pad - u);
                int iHi = Math.min(outH, h + pad - u);
                for (int v = 0; v < kw; v++) {
                    int row = ((c * kh + u) * kw + v) * ld + colOffset;
                    int jLo = Math.min(w, Math.max(0, pad - v));
                    int jHi = Math.max(jLo, Math.min(w, w + pad - v));
                    if (iHi <= iLo || jHi <= jLo) {
                        if (!scatter) {
                            java.util.Arrays.fill(col, row, row + positions, 0f);
                        }
                        continue;
                    }
                    int first = iLo * w + jLo;
                    int end = (iHi - 1) * w + jHi;
                    int src = plane + (u - pad) * w + (v - pad);
                    if (scatter) {
                        clearEdges(col, row, w, iLo, iHi, jLo, jHi);
                        for (int k = first; k < end; k++) {
                            image[src + k] += col[row + k];
                        }
                    } else {
                        java.util.Arrays.fill(col, row, row + first, 0f);
                        System.arraycopy(image, src + first, col, row + first, end - first);
                        java.util.Arrays.fill(col, row + end, row + positions, 0f);
                        clearEdges(col, row, w, iLo, iHi, jLo, jHi);
                    }
                }
            }
        }
    }

    /** Zeroes columns {@code [0, jLo)} and {@code [jHi, w)} of output rows {@code iLo .. iHi-1}. */
    private static void clearEdges(float[] col, int row, int w, int iLo, int iHi, int jLo, int jHi) {
        for (int i = iLo; i < iHi; i++) {
            int at = row + i * w;
            for (int j = 0; j < jLo; j++) {
                col[at + j] = 0f;
            }
            for (int j = jHi; j < w; j++) {
                col[at + j] = 0f;
            }
        }
    }
}
