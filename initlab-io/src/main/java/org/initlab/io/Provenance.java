package org.initlab.io;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.initlab.core.Version;
import org.initlab.core.linalg.Lapack;
import org.initlab.nn.Gemm;

/**
 * Where a result comes from: the command, the seeds, the data and its checksum, and the software
 * and machine that computed it. One record for every place InitLab records it: a run directory's
 * {@code run.json}, {@code initlab train --json}, the metadata of the weights {@code train --out}
 * and {@code export} write, and library callers that store their own results.
 *
 * <p>{@link #toMap()} is its one written form: the keys {@link #KEYS}, snake_case, always all of
 * them (an absent fact is {@code null}); {@link #toMetadata()} is the same as strings, for the
 * safetensors header, whose metadata holds strings only.
 *
 * @param command what was run, e.g. {@code "initlab train --data circles --seed 3"}, or the
 *     caller's own description
 * @param seeds the seeds the result depends on, in the order used (one for a single run)
 * @param data the data's canonical spec (e.g. {@code "circles(n=1000)"}), or {@code null} when no
 *     data was read (an export, a run of several experiments each recording its own)
 * @param dataSha256 SHA-256 in hex of the examples as used, or {@code null} with {@code data}
 * @param version InitLab's version ({@link Version#number()})
 * @param javaVersion the JVM's {@code java.version}
 * @param javaVendor the JVM's {@code java.vendor}
 * @param os operating system name, version and architecture
 * @param cpus processors available to the JVM
 * @param threads threads the work used
 * @param blas the matrix-product backend ({@link Gemm#backend()})
 * @param lapack the LAPACK backend (orthogonal initializers)
 * @param rng the random generator every draw comes from
 * @param time when the work started
 */
public record Provenance(
        String command,
        List<Long> seeds,
        String data,
        String dataSha256,
        String version,
        String javaVersion,
        String javaVendor,
        String os,
        int cpus,
        int threads,
        String blas,
        String lapack,
        String rng,
        Instant time) {
    /** The counter-based generator every random draw comes from. */
    public static final String RNG = "Philox4x32-10, key = seed, counter = (element / 4, hash of the tensor path)";

    /** The keys of {@link #toMap()} and {@link #toMetadata()}, in order. */
    public static final List<String> KEYS = List.of(
            "command",
            "seeds",
            "data",
            "data_sha256",
            "initlab_version",
            "java_version",
            "java_vendor",
            "os",
            "cpus",
            "threads",
            "blas",
            "lapack",
            "rng",
            "time");

    /** Validates the components: all present but {@code data} and {@code dataSha256}; threads at least one. */
    public Provenance {
        Objects.requireNonNull(command, "command");
        seeds = List.copyOf(seeds);
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(javaVersion, "javaVersion");
        Objects.requireNonNull(javaVendor, "javaVendor");
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(blas, "blas");
        Objects.requireNonNull(lapack, "lapack");
        Objects.requireNonNull(rng, "rng");
        Objects.requireNonNull(time, "time");
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        if ((data == null) != (dataSha256 == null)) {
            throw new IllegalArgumentException(
                    "data and its checksum come together, got data " + data + " and checksum " + dataSha256);
        }
    }

    /**
     * The provenance of work starting now in this JVM: the version, JVM, machine, backends and
     * time filled in.
     *
     * @param command what is run
     * @param seeds its seeds
     * @param data the data's canonical spec, or {@code null}
     * @param dataSha256 the data's checksum, or {@code null}
     * @param threads threads the work uses
     */
    public static Provenance now(String command, List<Long> seeds, String data, String dataSha256, int threads) {
        return new Provenance(
                command,
                seeds,
                data,
                dataSha256,
                Version.number(),
                System.getProperty("java.version"),
                System.getProperty("java.vendor"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(),
                threads,
                Gemm.backend(),
                Lapack.backend(),
                RNG,
                Instant.now());
    }

    /** The same provenance for work on other data. */
    public Provenance withData(String spec, String sha256) {
        return new Provenance(
                command,
                seeds,
                spec,
                sha256,
                version,
                javaVersion,
                javaVendor,
                os,
                cpus,
                threads,
                blas,
                lapack,
                rng,
                time);
    }

    /** The written form: every key of {@link #KEYS} in order; seeds a list of numbers, absent facts null. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("command", command);
        m.put("seeds", seeds);
        m.put("data", data);
        m.put("data_sha256", dataSha256);
        m.put("initlab_version", version);
        m.put("java_version", javaVersion);
        m.put("java_vendor", javaVendor);
        m.put("os", os);
        m.put("cpus", cpus);
        m.put("threads", threads);
        m.put("blas", blas);
        m.put("lapack", lapack);
        m.put("rng", rng);
        m.put("time", time.toString());
        return m;
    }

    /** {@link #toMap()} as strings (seeds comma-separated, absent facts empty), for file metadata. */
    public Map<String, String> toMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        toMap().forEach((k, v) -> m.put(
                k,
                v == null
                        ? ""
                        : v instanceof List<?> l
                                ? String.join(
                                        ",", l.stream().map(String::valueOf).toList())
                                : v.toString()));
        return m;
    }
}
