package org.initlab.io.npy;

/** Rearranging stored elements into little-endian C order. */
final class ByteOrders {
    private ByteOrders() {}

    /** Reverses the bytes of every {@code width}-byte element of {@code data}, in place. */
    static void swap(byte[] data, int width) {
        for (int e = 0; e < data.length; e += width) {
            for (int i = 0, j = e + width - 1, k = e; i < width / 2; i++, j--, k++) {
                byte t = data[k];
                data[k] = data[j];
                data[j] = t;
            }
        }
    }

    /**
     * The elements of a Fortran-order (column-major: first index fastest) array in C order (last
     * index fastest). Allocates one array of {@code data.length} bytes; returns {@code data} itself
     * when both orders coincide (rank below 2).
     */
    static byte[] fortranToC(byte[] data, int[] shape, int width) {
        int rank = shape.length;
        if (rank < 2 || data.length == 0) {
            return data;
        }
        long[] cStride = new long[rank];
        long s = 1;
        for (int d = rank - 1; d >= 0; d--) {
            cStride[d] = s;
            s *= shape[d];
        }
        byte[] out = new byte[data.length];
        int[] index = new int[rank];
        long c = 0;
        int n = data.length / width;
        for (int f = 0; f < n; f++) {
            System.arraycopy(data, f * width, out, (int) c * width, width);
            for (int d = 0; d < rank; d++) {
                index[d]++;
                c += cStride[d];
                if (index[d] < shape[d]) {
                    break;
                }
                c -= index[d] * cStride[d];
                index[d] = 0;
            }
        }
        return out;
    }
}
