package org.initlab.io;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SequencedMap;

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
}
