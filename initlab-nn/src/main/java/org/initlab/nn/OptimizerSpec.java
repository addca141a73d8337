package org.initlab.nn;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.initlab.core.init.SpecSyntax;

/**
 * Optimizer spec strings: {@code sgd(lr=0.1, momentum=0.9, nesterov=true, weight_decay=1e-4)},
 * {@code adam(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0)},
 * {@code adamw(lr=1e-3, weight_decay=0.01)}, {@code rmsprop(lr=0.01, alpha=0.99)}. Unnamed defaults are PyTorch's (AdamW's weight
 * decay 0.01); {@code lr} defaults to 0.01 for SGD and 0.001 for Adam/AdamW.
 */
public final class OptimizerSpec {
    private OptimizerSpec() {}

    public static Optimizer parse(String spec) {
        SpecSyntax.Call call = SpecSyntax.parse(spec, "optimizer", "adam(lr=1e-3) or sgd(lr=0.1, momentum=0.9)");
        Map<String, String> args = new HashMap<>();
        for (SpecSyntax.Arg arg : call.args()) {
            if (arg.key() == null) {
                throw new IllegalArgumentException(
                        "bad optimizer argument '" + arg.value() + "' in '" + spec + "': expected key=value");
            }
            args.put(arg.key(), arg.value().toLowerCase(Locale.ROOT));
        }
        Optimizer o = switch (call.name()) {
            case "sgd" ->
                new Sgd(
                        num(args, "lr", 0.01),
                        num(args, "momentum", 0),
                        bool(args, "nesterov"),
                        num(args, "weight_decay", 0));
            case "adam" ->
                new Adam(
                        num(args, "lr", 1e-3),
                        num(args, "beta1", 0.9),
                        num(args, "beta2", 0.999),
                        num(args, "eps", 1e-8),
                        num(args, "weight_decay", 0),
                        false);
            case "adamw" ->
                new Adam(
                        num(args, "lr", 1e-3),
                        num(args, "beta1", 0.9),
                        num(args, "beta2", 0.999),
                        num(args, "eps", 1e-8),
                        num(args, "weight_decay", 0.01),
                        true);
            case "rmsprop" ->
                new RmsProp(
                        num(args, "lr", 0.01),
                        num(args, "alpha", 0.99),
                        num(args, "eps", 1e-8),
                        num(args, "weight_decay", 0));
            default ->
                throw new IllegalArgumentException(
                        "unknown optimizer '" + call.name() + "'; valid: sgd, adam, adamw, rmsprop");
        };
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("unknown argument(s) " + args.keySet() + " for " + call.name());
        }
        return o;
    }

    private static double num(Map<String, String> args, String key, double fallback) {
        String v = args.remove(key);
        if (v == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("optimizer argument " + key + " must be a number, got '" + v + "'");
        }
    }

    private static boolean bool(Map<String, String> args, String key) {
        String v = args.remove(key);
        return v != null
                && switch (v) {
                    case "true" -> true;
                    case "false" -> false;
                    default ->
                        throw new IllegalArgumentException(
                                "optimizer argument " + key + " must be true or false, got '" + v + "'");
                };
    }
}
