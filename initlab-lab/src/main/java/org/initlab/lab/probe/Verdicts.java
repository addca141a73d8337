package org.initlab.lab.probe;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.initlab.lab.probe.Verdict.Kind;

/**
 * The rules that turn a probe's measurements into verdicts, with their thresholds.
 *
 * <p>Per layer, in this order (the first that applies wins):
 * <ol>
 *   <li>{@code symmetric}: the layer has at least two units, {@link LayerStats#unitSpread()}
 *       {@code ≤} {@value #SYMMETRY_SPREAD} (every unit holds the same value for every example,
 *       float rounding allowed) and {@link LayerStats#gradientSpread()} {@code ≤}
 *       {@value #SYMMETRY_SPREAD} (every unit gets the same gradient, so no step can tell them apart).
 *       Zero or constant weights do this. A zero output layer is not symmetric: its units' gradients
 *       differ by class.</li>
 *   <li>A layer whose weights are all zero and that is not symmetric is a deliberate zero start (Fixup's
 *       last branch and output layers): {@code healthy}, judged by nothing else. Layers below such a
 *       layer get no gradient at step 0, so their gradient ratios are not judged.</li>
 *   <li>{@code exploding}: a non-finite output, or the output's root mean square above
 *       {@value #GROWTH} times the network input's, or the gradient norm at the layer's output above
 *       {@value #GROWTH} times the gradient norm at the network's output.</li>
 *   <li>{@code vanishing}: the same two ratios below {@code 1/}{@value #GROWTH}. Two orders of
 *       magnitude: a healthy deep network stays within a factor of a few (He init keeps the
 *       second moment of ReLU layers constant; Glorot's tanh layers lose it only like 1/depth), while
 *       a bad scale compounds geometrically (N(0, 0.01²) weights at width 100 lose a factor 10 per
 *       layer; 1/fan_in weights on ReLU lose √2 per layer, 2⁻⁵ after 10 layers and 2⁻¹⁵ after 30).</li>
 *   <li>{@code saturated}: a tanh, hard_tanh, sigmoid or softsign layer with more than
 *       {@value #SATURATION} of its outputs within 1% of the bounds.</li>
 *   <li>{@code dead}: a rectifier (relu, leaky_relu, relu6) layer with more than {@value #DEAD} of
 *       its units zero for every example of the batch. ReLU with a sound init has about half of the
 *       outputs zero; deep in a He-initialized 30-layer network the examples grow alike and 34-45% of
 *       the units are zero for a whole batch of 256, so the threshold sits above that.</li>
 * </ol>
 * The network's verdict is its most severe layer verdict (order of {@link Kind}).
 */
public final class Verdicts {
    /** Largest relative unit spread still called symmetric. */
    public static final double SYMMETRY_SPREAD = 1e-6;
    /** Factor of growth (or, inverted, of decay) that makes a layer exploding (vanishing). */
    public static final double GROWTH = 100;
    /** Fraction of saturated outputs above which a bounded activation is saturated. */
    public static final double SATURATION = 0.5;
    /** Fraction of dead units above which a rectifier layer is dead. */
    public static final double DEAD = 0.6;

    private Verdicts() {}

    /**
     * One verdict per layer.
     *
     * @param layers the layers' statistics, in model order
     * @param inputRms root mean square of the network's input
     * @param outputGradNorm gradient norm at the network's output (the loss gradient)
     */
    public static List<Verdict> layers(List<LayerStats> layers, double inputRms, double outputGradNorm) {
        int lastZero = -1;
        for (LayerStats s : layers) {
            if (s.weightNorm() == 0) {
                lastZero = Math.max(lastZero, s.index());
            }
        }
        List<Verdict> out = new ArrayList<>();
        for (LayerStats s : layers) {
            out.add(layer(s, inputRms, outputGradNorm, s.index() < lastZero));
        }
        return out;
    }

