package org.initlab.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import org.initlab.nn.Parameter;

/**
 * Named arrays in file order, as a {@code .safetensors} or {@code .npz} file holds them (the
 * parameters of a model keyed by their paths, {@code "0.weight"}), plus the file's free-form
 * string metadata (safetensors {@code __metadata__}; empty for npz).
 */
public record StateDict(SequencedMap<String, NdArray> arrays, Map<String, String> metadata) {
    public StateDict {
        arrays = Collections.unmodifiableSequencedMap(new LinkedHashMap<>(arrays));
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /** Arrays without metadata. */
    public StateDict(SequencedMap<String, NdArray> arrays) {
        this(arrays, Map.of());
    }

    /**
     * The values of {@code parameters} as F32 arrays keyed by their paths, in their order, without
     * metadata; the values are copied.
     *
     * @throws IllegalArgumentException when two parameters share a path
     */
    public static StateDict of(List<Parameter> parameters) {
        SequencedMap<String, NdArray> arrays = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            if (arrays.put(p.path(), NdArray.ofFloats(p.value(), p.shape().dims())) != null) {
                throw new IllegalArgumentException("two parameters with the path '" + p.path() + "'");
            }
        }
        return new StateDict(arrays);
    }
}
