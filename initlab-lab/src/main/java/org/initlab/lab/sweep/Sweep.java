package org.initlab.lab.sweep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Registry;

/**
 * A grid of training runs: every combination of the axes' values, each trained with
 * {@code seeds} seeds. A cell is a fully connected network of {@code depth} hidden layers of
 * {@code width} units with the activation, whose weights are {@code N(0, σ_w²/fan_in)} and biases
 * {@code N(0, σ_b²)} (Schoenholz et al. 2017's parametrization), or, when {@code init} is given,
 * weights from that initializer and zero biases; it is trained with plain SGD for {@code steps}
 * steps of {@code batch} examples.
 *
 * <p>Spec syntax: {@code grid(sigma_w2=[1,2,3], depth=[10,20], act=tanh, steps=400)}; a list is
 * {@code [a,b,c]} or a range {@code start:stop:step} (both ends included); a single value is a
 * one-point axis. {@code phase-diagram} is the built-in flagship ({@link #phaseDiagram()}), and
 * takes the same arguments to change it.
 *
 * @param name {@code grid} or {@code phase-diagram}
 * @param sigmaW2 weight variance σ_w² values (each {@code > 0})
 * @param sigmaB2 bias variance σ_b² values ({@code ≥ 0})
 * @param depth hidden-layer counts (1..1000)
 * @param width hidden widths (1..4096)
 * @param activation activation names ({@link Activation#specName()})
 * @param lr SGD learning rates ({@code > 0})
 * @param init initializer specs for the weights instead of σ_w² (empty: use σ_w²)
 * @param steps SGD steps per cell (1..1,000,000); training accuracy is read at a quarter, half and all of them
 * @param batch examples per step (1..10,000)
 * @param data dataset spec (a real set: {@code digits}, {@code fashion-mnist}, ...)
 * @param train training examples used (10..60,000)
 * @param seeds seeds per cell (1..100)
 */
