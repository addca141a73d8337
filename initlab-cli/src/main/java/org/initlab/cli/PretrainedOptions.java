package org.initlab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.initlab.core.shape.Layout;
import org.initlab.io.StateDictFiles;
import org.initlab.io.pretrained.LoadOptions;
import org.initlab.io.pretrained.LoadReport;
import org.initlab.io.pretrained.NameMapping;
import org.initlab.io.pretrained.Pretrained;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Sequential;
import picocli.CommandLine.Option;

/**
 * The pretrained-weights options shared by the commands that initialize a model ({@code train},
 * {@code export}): {@code --init-from FILE [--strict] [--map RULE]... [--file-layout L]}.
 * Without {@code --init-from} the model is initialized by its plan alone.
 */
final class PretrainedOptions {
    @Option(
            names = "--init-from",
            paramLabel = "FILE",
            description = "Load pretrained weights from a .safetensors, .npz or .npy file; parameters it does not"
                    + " hold are initialized by --init (unless --strict).")
    Path file;

    @Option(
            names = "--strict",
            description = "Fail unless every parameter of the model is in the file with its shape, and every key of"
                    + " the file is used (all problems listed at once).")
    boolean strict;

    @Option(
            names = "--map",
            paramLabel = "PATTERN=REPLACEMENT",
            description = "Rename the file's keys to the model's paths (Java regex; the first matching rule wins;"
                    + " repeatable), e.g. --map '^features\\.=' to strip a prefix.")
    List<String> map = new ArrayList<>();

    @Option(
            names = "--file-layout",
            paramLabel = "LAYOUT",
            defaultValue = "pytorch",
            description = "Layout of the file's weights: pytorch ([out, in, k...], default) or keras ([k..., in, out],"
                    + " transposed on load).")
    String fileLayout;

    /**
     * Initializes {@code model}: with {@link InitPlan#apply} alone, or, with {@code --init-from},
     * loads the file all or nothing and lets the plan initialize what was not loaded
     * ({@link Pretrained#initialize}); the load's one-line summary goes to {@code log}.
     *
     * @return the load report, or {@code null} without {@code --init-from}
     */
    LoadReport initialize(Sequential model, InitPlan plan, long seed, PrintWriter log) throws IOException {
        if (file == null) {
            if (strict || !map.isEmpty()) {
                throw new IllegalArgumentException("--strict and --map need --init-from FILE");
            }
            plan.apply(model, seed);
            return null;
        }
        LoadOptions options = LoadOptions.defaults()
                .withStrict(strict)
                .withMapping(NameMapping.parse(map))
                .withFileLayout(Layout.parse(fileLayout));
        LoadReport report = Pretrained.initialize(model, plan, seed, StateDictFiles.read(file), options);
        log.println("init-from " + file + ": " + report.summary());
        log.flush();
        return report;
    }
}
