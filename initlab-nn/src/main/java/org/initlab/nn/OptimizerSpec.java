package org.initlab.nn;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Optimizer spec strings: {@code sgd(lr=0.1, momentum=0.9, nesterov=true, weight_decay=1e-4)},
 * {@code adam(lr=1e-3, beta1=0.9, beta2=0.999, eps=1e-8, weight_decay=0)},
 * {@code adamw(lr=1e-3, weight_decay=0.01)}, {@code rmsprop(lr=0.01, alpha=0.99)}. Unnamed defaults are PyTorch's (AdamW's weight
 * decay 0.01); {@code lr} defaults to 0.01 for SGD and 0.001 for Adam/AdamW.
 */
public final class OptimizerSpec {
    private static final Pattern CALL = Pattern.compile("([a-z]+)\\s*(?:\\((.*)\\))?");

    private OptimizerSpec() {
    }

    public static Optimizer parse(String spec) {
        Matcher m = CALL.matcher(spec.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("bad optimizer spec '" + spec + "'; expected e.g. adam(lr=1e-3) or sgd(lr=0.1, momentum=0.9)");
        }
        Map<String, String> args = new HashMap<>();
        if (m.group(2) != null && !m.group(2).isBlank()) {
            for (String part : m.group(2).split(",")) {
                String[] kv = part.split("=", 2);
                if (kv.length != 2) {
                    throw new IllegalArgumentException("bad optimizer argument '" + part.strip() + "' in '" + spec + "': expected key=value");
                }
                args.put(kv[0].strip(), kv[1].strip());
            }
        }
        Optimizer o = switch (m.group(1)) {
            case "sgd" -> new Sgd(num(args, "lr", 0.01), num(args, "momentum", 0), bool(args, "nesterov"), num(args, "weight_decay", 0));
            case "adam" -> new Adam(num(args, "lr", 1e-3), num(args, "beta1", 0.9), num(args, "beta2", 0.999),
                    num(args, "eps", 1e-8), num(args, "weight_decay", 0), false);
            case "adamw" -> new Adam(num(args, "lr", 1e-3), num(args, "beta1", 0.9), num(args, "beta2", 0.999),
                    num(args, "eps", 1e-8), num(args, "weight_decay", 0.01), true);
            case "rmsprop" -> new RmsProp(num(args, "lr", 0.01), num(args, "alpha", 0.99), num(args, "eps", 1e-8),
                    num(args, "weight_decay", 0));
            default -> throw new IllegalArgumentException("unknown optimizer '" + m.group(1) + "'; valid: sgd, adam, adamw, rmsprop");
        };
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("unknown argument(s) " + args.keySet() + " for " + m.group(1));
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
        return v != null && switch (v) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("optimizer argument " + key + " must be true or false, got '" + v + "'");
        };
    }
}
