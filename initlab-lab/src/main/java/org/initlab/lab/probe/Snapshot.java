package org.initlab.lab.probe;

import java.util.List;

/**
 * Everything the probe measured at one step: per-layer statistics, a verdict per layer and the
 * network's verdict.
 *
 * @param step the training step (0 at initialization)
 * @param inputRms root mean square of the network's input batch
 * @param outputGradNorm L2 norm of the loss gradient with respect to the network's output
 * @param layers per-layer statistics in model order
 * @param verdicts per-layer verdicts, parallel to {@code layers}
 * @param network the network's verdict: its most severe layer verdict
 */
public record Snapshot(
        long step,
        double inputRms,
        double outputGradNorm,
        List<LayerStats> layers,
        List<Verdict> verdicts,
        Verdict network) {
    public Snapshot {
        layers = List.copyOf(layers);
        verdicts = List.copyOf(verdicts);
    }

    /** Judges the statistics with {@link Verdicts}. */
    static Snapshot judge(long step, double inputRms, double outputGradNorm, List<LayerStats> layers) {
        List<Verdict> verdicts = Verdicts.layers(layers, inputRms, outputGradNorm);
        return new Snapshot(step, inputRms, outputGradNorm, layers, verdicts, Verdicts.network(verdicts, layers));
    }
}
