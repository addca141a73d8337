package org.initlab.io;

/**
 * Element types of the arrays InitLab reads and writes, with their size and their names in the
 * NumPy ({@code descr}, little-endian) and safetensors ({@code dtype}) formats.
 */
public enum DType {
    F16(2, "<f2", "F16"),
    BF16(2, null, "BF16"),
    F32(4, "<f4", "F32"),
    F64(8, "<f8", "F64"),
    I32(4, "<i4", "I32"),
    I64(8, "<i8", "I64");

    private final int bytes;
    private final String numpy;
    private final String safetensors;

    DType(int bytes, String numpy, String safetensors) {
        this.bytes = bytes;
        this.numpy = numpy;
        this.safetensors = safetensors;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The little-endian NumPy {@code descr} ({@code "<f4"}), or {@code null} when NumPy has none (BF16). */
    public String numpyDescr() {
        return numpy;
    }

    /** The safetensors {@code dtype} name ({@code "F32"}). */
    public String safetensorsName() {
        return safetensors;
    }
}