public record Sweep(
        String name,
        List<Double> sigmaW2,
        List<Double> sigmaB2,
        List<Integer> depth,
        List<Integer> width,
        List<String> activation,
        List<Double> lr,
        List<String> init,
        int steps,
        int batch,
        String data,
        int train,
        int seeds) {

    /** The most cells one sweep may have (cells times seeds). */
    public static final int MAX_RUNS = 100_000;

    /** Validates every value, naming the key, the value and what is valid. */
    public Sweep {
        sigmaW2 = List.copyOf(sigmaW2);
        sigmaB2 = List.copyOf(sigmaB2);
        depth = List.copyOf(depth);
        width = List.copyOf(width);
        activation = List.copyOf(activation);
        lr = List.copyOf(lr);
        init = List.copyOf(init);
        for (double v : sigmaW2) {
            require(v > 0 && v <= 1e4, "sigma_w2", v, "(0, 10000]");
        }
        for (double v : sigmaB2) {
            require(v >= 0 && v <= 1e4, "sigma_b2", v, "[0, 10000]");
        }
        for (int v : depth) {
            require(v >= 1 && v <= 1000, "depth", v, "[1, 1000]");
        }
        for (int v : width) {
            require(v >= 1 && v <= 4096, "width", v, "[1, 4096]");
        }
        for (String a : activation) {
            Activation.parse(a);
        }
        for (double v : lr) {
            require(v > 0 && v <= 100, "lr", v, "(0, 100]");
        }
        for (String i : init) {
            Registry.parse(i);
        }
        require(steps >= 1 && steps <= 1_000_000, "steps", steps, "[1, 1000000]");
        require(batch >= 1 && batch <= 10_000, "batch", batch, "[1, 10000]");
        require(train >= 10 && train <= 60_000, "train", train, "[10, 60000]");
        require(seeds >= 1 && seeds <= 100, "seeds", seeds, "[1, 100]");
        for (List<?> axis : List.of(sigmaW2, sigmaB2, depth, width, activation, lr)) {
            if (axis.isEmpty()) {
                throw new IllegalArgumentException("sweep: every axis needs at least one value");
            }
        }
        long runs = (init.isEmpty() ? (long) sigmaW2.size() * sigmaB2.size() : init.size())
                * depth.size()
                * width.size()
                * activation.size()
                * lr.size()
                * seeds;
        if (runs > MAX_RUNS) {
            throw new IllegalArgumentException("sweep: " + runs + " runs (cells × seeds); at most " + MAX_RUNS);
        }
    }

    /**
     * Schoenholz et al. (2017), Figure 5 at small scale: tanh networks, σ_b² = 0.05, σ_w² from 0.5
     * to 4 against depth 2 to 48, width 64, 400 plain SGD steps of 32 digits at lr 0.02.
     */
    public static Sweep phaseDiagram() {
        List<Double> sw = range(0.5, 4.0, 0.25);
        return new Sweep(
                "phase-diagram",
                sw,
                List.of(0.05),
                List.of(2, 4, 8, 12, 16, 24, 32, 48),
                List.of(64),
                List.of("tanh"),
                List.of(0.02),
                List.of(),
                400,
                32,
                "digits",
                1400,
                1);
    }

    /** A plain grid's defaults: one cell of the phase diagram's settings. */
    static Sweep grid() {
        return new Sweep(
                "grid",
                List.of(1.0),
                List.of(0.05),
                List.of(8),
                List.of(64),
                List.of("tanh"),
                List.of(0.02),
                List.of(),
                400,
                32,
                "digits",
                1400,
                1);
    }

    /** The cells in row-major order (init or σ_w², σ_b², depth, width, activation, lr), without seeds. */
    public List<Cell> cells() {
        List<Cell> cells = new ArrayList<>();
        List<String> inits = init.isEmpty() ? java.util.Collections.singletonList(null) : init;
        for (String i : inits) {
            for (double sw : i == null ? sigmaW2 : List.of(Double.NaN)) {
                for (double sb : i == null ? sigmaB2 : List.of(Double.NaN)) {
                    for (int d : depth) {
                        for (int w : width) {
                            for (String a : activation) {
                                for (double l : lr) {
                                    cells.add(new Cell(i, sw, sb, d, w, a, l));
                                }
                            }
                        }
                    }
                }
            }
        }
        return cells;
    }

    /** Parses a sweep spec (see the class comment). */
    public static Sweep parse(String spec) {
        String s = spec.strip();
        int open = s.indexOf('(');
        String name = (open < 0 ? s : s.substring(0, open)).strip().toLowerCase(Locale.ROOT);
        Sweep base = switch (name) {
            case "phase-diagram" -> phaseDiagram();
            case "grid" -> grid();
            default ->
                throw new IllegalArgumentException("unknown sweep '" + name + "'; valid: phase-diagram, grid(...)");
        };
        if (open < 0) {
            return base;
        }
        if (!s.endsWith(")")) {
            throw new IllegalArgumentException("bad sweep spec '" + s + "': missing ')' at the end");
        }
        Map<String, String> args = arguments(s.substring(open + 1, s.length() - 1), s);
        Sweep r = new Sweep(
                name,
                args.containsKey("sigma_w2") ? doubles(args.remove("sigma_w2"), "sigma_w2") : base.sigmaW2,
                args.containsKey("sigma_b2") ? doubles(args.remove("sigma_b2"), "sigma_b2") : base.sigmaB2,
                args.containsKey("depth") ? ints(args.remove("depth"), "depth") : base.depth,
                args.containsKey("width") ? ints(args.remove("width"), "width") : base.width,
                args.containsKey("act") ? strings(args.remove("act")) : base.activation,
                args.containsKey("lr") ? doubles(args.remove("lr"), "lr") : base.lr,
                args.containsKey("init") ? strings(args.remove("init")) : base.init,
                args.containsKey("steps") ? integer(args.remove("steps"), "steps") : base.steps,
                args.containsKey("batch") ? integer(args.remove("batch"), "batch") : base.batch,
                args.containsKey("data") ? args.remove("data") : base.data,
                args.containsKey("train") ? integer(args.remove("train"), "train") : base.train,
                args.containsKey("seeds") ? integer(args.remove("seeds"), "seeds") : base.seeds);
        if (!args.isEmpty()) {
            throw new IllegalArgumentException(
                    "sweep: unknown key '" + args.keySet().iterator().next()
                            + "'; valid: sigma_w2, sigma_b2, depth, width, act, lr, init, steps, batch, data, train, seeds");
        }
        return r;
    }

    /** The canonical spec: {@code parse(format(s)).equals(s)}. */
    public String format() {
        List<String> parts = new ArrayList<>();
        if (init.isEmpty()) {
            parts.add("sigma_w2=" + list(sigmaW2));
            parts.add("sigma_b2=" + list(sigmaB2));
        } else {
            parts.add("init=" + list(init));
        }
        parts.add("depth=" + list(depth));
        parts.add("width=" + list(width));
        parts.add("act=" + list(activation));
        parts.add("lr=" + list(lr));
        parts.add("steps=" + steps);
        parts.add("batch=" + batch);
        parts.add("data=" + data);
        parts.add("train=" + train);
        parts.add("seeds=" + seeds);
        return name + "(" + String.join(", ", parts) + ")";
    }

    private static String list(List<?> values) {
        List<String> s = new ArrayList<>();
        for (Object v : values) {
            s.add(v instanceof Double d ? number(d) : v.toString());
        }
        return "[" + String.join(",", s) + "]";
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** Splits {@code key=value} arguments at the commas outside brackets and parentheses. */
    private static Map<String, String> arguments(String body, String spec) {
        Map<String, String> args = new LinkedHashMap<>();
        int depthCount = 0;
        int start = 0;
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c == '[' || c == '(') {
                depthCount++;
            } else if (c == ']' || c == ')') {
                depthCount--;
            } else if (c == ',' && depthCount == 0) {
                parts.add(body.substring(start, i));
                start = i + 1;
            }
        }
        if (depthCount != 0) {
            throw new IllegalArgumentException("bad sweep spec '" + spec + "': unbalanced brackets");
        }
        parts.add(body.substring(start));
        for (String p : parts) {
            if (p.isBlank() && parts.size() == 1) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0 || p.substring(eq + 1).isBlank()) {
                throw new IllegalArgumentException(
                        "bad sweep spec '" + spec + "': argument '" + p.strip() + "' needs key=value");
            }
            String key = p.substring(0, eq).strip().toLowerCase(Locale.ROOT);
            if (args.put(key, p.substring(eq + 1).strip()) != null) {
                throw new IllegalArgumentException("bad sweep spec '" + spec + "': '" + key + "' given twice");
            }
        }
        return args;
    }

    private static List<String> strings(String text) {
        String t = text.strip();
        if (t.startsWith("[") && t.endsWith("]")) {
            List<String> out = new ArrayList<>();
            int level = 0;
            int start = 1;
            for (int i = 1; i < t.length() - 1; i++) {
                char c = t.charAt(i);
                if (c == '(') {
                    level++;
                } else if (c == ')') {
                    level--;
                } else if (c == ',' && level == 0) {
                    out.add(element(t.substring(start, i), text));
                    start = i + 1;
                }
            }
            out.add(element(t.substring(start, t.length() - 1), text));
            return out;
        }
        return List.of(t);
    }

    private static String element(String e, String text) {
        if (e.isBlank()) {
            throw new IllegalArgumentException("sweep: empty element in '" + text + "'");
        }
        return e.strip();
    }

    private static List<Double> doubles(String text, String key) {
        String t = text.strip();
        if (!t.startsWith("[") && t.contains(":")) {
            String[] p = t.split(":", -1);
            if (p.length != 3) {
                throw new IllegalArgumentException("sweep: " + key + "=" + text + " is not a range start:stop:step");
            }
            double step = number(p[2], key);
            double from = number(p[0], key);
            double to = number(p[1], key);
            if (!(step > 0) || !(to >= from) || (to - from) / step > 10_000) {
                throw new IllegalArgumentException(
                        "sweep: " + key + "=" + text + " needs step > 0, stop >= start and" + " at most 10000 points");
            }
            return range(from, to, step);
        }
        List<Double> out = new ArrayList<>();
        for (String s : strings(t)) {
            out.add(number(s, key));
        }
        return out;
    }

    private static List<Integer> ints(String text, String key) {
        List<Integer> out = new ArrayList<>();
        for (double d : doubles(text, key)) {
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("sweep: " + key + " takes whole numbers; got " + number(d));
            }
            out.add((int) d);
        }
        return out;
    }

    private static int integer(String text, String key) {
        List<Integer> v = ints(text, key);
        if (v.size() != 1) {
            throw new IllegalArgumentException("sweep: " + key + " takes one value; got " + text);
        }
        return v.get(0);
    }

    private static double number(String s, String key) {
        try {
            double d = Double.parseDouble(s.strip());
            if (!Double.isFinite(d)) {
                throw new NumberFormatException();
            }
            return d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("sweep: " + key + " takes finite numbers; got '" + s.strip() + "'", e);
        }
    }

    /** {@code from, from + step, ..., to} (within 1e-9 steps), each rounded to 12 significant digits. */
    static List<Double> range(double from, double to, double step) {
        List<Double> out = new ArrayList<>();
        long n = (long) Math.floor((to - from) / step + 1e-9);
        for (long i = 0; i <= n; i++) {
            out.add(Double.parseDouble(String.format(Locale.ROOT, "%.12g", from + i * step)));
        }
        return out;
    }

    private static void require(boolean ok, String key, double value, String valid) {
        if (!ok) {
            throw new IllegalArgumentException("sweep: " + key + " must be in " + valid + "; got " + number(value));
        }
    }
}