    /** The most severe of the layer verdicts ({@code healthy} for an empty list). */
    public static Verdict network(List<Verdict> layerVerdicts, List<LayerStats> layers) {
        int worst = -1;
        for (int i = 0; i < layerVerdicts.size(); i++) {
            if (worst < 0
                    || layerVerdicts
                                    .get(i)
                                    .kind()
                                    .compareTo(layerVerdicts.get(worst).kind())
                            < 0) {
                worst = i;
            }
        }
        if (worst < 0) {
            return new Verdict(Kind.HEALTHY, "layers", 0, 0, "no layer measured");
        }
        Verdict v = layerVerdicts.get(worst);
        if (v.kind() == Kind.HEALTHY) {
            return new Verdict(Kind.HEALTHY, v.figure(), v.value(), v.threshold(), "every layer is healthy");
        }
        LayerStats s = layers.get(worst);
        return new Verdict(
                v.kind(),
                v.figure(),
                v.value(),
                v.threshold(),
                "layer " + s.index() + " (" + s.kind() + " " + s.name() + "): " + v.reason());
    }

    static Verdict layer(LayerStats s, double inputRms, double outputGradNorm, boolean gradientBlocked) {
        if (s.units() >= 2
                && s.unitSpread() <= SYMMETRY_SPREAD
                && (Double.isNaN(s.gradientSpread()) || s.gradientSpread() <= SYMMETRY_SPREAD)) {
            return new Verdict(
                    Kind.SYMMETRIC,
                    "unit spread",
                    s.unitSpread(),
                    SYMMETRY_SPREAD,
                    "all " + s.units() + " units compute the same value and get the same gradient for every example");
        }
        if (s.weightNorm() == 0) {
            return new Verdict(
                    Kind.HEALTHY,
                    "weight norm",
                    0,
                    0,
                    "zero-initialized layer (as Fixup does): it starts constant and learns from its gradient");
        }
        if (s.output().nonFinite() > 0) {
            return new Verdict(
                    Kind.EXPLODING,
                    "non-finite outputs",
                    s.output().nonFinite(),
                    0,
                    s.output().nonFinite() + " outputs are NaN or infinite");
        }
        double signal = s.output().rms() / inputRms;
        double gradient = gradientBlocked ? 1 : s.gradOutputNorm() / outputGradNorm;
        if (signal > GROWTH || !Double.isFinite(s.gradOutputNorm())) {
            return new Verdict(
                    Kind.EXPLODING,
                    "output rms / input rms",
                    signal,
                    GROWTH,
                    String.format("the signal grew %.3g-fold", signal));
        }
        if (gradient > GROWTH) {
            return new Verdict(
                    Kind.EXPLODING,
                    "gradient norm / output gradient norm",
                    gradient,
                    GROWTH,
                    String.format("the gradient grew %.3g-fold on its way back", gradient));
        }
        if (signal < 1 / GROWTH) {
            return new Verdict(
                    Kind.VANISHING,
                    "output rms / input rms",
                    signal,
                    1 / GROWTH,
                    String.format("the signal shrank to %.3g of the input's", signal));
        }
        if (gradient < 1 / GROWTH) {
            return new Verdict(
                    Kind.VANISHING,
                    "gradient norm / output gradient norm",
                    gradient,
                    1 / GROWTH,
                    String.format("the gradient shrank to %.3g of the output's on its way back", gradient));
        }
        if (s.saturatedFraction() > SATURATION) {
            return new Verdict(
                    Kind.SATURATED,
                    "saturated fraction",
                    s.saturatedFraction(),
                    SATURATION,
                    String.format("%.0f%% of the outputs sit within 1%% of the bounds", 100 * s.saturatedFraction()));
        }
        if (s.deadUnitFraction() > DEAD) {
            return new Verdict(
                    Kind.DEAD,
                    "dead unit fraction",
                    s.deadUnitFraction(),
                    DEAD,
                    String.format("%.0f%% of the units are zero for the whole batch", 100 * s.deadUnitFraction()));
        }
        // healthy: report the scale ratio farther from 1 (in orders of magnitude)
        boolean bySignal = Math.abs(Math.log(signal)) >= Math.abs(Math.log(gradient)) || !Double.isFinite(gradient);
        double v = bySignal ? signal : gradient;
        return new Verdict(
                Kind.HEALTHY,
                bySignal ? "output rms / input rms" : "gradient norm / output gradient norm",
                v,
                v >= 1 ? GROWTH : 1 / GROWTH,
                String.format("scale ratio %.3g within [1/%.0f, %.0f]", v, GROWTH, GROWTH));
    }

    /** Orders verdicts by severity, the most severe first. */
    public static final Comparator<Verdict> SEVERITY = Comparator.comparing(Verdict::kind);
}
