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
public sealed interface LegacyExperiment permits ForwardHistograms, CirclesInit, GlorotTanh, AdvisorExperiment, LsuvExperiment,
        RnnOrthogonal, Mitigations, PretrainedBody, AcrossSeeds {
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
     * or with {@code samples} inputs (forward-histograms) / {@code steps} training steps (circles)
     * when those are positive. For pretrained, {@code samples} are fine-tuning examples (default
     * {@value PretrainedBody#DEFAULT_BUDGET}) and {@code steps} fine-tuning epochs (default
     * {@value PretrainedBody#DEFAULT_EPOCHS}).
     */
    static LegacyExperiment named(String name, long seed, int samples, int steps) {
        String n = name.toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (n) {
            case "forward-histograms" -> new ForwardHistograms(samples > 0 ? samples : 10_000, seed);
            case "circles" -> new CirclesInit(steps > 0 ? steps : CirclesInit.DEFAULT_STEPS, seed);
            case "glorot-tanh" -> new GlorotTanh(steps > 0 ? steps : 20, seed);
            case "advisor" -> new AdvisorExperiment(seed);
            case "lsuv" -> new LsuvExperiment(steps > 0 ? steps : 10, seed);
            case "rnn-orthogonal" -> new RnnOrthogonal(samples > 0 ? samples : RnnOrthogonal.DEFAULT_LENGTH,
                    steps > 0 ? steps : RnnOrthogonal.DEFAULT_EPOCHS, seed);
            case "mitigations" -> new Mitigations(steps > 0 ? steps : Mitigations.DEFAULT_EPOCHS, seed);
            case "pretrained" -> new PretrainedBody(PretrainedBody.DEFAULT_PRETRAIN,
                    samples > 0 ? samples : PretrainedBody.DEFAULT_BUDGET, steps > 0 ? steps : PretrainedBody.DEFAULT_EPOCHS, seed);
            default -> throw Names.unknown("experiment", name, NAMES);
        };
    }
}
