package org.initlab.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.initlab.lab.probe.LayerStats;
import org.initlab.lab.probe.Snapshot;

/** Renders the snapshots of {@code train --probe N}: a verdict per sampled step, then the last step per layer. */
final class TrainingProbe {
    private TrainingProbe() {}

    static void print(List<Snapshot> snapshots, PrintWriter out) {
        Table steps = new Table("step", "verdict", "largest update ratio", "where");
        for (Snapshot s : snapshots) {
            steps.row(
                    Long.toString(s.step()),
                    s.network().kind().label(),
                    Format.num(largestUpdateRatio(s)),
                    s.network().reason());
        }
        steps.print(out);
        if (snapshots.isEmpty()) {
            return;
        }
        Snapshot last = snapshots.get(snapshots.size() - 1);
        out.println();
        out.println("probe at step " + last.step() + " (update ratio ||dW||/||W||: about 1e-3 is healthy)");
        Table layers = new Table("layer", "kind", "name", "std", "grad_out", "update_ratio", "verdict");
        for (int i = 0; i < last.layers().size(); i++) {
            LayerStats l = last.layers().get(i);
            layers.row(
                    Integer.toString(l.index()),
                    l.kind(),
                    l.name(),
                    Format.num(l.output().std()),
                    Format.num(l.gradOutputNorm()),
                    Double.isNaN(l.updateRatio()) ? "" : Format.num(l.updateRatio()),
                    last.verdicts().get(i).kind().label());
        }
        layers.print(out);
    }

    static List<Object> document(List<Snapshot> snapshots) {
        List<Object> out = new ArrayList<>();
        for (Snapshot s : snapshots) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("step", s.step());
            m.put("verdict", s.network().kind().label());
            m.put("reason", s.network().reason());
            List<Object> layers = new ArrayList<>();
            for (int i = 0; i < s.layers().size(); i++) {
                LayerStats l = s.layers().get(i);
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("index", l.index());
                r.put("kind", l.kind());
                r.put("name", l.name());
                r.put("std", l.output().std());
                r.put("gradient_norm_output", l.gradOutputNorm());
                r.put("gradient_norm_weights", l.weightGradNorm());
                r.put("update_ratio", l.updateRatio());
                r.put("verdict", s.verdicts().get(i).kind().label());
                layers.add(r);
            }
            m.put("layers", layers);
            out.add(m);
        }
        return out;
    }

    private static double largestUpdateRatio(Snapshot s) {
        double m = Double.NaN;
        for (LayerStats l : s.layers()) {
            if (!Double.isNaN(l.updateRatio())) {
                m = Double.isNaN(m) ? l.updateRatio() : Math.max(m, l.updateRatio());
            }
        }
        return m;
    }
}
