package org.initlab.io.onnx;

import java.util.List;
import org.initlab.core.gain.Activation;
import org.initlab.io.onnx.proto.OnnxProto.NodeProto;
import org.initlab.nn.ActivationLayer;

/**
 * Subgraphs that exporters write for one engine layer. PyTorch 1.13 exports {@code nn.GELU()} (ONNX
 * has a {@code Gelu} operator only from opset 20) as
 * <pre>
 *   y = Mul(Mul(x, Add(Erf(Div(x, √2)), 1)), 0.5)        i.e.  y = x · (1 + erf(x/√2)) / 2 = x·Φ(x)
 * </pre>
 * a fork of {@code x} into a {@code Div} and a {@code Mul}; recognized here as one exact GELU.
 */
final class OnnxPatterns {
    /** Relative tolerance on the pattern's constants (stored as float32: √2 is off by 2e-8 relative). */
    private static final double CONSTANT_TOLERANCE = 1e-6;

    private OnnxPatterns() {}

    /** The GELU subgraph that starts at value {@code x} read by {@code readers}, or null when it is not one. */
    static OnnxOperators.Step gelu(OnnxGraph g, String x, List<NodeProto> readers) {
        if (readers.size() != 2) {
            return null;
        }
        NodeProto div = null;
        NodeProto mul = null;
        for (NodeProto n : readers) {
            if (n.getOpType().equals("Div")
                    && n.getInputCount() == 2
                    && n.getInput(0).equals(x)
                    && scalar(g, n.getInput(1), Math.sqrt(2))) {
                div = n;
            } else if (n.getOpType().equals("Mul") && n.getInputList().contains(x)) {
                mul = n;
            }
        }
        if (div == null || mul == null) {
            return null;
        }
        NodeProto erf = only(g, div.getOutput(0), "Erf");
        NodeProto add = erf == null ? null : only(g, erf.getOutput(0), "Add");
        if (add == null
                || !scalar(g, other(add, erf.getOutput(0)), 1)
                || !other(mul, x).equals(add.getOutput(0))) {
            return null;
        }
        NodeProto half = only(g, mul.getOutput(0), "Mul");
        if (half == null || !scalar(g, other(half, mul.getOutput(0)), 0.5)) {
            return null;
        }
        for (NodeProto n : List.of(div, erf, add, mul, half)) {
            g.visit(n);
        }
        return new OnnxOperators.Step(new ActivationLayer(Activation.GELU, Double.NaN), half.getOutput(0));
    }

    /** The one node reading {@code value}, if it has operator {@code op} (Erf: one input, else two); else null. */
    private static NodeProto only(OnnxGraph g, String value, String op) {
        List<NodeProto> r = g.readers(value);
        return r.size() == 1
                        && r.get(0).getOpType().equals(op)
                        && r.get(0).getInputCount() == (op.equals("Erf") ? 1 : 2)
                ? r.get(0)
                : null;
    }

    /** The input of the two-input node {@code n} that is not {@code value}. */
    private static String other(NodeProto n, String value) {
        return n.getInput(0).equals(value) ? n.getInput(1) : n.getInput(0);
    }

    private static boolean scalar(OnnxGraph g, String name, double expected) {
        OnnxTensor t = g.constant(name);
        return t != null
                && t.floats() != null
                && t.size() == 1
                && Math.abs(t.floats()[0] / expected - 1) <= CONSTANT_TOLERANCE;
    }
}
