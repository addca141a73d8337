package org.initlab.lab.experiment;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntConsumer;
import org.initlab.core.Names;
import org.initlab.lab.report.HtmlReport;

/**
 * A built-in experiment: a configuration (a record), a run that reports its progress, and an
 * {@link Outcome} whose claim is judged from the measured numbers with criteria the experiment
 * states.
 */
public sealed interface LegacyExperiment permits DeepRelu, RnnOrthogonal, CnnInit, AcrossSeeds {
    /** The experiment's command-line name. */
    String name();

    /** The complete configuration, for {@code run.json}. */
    Map<String, Object> config();

    /** Units of work {@link #run} reports (its progress goes from 1 to this). */
    int work();

    /** Runs the experiment. */
    Outcome run(IntConsumer progress);

    /**
     * What a run found.
     *
     * @param supported whether the measurement supports the claim
     * @param verdict one line: supported or not, and why
     * @param conclusion the numbers behind the verdict, in a sentence or two
     * @param header the terminal/report summary table's header
     * @param rows its rows
     * @param section the report section (summary table, charts, conclusion)
     * @param metricsCsv the metrics as CSV, header line first
     */
    record Outcome(boolean supported, String verdict, String conclusion, List<String> header, List<List<String>> rows,
            HtmlReport.Section section, String metricsCsv) {
    }

    /** Built-in names. */
    List<String> NAMES = List.of("forward-histograms", "symmetry", "circles", "deep-relu", "glorot-tanh", "advisor", "lsuv",
            "rnn-orthogonal", "mitigations", "cnn", "pretrained");

    /**
     * The built-in experiment {@code name} ({@code _} may stand for {@code -}) at its default size,
     * or with {@code samples} inputs (forward-histograms) / {@code steps} training steps (symmetry, circles; epochs for deep-relu, whose training examples are {@code samples})
     * when those are positive. For cnn, {@code samples} are training images (default
     * {@value CnnInit#DEFAULT_TRAIN}) and {@code steps} epochs (default {@value CnnInit#DEFAULT_EPOCHS}).
     */
    static LegacyExperiment named(String name, long seed, int samples, int steps) {
        String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (n) {
            case "deep-relu" -> new DeepRelu(samples > 0 ? samples : 10_000, steps > 0 ? steps : 3, seed);
            case "rnn-orthogonal" -> new RnnOrthogonal(samples > 0 ? samples : RnnOrthogonal.DEFAULT_LENGTH,
                    steps > 0 ? steps : RnnOrthogonal.DEFAULT_EPOCHS, seed);
            case "cnn" -> new CnnInit(samples > 0 ? samples : CnnInit.DEFAULT_TRAIN,
                    steps > 0 ? steps : CnnInit.DEFAULT_EPOCHS, seed);
            default -> throw Names.unknown("experiment", name, NAMES);
        };
    }
}
