package org.initlab.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.initlab.core.shape.Allocation;
import org.initlab.io.npy.Npy;
import org.initlab.io.npy.Npz;
import org.initlab.io.safetensors.Safetensors;

/**
 * Reads and writes a {@link StateDict} in the format its file name's extension names
 * (case-insensitive):
 * <ul>
 *   <li>{@code .safetensors}: {@link Safetensors}, arrays and {@code __metadata__};</li>
 *   <li>{@code .npz}: {@link Npz}, one {@code .npy} entry per array, no metadata (dropped on writing);</li>
 *   <li>{@code .npy}: {@link Npy}, exactly one array, keyed on reading by the file's base name
 *       ({@code "w.npy"} gives {@code {"w": ...}}); metadata dropped on writing.</li>
 * </ul>
 * Any other extension is an {@link IllegalArgumentException} naming the valid ones.
 */
public final class StateDictFiles {
    private StateDictFiles() {}

    /** The formats, by extension. */
    private enum Kind {
        SAFETENSORS,
        NPZ,
        NPY
    }

    /**
     * Reads every array of {@code file}.
     *
     * @throws FormatException when the file does not follow its format (the message names file, byte offset, reason)
     * @throws IOException when the file cannot be read
     * @throws IllegalArgumentException when the extension is none of {@code .safetensors}, {@code .npz}, {@code .npy}
     */
    public static StateDict read(Path file) throws IOException {
        try {
            return readKind(file);
        } catch (OutOfMemoryError e) {
            // sizes were checked against the heap maximum; the heap could still be too full to hold them now
            throw e instanceof Allocation.AllocationError
                    ? e
                    : new Allocation.AllocationError("the arrays of " + file, -1, e);
        }
    }

    private static StateDict readKind(Path file) throws IOException {
        return switch (kind(file)) {
            case SAFETENSORS -> Safetensors.read(file);
            case NPZ -> Npz.read(file);
            case NPY -> {
                String name = file.getFileName().toString();
                Map<String, NdArray> one = new LinkedHashMap<>();
                one.put(name.substring(0, name.length() - ".npy".length()), Npy.read(file));
                yield new StateDict(new LinkedHashMap<>(one));
            }
        };
    }

    /**
     * Writes {@code dict} to {@code file} atomically ({@link AtomicFiles}).
     *
     * @throws IllegalArgumentException for an unknown extension, a {@code .npy} target with other than
     *     one array, or an element type the format cannot hold (BF16 in NumPy files)
     */
    public static void write(Path file, StateDict dict) throws IOException {
        switch (kind(file)) {
            case SAFETENSORS -> Safetensors.write(file, dict);
            case NPZ -> Npz.write(file, dict, false);
            case NPY -> {
                if (dict.arrays().size() != 1) {
                    throw new IllegalArgumentException("a .npy file holds exactly one array, got "
                            + dict.arrays().size() + " " + dict.arrays().keySet() + "; use .npz or .safetensors for "
                            + file);
                }
                Npy.write(file, dict.arrays().firstEntry().getValue());
            }
        }
    }

    /**
     * Writes one float32 tensor, keyed {@code name}, to {@code file} atomically: the same bytes as
     * {@link #write} of a dictionary holding {@code NdArray.ofFloats(values, shape)} with
     * {@code metadata}, but {@code .npy} and {@code .safetensors} stream the values without a copy of
     * the whole array (a {@code .npy} holds no name or metadata; {@code .npz} goes through the copy).
     */
    public static void writeFloats(Path file, String name, float[] values, int[] shape, Map<String, String> metadata)
            throws IOException {
        NdArray.requireCount(shape, values.length);
        if (kind(file) == Kind.NPZ) {
            LinkedHashMap<String, NdArray> arrays = new LinkedHashMap<>();
            arrays.put(name, NdArray.ofFloats(values, shape));
            write(file, new StateDict(arrays, metadata));
        } else {
            writeFloats(file, name, shape, metadata, out -> NdArray.writeFloats(out, values));
        }
    }

    /**
     * Writes one float32 tensor whose bytes {@code data} produces (exactly {@code 4 × elements},
     * little-endian, C order) to a {@code .npy} or {@code .safetensors} file, atomically, without the
     * tensor ever being held whole.
     *
     * @throws IllegalArgumentException for a {@code .npz} file (its zip entry needs the bytes first);
     *     {@link #streams} says which files can be streamed
     */
    public static void writeFloats(
            Path file, String name, int[] shape, Map<String, String> metadata, AtomicFiles.Body data)
            throws IOException {
        switch (kind(file)) {
            case SAFETENSORS -> Safetensors.writeFloats(file, name, shape, metadata, data);
            case NPY -> Npy.writeFloats(file, shape, data);
            case NPZ -> throw new IllegalArgumentException("a .npz file cannot be streamed: " + file);
        }
    }

    /** Whether {@code file}'s format can be written by the streaming {@link #writeFloats} (.npy, .safetensors). */
    public static boolean streams(Path file) {
        return kind(file) != Kind.NPZ;
    }

    /** Checks that {@code file}'s extension names a supported format; the message says which are valid. */
    public static void requireSupported(Path file) {
        kind(file);
    }

    private static Kind kind(Path file) {
        if (java.nio.file.Files.isDirectory(file)) {
            throw new IllegalArgumentException(
                    file + " is a directory; weights are read from one .safetensors, .npz" + " or .npy file");
        }
        Path name = file.getFileName();
        String lower = name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
        if (lower.endsWith(".safetensors") && lower.length() > ".safetensors".length()) {
            return Kind.SAFETENSORS;
        }
        if (lower.endsWith(".npz") && lower.length() > ".npz".length()) {
            return Kind.NPZ;
        }
        if (lower.endsWith(".npy") && lower.length() > ".npy".length()) {
            return Kind.NPY;
        }
        throw new IllegalArgumentException(
                "cannot tell the format of '" + file + "' from its extension; valid: " + ".safetensors, .npz, .npy");
    }
}
