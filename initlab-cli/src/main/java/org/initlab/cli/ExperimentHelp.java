package org.initlab.cli;

import java.io.PrintWriter;
import java.util.Map;
import org.initlab.lab.experiment.Experiment;
import org.initlab.lab.experiment.Experiments;
import org.initlab.lab.experiment.LegacyExperiment;

/** The list of experiments for {@code run --list}, derived from the experiments' records. */
final class ExperimentHelp {
    private ExperimentHelp() {
    }

    static void print(PrintWriter w) {
        for (Experiment<?> e : Experiments.all()) {
            w.println(e.name() + ": " + e.title());
            for (Map.Entry<String, String> p : Experiments.help(e).entrySet()) {
                w.println("    " + p.getKey() + "  " + p.getValue());
            }
            w.println("    seeds by default: " + e.defaultSeeds() + (e.budget() == null ? "" : "; budget: " + e.budget()
                    + " (also run at half and double)") + (e.alternatives().isEmpty() ? ""
                    : "; also at " + String.join(", ", e.alternatives())));
        }
        for (String n : LegacyExperiment.NAMES) {
            if (!Experiments.names().contains(n)) {
                w.println(n + " (default size only)");
            }
        }
    }
}
