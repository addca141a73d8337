package org.initlab.lab.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.initlab.core.linalg.Lapack;
import org.initlab.io.AtomicFiles;
import org.initlab.io.Json;
import org.initlab.lab.report.HtmlReport;
import org.initlab.nn.Gemm;

/**
 * Writes a run's directory: {@code run.json} (the experiment, its complete configuration and
 * seeds, the random generator, versions and machine: the provenance), {@code metrics.csv} and
 * {@code report.html}, each file atomically.
 */
public final class RunDirectory {
    /** The counter-based generator every random draw comes from. */
    public static final String RNG = "Philox4x32-10, key = seed, counter = (element / 4, hash of the tensor path)";

    private RunDirectory() {
    }

    /**
     * The provenance document of a run of {@code experiment} with {@code config}; {@code spec}
     * ({@link ExperimentSpec#toMap()}) is what {@code initlab run run.json} runs again.
     */
    public static Map<String, Object> provenance(String experiment, Map<String, Object> config, Map<String, Object> spec) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("experiment", experiment);
        doc.put("spec", spec);
        doc.put("config", config);
        doc.put("rng", RNG);
        doc.put("initlab_version", version());
        doc.put("java_version", System.getProperty("java.version"));
        doc.put("java_vendor", System.getProperty("java.vendor"));
        doc.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        doc.put("cpus", Runtime.getRuntime().availableProcessors());
        doc.put("blas", Gemm.backend());
        doc.put("lapack", Lapack.backend());
        doc.put("started", Instant.now().toString());
        return doc;
    }

    /** The implementation version of the packaged jar, or {@code dev} when run from classes. */
    public static String version() {
        String v = RunDirectory.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    /** Writes the three files into {@code dir} (created if missing). */
    public static void write(Path dir, Map<String, Object> provenance, String metricsCsv, HtmlReport report) throws IOException {
        byte[] json = (Json.write(provenance) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] csv = metricsCsv.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve("run.json"), out -> out.write(json));
        AtomicFiles.write(dir.resolve("metrics.csv"), out -> out.write(csv));
        report.write(dir.resolve("report.html"));
    }
}
