package org.initlab.lab.probe;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.initlab.nn.Dataset;
import org.initlab.nn.Layer;
import org.initlab.nn.LossValue;
import org.initlab.nn.Observer;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;
import org.initlab.nn.Tensor;

/**
 * The signal-propagation probe: an {@link Observer} that, every {@code every} training steps,
 * records each top-level layer's output statistics (mean, std, min, max, histogram, saturated,
 * zero and dead fractions, unit spread), the pre-activation of activation layers, the gradient
 * norms at the layer's output and of its weights, and the update ratio {@code ‖ΔW‖/‖W‖} of that
 * step's optimizer update; {@link #snapshots()} judges them with {@link Verdicts}.
 *
 * <p>{@link #atInitialization} runs one forward and backward pass without any update. Cost per
 * sampled step: one pass over every layer output and weight, a copy of the parameters for the
 * update ratio; nothing on the other steps.
 */
public final class Probe implements Observer {
    private final int every;
    private final TreeMap<Long, Pending> pending = new TreeMap<>();

    private static final class Pending {
        final TreeMap<Integer, LayerStats> layers = new TreeMap<>();
        final TreeMap<Integer, Layer> layerObjects = new TreeMap<>();
        double inputRms = Double.NaN;
        double outputGradNorm = Double.NaN;
        int lastIndex = -1;
    }

    /** A probe measuring at steps 0, every, 2·every, ... */
    public Probe(int every) {
        if (every < 1) {
            throw new IllegalArgumentException("the probe's sampling interval must be >= 1 step, got " + every);
        }
        this.every = every;
    }

    /**
     * Probes a freshly initialized model on one batch: forward in training mode (batch statistics,
     * dropout as in training), the loss of the batch's targets, backward; no parameter changes
     * (gradients are zeroed afterwards). Non-finite values are measured, not thrown.
     */
    public static Snapshot atInitialization(Sequential model, Dataset batch) {
        Probe probe = new Probe(1);
        model.zeroGrad();
        List<Layer> layers = model.layers();
        Tensor t = batch.features();
        for (int i = 0; i < layers.size(); i++) {
            Tensor out = layers.get(i).forward(t, true);
            probe.forward(0, i, layers.get(i), t, out);
            t = out;
        }
        LossValue loss = batch.targets().loss(t);
        Tensor g = loss.gradient();
        for (int i = layers.size() - 1; i >= 0; i--) {
            Tensor gin = layers.get(i).backward(g);
            probe.backward(0, i, layers.get(i), g, gin);
            g = gin;
        }
        model.zeroGrad();
        return probe.snapshots().get(0);
    }

    private boolean sampled(long step) {
        return step % every == 0;
    }

    @Override
    public void forward(long step, int index, Layer layer, Tensor input, Tensor output) {
        if (!sampled(step)) {
            return;
        }
        Pending p = pending.computeIfAbsent(step, s -> new Pending());
        if (index == 0) {
            p.inputRms = Summary.of(input.data(), input.size()).rms();
        }
        p.layers.put(index, LayerMeasure.forward(index, layer, input, output));
        p.layerObjects.put(index, layer);
        p.lastIndex = Math.max(p.lastIndex, index);
    }

    @Override
    public void backward(long step, int index, Layer layer, Tensor gradOutput, Tensor gradInput) {
        Pending p = sampled(step) ? pending.get(step) : null;
        if (p == null || !p.layers.containsKey(index)) {
            return;
        }
        double gradNorm = LayerMeasure.norm(gradOutput);
        if (index == p.lastIndex) {
            p.outputGradNorm = gradNorm;
        }
        p.layers.put(
                index,
                p.layers
                        .get(index)
                        .withGradients(
                                gradNorm,
                                LayerMeasure.norm(LayerMeasure.weights(layer), true),
                                LayerMeasure.gradientSpread(layer, gradOutput)));
    }

    /** The probe measures gradients at layer outputs and weights, never at the model's input. */
    @Override
    public boolean needsInputGradient() {
        return false;
    }

    @Override
    public boolean observesUpdates(long step) {
        return sampled(step);
    }

    @Override
    public void updated(long step, List<Parameter> parameters, List<float[]> before) {
        Pending p = pending.get(step);
        if (p == null) {
            return;
        }
        IdentityHashMap<Parameter, float[]> old = new IdentityHashMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            old.put(parameters.get(i), before.get(i));
        }
        for (Map.Entry<Integer, Layer> e : p.layerObjects.entrySet()) {
            List<Parameter> weights = LayerMeasure.weights(e.getValue());
            if (weights.isEmpty()) {
                continue;
            }
            double delta = 0;
            double norm = 0;
            for (Parameter w : weights) {
                float[] was = old.get(w);
                if (was == null) {
                    continue;
                }
                float[] now = w.value();
                for (int k = 0; k < now.length; k++) {
                    double d = (double) now[k] - was[k];
                    delta += d * d;
                    norm += (double) was[k] * was[k];
                }
            }
            p.layers.put(e.getKey(), p.layers.get(e.getKey()).withUpdateRatio(Math.sqrt(delta) / Math.sqrt(norm)));
        }
    }

    /** The measured steps in order, each judged. */
    public List<Snapshot> snapshots() {
        List<Snapshot> out = new ArrayList<>();
        for (Map.Entry<Long, Pending> e : pending.entrySet()) {
            Pending p = e.getValue();
            out.add(Snapshot.judge(e.getKey(), p.inputRms, p.outputGradNorm, new ArrayList<>(p.layers.values())));
        }
        return out;
    }
}
