package org.initlab.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.initlab.io.StateDict;
import org.initlab.io.StateDictFiles;
import org.initlab.io.data.DataProvenance;
import org.initlab.io.pretrained.TorchStateDict;
import org.initlab.nn.Dataset;
import org.initlab.nn.Labels;
import org.initlab.nn.Sequential;

/**
 * {@code train --out FILE}: the trained model's state dict, keyed as PyTorch names it
 * ({@link TorchStateDict}), with the run's provenance in the safetensors {@code __metadata__}:
 * the keys of {@link org.initlab.io.Provenance#toMetadata()} ({@code command} as given, {@code seeds},
 * {@code data} (the canonical spec), {@code data_sha256} (see {@link #checksum}), versions, JVM,
 * BLAS, time), then {@code model}, {@code init}, {@code optimizer}, {@code epochs} and
 * {@code data_files} (each file read, {@code name:sha256}, for data read from files). An
 * {@code .npz} file holds the arrays only.
 */
final class TrainedWeights {
    private TrainedWeights() {}

    /** Checks before training that {@code out} names a .safetensors or .npz file. */
    static void requireTarget(Path out) {
        String name =
                out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (!name.endsWith(".safetensors") && !name.endsWith(".npz")) {
            throw new IllegalArgumentException(
                    "--out must name a .safetensors or .npz file (a model has several" + " parameters), got " + out);
        }
    }

    /** Writes {@code net}'s state and {@code metadata} (the provenance and the run's settings) to {@code out}, atomically. */
    static void write(Path out, Sequential net, Map<String, String> metadata) throws IOException {
        StateDictFiles.write(out, new StateDict(TorchStateDict.of(net).arrays(), metadata));
    }

    /** {@code name:sha256} of each file, comma-separated; empty for generated data. */
    static String files(DataProvenance provenance) {
        return String.join(
                ",",
                provenance.files().stream()
                        .map(f -> f.name() + ":" + f.sha256())
                        .toList());
    }

    /**
     * SHA-256, in hex, of the examples exactly as the run used them: for each of the given sets in
     * order, the shape and the float32 bits (little-endian) of the features, then the integer labels
     * or the float32 target values. Equal data, equal checksum, whatever the source (a file, or a
     * generator and its seed).
     */
    static String checksum(List<Dataset> sets) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-256", e);
        }
        for (Dataset d : sets) {
            ints(sha, d.features().shape());
            floats(sha, d.features().data());
            switch (d.targets()) {
                case Labels.Classes c -> ints(sha, c.labels());
                case Labels.StepClasses s -> ints(sha, s.labels());
                case Labels.Values v ->
                    floats(sha, Objects.requireNonNull(v.values()).data());
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void ints(MessageDigest sha, int[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (int v : values) {
            b.putInt(v);
        }
        sha.update(b.array());
    }

    private static void floats(MessageDigest sha, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        sha.update(b.array());
    }
}
