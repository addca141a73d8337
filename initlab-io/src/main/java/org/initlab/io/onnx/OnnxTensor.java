package org.initlab.io.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.initlab.io.FormatException;
import org.initlab.io.onnx.proto.OnnxProto.TensorProto;

/**
 * A constant of an ONNX graph (an initializer, a {@code Constant} node's value, or a constant
 * folded from them), as float or integer values, row-major.
 *
 * @param name the initializer it came from (a state-dict name such as {@code features.0.weight})
 * @param dims the shape
 * @param floats the values of a FLOAT or DOUBLE tensor (doubles rounded to float), else null
 * @param ints the values of an integer tensor, else null
 */
record OnnxTensor(String name, int[] dims, float[] floats, long[] ints) {
    /** The most values a tensor may hold (Java arrays are int-indexed; a float takes 4 bytes). */
    static final long MAX_VALUES = (Integer.MAX_VALUE - 8) / 8;

    /**
     * Reads a tensor, checking its shape against the bytes it carries before anything is allocated.
     *
     * @throws FormatException naming {@code file}, the tensor and what is wrong
     */
    static OnnxTensor read(TensorProto t, String file) throws FormatException {
        String name = t.getName();
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new FormatException(
                    file,
                    -1,
                    "tensor '" + name + "' keeps its values in an external data file;"
                            + " supported: values stored inside the .onnx file (export without external data)");
        }
        int[] dims = new int[t.getDimsCount()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            long d = t.getDims(i);
            if (d < 0 || d > MAX_VALUES) {
                throw new FormatException(
                        file,
                        -1,
                        "tensor '" + name + "' has dimension " + i + " = " + d + "; valid: 0 to " + MAX_VALUES);
            }
            count *= d;
            if (count > MAX_VALUES) {
                throw new FormatException(
                        file,
                        -1,
                        "tensor '" + name + "' of shape " + t.getDimsList() + " holds more than " + MAX_VALUES
                                + " values");
            }
            dims[i] = (int) d;
        }
        int n = (int) count;
        boolean raw = t.hasRawData();
        int rawBytes = t.getRawData().size();
        switch (t.getDataType()) {
            case 1 -> { // FLOAT
                need(file, name, "float32", raw ? rawBytes : t.getFloatDataCount(), raw ? 4L * n : n, raw);
                float[] v = new float[n];
                if (raw) {
                    t.getRawData()
                            .asReadOnlyByteBuffer()
                            .order(ByteOrder.LITTLE_ENDIAN)
                            .asFloatBuffer()
                            .get(v);
                } else {
                    for (int i = 0; i < n; i++) {
                        v[i] = t.getFloatData(i);
                    }
                }
                return new OnnxTensor(name, dims, v, null);
            }
            case 11 -> { // DOUBLE
                need(file, name, "float64", raw ? rawBytes : t.getDoubleDataCount(), raw ? 8L * n : n, raw);
                float[] v = new float[n];
                ByteBuffer b = raw ? t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN) : null;
                for (int i = 0; i < n; i++) {
                    v[i] = (float) (raw ? b.getDouble(8 * i) : t.getDoubleData(i));
                }
                return new OnnxTensor(name, dims, v, null);
            }
            case 7 -> { // INT64
                need(file, name, "int64", raw ? rawBytes : t.getInt64DataCount(), raw ? 8L * n : n, raw);
                long[] v = new long[n];
                ByteBuffer b = raw ? t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN) : null;
                for (int i = 0; i < n; i++) {
                    v[i] = raw ? b.getLong(8 * i) : t.getInt64Data(i);
                }
                return new OnnxTensor(name, dims, null, v);
            }
            case 6 -> { // INT32
                need(file, name, "int32", raw ? rawBytes : t.getInt32DataCount(), raw ? 4L * n : n, raw);
                long[] v = new long[n];
                ByteBuffer b = raw ? t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN) : null;
                for (int i = 0; i < n; i++) {
                    v[i] = raw ? b.getInt(4 * i) : t.getInt32Data(i);
                }
                return new OnnxTensor(name, dims, null, v);
            }
            case 9, 2, 3 -> { // BOOL, UINT8, INT8: one byte each in raw data, else one int32 each
                need(file, name, "8-bit", raw ? rawBytes : t.getInt32DataCount(), n, raw);
                long[] v = new long[n];
                for (int i = 0; i < n; i++) {
                    v[i] = raw
                            ? (t.getDataType() == 3
                                    ? t.getRawData().byteAt(i)
                                    : t.getRawData().byteAt(i) & 0xff)
                            : t.getInt32Data(i);
                }
                return new OnnxTensor(name, dims, null, v);
            }
            default ->
                throw new FormatException(
                        file,
                        -1,
                        "tensor '" + name + "' has ONNX data type "
                                + t.getDataType()
                                + "; supported: 1 (float32), 11 (float64), 6 (int32), 7 (int64), 9 (bool), 2 (uint8),"
                                + " 3 (int8)");
        }
    }

    private static void need(String file, String name, String type, long got, long expected, boolean raw)
            throws FormatException {
        if (got != expected) {
            throw new FormatException(
                    file,
                    -1,
                    "tensor '" + name + "' (" + type + ") should hold " + expected
                            + (raw ? " bytes of raw data" : " values") + " for its shape, the file has " + got);
        }
    }

    /** Number of values. */
    int size() {
        return floats != null ? floats.length : ints.length;
    }

    /** The 2-D transpose of this matrix ({@code [a, b] → [b, a]}), keeping the source name. */
    OnnxTensor transposed() {
        int a = dims[0];
        int b = dims[1];
        float[] t = new float[floats.length];
        for (int i = 0; i < a; i++) {
            for (int j = 0; j < b; j++) {
                t[j * a + i] = floats[i * b + j];
            }
        }
        return new OnnxTensor(name, new int[] {b, a}, t, null);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(dims);
    }
}
