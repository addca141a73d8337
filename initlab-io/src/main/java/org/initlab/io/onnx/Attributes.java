package org.initlab.io.onnx;

import java.util.ArrayList;
import java.util.List;
import org.initlab.io.onnx.proto.OnnxProto.AttributeProto;
import org.initlab.io.onnx.proto.OnnxProto.NodeProto;

/** Reads one node's attributes by name, with the operator's default when absent. */
final class Attributes {
    private Attributes() {}

    static AttributeProto find(NodeProto node, String name) {
        for (AttributeProto a : node.getAttributeList()) {
            if (a.getName().equals(name)) {
                return a;
            }
        }
        return null;
    }

    static long integer(NodeProto node, String name, long fallback) {
        AttributeProto a = find(node, name);
        return a == null ? fallback : a.getI();
    }

    /**
     * A float attribute as the decimal it was written from ({@code 0.1f} gives {@code 0.1}, not
     * {@code 0.10000000149}), since PyTorch stores its double arguments rounded to float32.
     */
    static double real(NodeProto node, String name, double fallback) {
        AttributeProto a = find(node, name);
        return a == null ? fallback : Double.parseDouble(Float.toString(a.getF()));
    }

    static String text(NodeProto node, String name, String fallback) {
        AttributeProto a = find(node, name);
        return a == null ? fallback : a.getS().toStringUtf8();
    }

    /** The integers of an INTS attribute, or {@code fallback} when absent. */
    static List<Long> integers(NodeProto node, String name, List<Long> fallback) {
        AttributeProto a = find(node, name);
        return a == null ? fallback : new ArrayList<>(a.getIntsList());
    }
}
