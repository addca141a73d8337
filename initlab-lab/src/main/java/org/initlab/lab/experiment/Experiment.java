package org.initlab.lab.experiment;

import java.util.List;
import java.util.function.IntConsumer;
import org.initlab.io.data.DataProvenance;
import org.initlab.lab.judge.Verdict;

/**
 * A built-in experiment: a record of named size parameters (its configuration, bound from a spec
 * such as {@code deep-relu(epochs=10, lr=1e-3)} by {@link Experiments}) and three functions.
 * {@link #measure} runs it for one seed and returns a typed result of numbers; {@link #judge} is
 * a pure function from the results of several seeds to a {@link Verdict} whose every threshold is
 * a named constant with its reason; {@link #render} alone makes tables, charts, CSV and prose.
 * Seeds and budgets multiply measurements ({@link Study}), never judges.
 *
 * <p>Each record has a public no-argument constructor giving its defaults, and each component a
 * {@link Param} annotation (meaning and range): the list of experiments, {@code run --help} and the
 * README table are derived from them.
 *
 * @param <R> the result of one measurement
 */
public sealed interface Experiment<R extends Experiment.Result>
        permits ForwardHistograms,
                Symmetry,
                CirclesInit,
                DeepRelu,
                GlorotTanh,
                AdvisorExperiment,
                LsuvExperiment,
                RnnOrthogonal,
                Mitigations,
                Remedies,
                CnnInit,
                OrthogonalInit,
                PretrainedBody,
                WrongFormulas,
                ActivationGains,
                ResidualSensitivity,
                DeadRelu,
                Gan,
                Metrics,
                DeepPostLn,
                Gpt2Residual,
                MupTransfer,
                ZeroInit {
    /** A measurement's typed result. */
    interface Result {
        /** The seed the result was measured with. */
        long seed();

        /** The data the measurement used; empty for experiments on generated inputs only. */
        default List<DataProvenance> data() {
            return List.of();
        }
    }

    /** The command-line name, e.g. {@code deep-relu}. */
    String name();

    /** The report section's title. */
    String title();

    /** The claim tested, in the articles' words where they are right, with its source. */
    String claim();

    /** The set-up in words, derived from the components (model, data, optimizer, budget). */
    String setup();

    /**
     * Seeds a run uses by default: 3 for claims about training (seed-to-seed noise decides), 1 for
     * claims at initialization whose judge states the sampling error instead.
     */
    default int defaultSeeds() {
        return 3;
    }

    /**
     * The snake_case name of the component that sets the training budget (epochs or steps), or
     * null for an experiment measured at initialization. {@link Study} then also runs half and
     * double that budget.
     */
    default String budget() {
        return null;
    }

    /**
     * Whether a result measured at a budget can be read at any smaller budget ({@link #atBudget}):
     * true where the schedule does not depend on the total, so half, default and double budgets
     * come from one run at double the budget.
     */
    default boolean trajectory() {
        return false;
    }

    /** {@code result} as it stood after {@code budget} units; only where {@link #trajectory()}. */
    default R atBudget(R result, int budget) {
        throw new UnsupportedOperationException(name() + " cannot be read at another budget");
    }

    /**
     * Other settings the verdict is checked at, as spec arguments ({@code "lr=0.001"}), where the
     * optimizer setting could decide the outcome; each runs at the default budget.
     */
    default List<String> alternatives() {
        return List.of();
    }

    /**
     * Estimated CPU seconds of one {@link #measure} at this configuration on one core of a
     * 2020s laptop, from the size parameters (roughly proportional to the budget). The lab's
     * {@link Scheduler} starts the largest measurements first so that none starts last and
     * leaves the other cores idle; an estimate only orders the work, it never changes a result.
     * The default, 1 second, suits a small experiment.
     */
    default double cost() {
        return 1;
    }

    /** Units of progress {@link #measure} reports. */
    int work();

    /** Runs the experiment with {@code seed}, reporting progress from 1 to {@link #work()}. */
    R measure(long seed, IntConsumer progress);

    /** The verdict on the claim from the results of one or more seeds: a pure function. */
    Verdict judge(List<R> seeds);

    /** Tables, charts, CSV and prose for the results of one or more seeds and their verdict. */
    Rendering render(List<R> seeds, Verdict verdict);
}
