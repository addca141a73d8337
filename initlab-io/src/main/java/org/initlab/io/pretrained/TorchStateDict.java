package org.initlab.io.pretrained;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.initlab.io.NdArray;
import org.initlab.io.StateDict;
import org.initlab.nn.BatchNorm;
import org.initlab.nn.Gru;
import org.initlab.nn.Layer;
import org.initlab.nn.Parameter;
import org.initlab.nn.RecurrentLayer;
import org.initlab.nn.Residual;
import org.initlab.nn.Sequential;

/**
 * A model's state as PyTorch's {@code state_dict()} names and lays it out, and the way back: the
 * one place where the engine's own parameter arrangement meets PyTorch's.
 *
 * <p><b>Recurrent layers.</b> The engine keeps one bias per cell ({@code P.weight_ih},
 * {@code P.weight_hh}, {@code P.bias}, and for a GRU {@code P.bias_hn}); PyTorch's single-layer,
 * unidirectional {@code nn.RNN/LSTM/GRU} keep {@code P.weight_ih_l0 [G·H, in]},
 * {@code P.weight_hh_l0 [G·H, H]}, {@code P.bias_ih_l0 [G·H]}, {@code P.bias_hh_l0 [G·H]}, gates
 * stacked in the engine's order (LSTM {@code i, f, g, o}; GRU {@code r, z, n}; RNN one block).
 * <ul>
 *   <li>Export: the weights as they are; {@code bias_ih_l0 = bias} and {@code bias_hh_l0 = 0},
 *       except the GRU's {@code n} rows of {@code bias_hh_l0}, which are {@code bias_hn}. PyTorch
 *       computes the same function (it adds the two biases, and the GRU's reset gate scales only
 *       {@code b_hn}); the split of a sum into two biases is not recoverable, so the whole sum goes
 *       to {@code bias_ih_l0}.</li>
 *   <li>Import (by key suffix, before any renaming): {@code bias = bias_ih_l0 + bias_hh_l0};
 *       for a GRU ({@code weight_hh_l0} with three times as many rows as columns) the {@code r, z}
 *       rows are summed, the {@code n} rows of {@code bias} are {@code bias_ih_l0}'s and
 *       {@code bias_hn} is the {@code n} rows of {@code bias_hh_l0}. A layer exported without biases
 *       ({@code bias=False}) has neither key; one bias without the other is an error. Keys of
 *       stacked ({@code _l1}) or bidirectional ({@code _reverse}) layers are left as they are (the
 *       engine has no such layer; a strict load lists them as unexpected).</li>
 * </ul>
 *
 * <p><b>Batch normalization</b> buffers follow the layer's {@code weight} and {@code bias}, as in
 * PyTorch: {@code P.running_mean [C]}, {@code P.running_var [C]} (float32) and
 * {@code P.num_batches_tracked []} (int64). On import they are set apart from the parameters and
 * loaded into the {@link BatchNorm} whose parameters are {@code P.weight} and {@code P.bias}. A dict
 * with any buffer must hold all of every batch norm's (a strict load lists the missing ones); a dict
 * without buffers (the engine's {@link StateDict#of parameters only}) loads the parameters and leaves
 * the running statistics as they are.
 */
public final class TorchStateDict {
    private static final Pattern RECURRENT = Pattern.compile("^(.*)\\.(weight_ih|weight_hh|bias_ih|bias_hh)_l0$");
    /** The suffixes of a batch-norm layer's buffers, in PyTorch's order. */
    static final List<String> BUFFERS = List.of("running_mean", "running_var", "num_batches_tracked");

    private TorchStateDict() {}

    /** A dict split into what matches parameters (engine names) and batch-norm buffers (file keys). */
    record Split(StateDict parameters, SequencedMap<String, NdArray> buffers) {}

    /**
     * The state dict PyTorch's {@code state_dict()} would hold for {@code model}: parameters in the
     * model's order (residual branches included), recurrent layers under PyTorch's names and
     * biases, batch norms followed by their three buffers; float32, except {@code num_batches_tracked}
     * (int64); values copied.
     *
     * @throws IllegalArgumentException when two entries would share a name
     */
    public static StateDict of(Sequential model) {
        SequencedMap<String, NdArray> out = new LinkedHashMap<>();
        add(model, out);
        return new StateDict(out);
    }

    private static void add(Layer layer, SequencedMap<String, NdArray> out) {
        switch (layer) {
            case Sequential s -> s.layers().forEach(l -> add(l, out));
            case Residual r -> {
                add(r.branch(), out);
                r.parameters()
                        .subList(r.branch().parameters().size(), r.parameters().size())
                        .forEach(p -> put(out, p.path(), floats(p)));
            }
            case RecurrentLayer r -> addRecurrent(r, out);
            case BatchNorm b -> {
                b.parameters().forEach(p -> put(out, p.path(), floats(p)));
                String prefix = prefix(b.scale().path(), ".weight");
                int c = b.runningMean().length;
                put(
                        out,
                        prefix + ".running_mean",
                        NdArray.ofFloats(b.runningMean().clone(), c));
                put(
                        out,
                        prefix + ".running_var",
                        NdArray.ofFloats(b.runningVariance().clone(), c));
                put(out, prefix + ".num_batches_tracked", NdArray.ofLongs(new long[] {b.batchesTracked()}));
            }
            default -> layer.parameters().forEach(p -> put(out, p.path(), floats(p)));
        }
    }

    private static void addRecurrent(RecurrentLayer r, SequencedMap<String, NdArray> out) {
        String prefix = prefix(r.weightIh().path(), ".weight_ih");
        put(out, prefix + ".weight_ih_l0", floats(r.weightIh()));
        put(out, prefix + ".weight_hh_l0", floats(r.weightHh()));
        float[] bias = r.bias().value();
        float[] hh = new float[bias.length];
        if (r instanceof Gru g) {
            int h = r.hiddenSize();
            System.arraycopy(g.biasHn().value(), 0, hh, 2 * h, h);
        }
        put(out, prefix + ".bias_ih_l0", NdArray.ofFloats(bias.clone(), bias.length));
        put(out, prefix + ".bias_hh_l0", NdArray.ofFloats(hh, hh.length));
    }

    /**
     * Splits {@code dict} for loading: PyTorch's recurrent keys become the engine's (see the class
     * comment), batch-norm buffers are set apart, everything else is kept in order.
     *
     * @throws IllegalArgumentException for a recurrent layer with one bias but not the other, or
     *     arrays whose shapes do not fit together (naming the keys and shapes)
     */
    static Split split(StateDict dict) {
        SequencedMap<String, NdArray> params = new LinkedHashMap<>();
        SequencedMap<String, NdArray> buffers = new LinkedHashMap<>();
        Map<String, Map<String, NdArray>> cells = new LinkedHashMap<>();
        dict.arrays().forEach((key, a) -> {
            Matcher m = RECURRENT.matcher(key);
            if (m.matches()) {
                cells.computeIfAbsent(m.group(1), k -> new LinkedHashMap<>()).put(m.group(2), a);
                params.put(key, a); // placeholder keeps the file's order; replaced below
            } else if (BUFFERS.stream().anyMatch(b -> key.endsWith("." + b))) {
                buffers.put(key, a);
            } else {
                params.put(key, a);
            }
        });
        if (cells.isEmpty()) {
            return new Split(new StateDict(params), buffers);
        }
        SequencedMap<String, NdArray> ordered = new LinkedHashMap<>();
        for (Map.Entry<String, NdArray> e : params.entrySet()) {
            Matcher m = RECURRENT.matcher(e.getKey());
            if (!m.matches()) {
                ordered.put(e.getKey(), e.getValue());
            } else if (m.group(2).equals("weight_ih")) {
                ordered.putAll(engineCell(m.group(1), cells.get(m.group(1))));
            } else if (!cells.get(m.group(1)).containsKey("weight_ih")) {
                ordered.put(e.getKey(), e.getValue()); // not a whole cell: left for the matching to report
            }
        }
        return new Split(new StateDict(ordered), buffers);
    }

    private static SequencedMap<String, NdArray> engineCell(String prefix, Map<String, NdArray> cell) {
        SequencedMap<String, NdArray> out = new LinkedHashMap<>();
        out.put(prefix + ".weight_ih", cell.get("weight_ih"));
        NdArray hhWeight = cell.get("weight_hh");
        if (hhWeight != null) {
            out.put(prefix + ".weight_hh", hhWeight);
        }
        NdArray ih = cell.get("bias_ih");
        NdArray hh = cell.get("bias_hh");
        if (ih == null && hh == null) {
            return out;
        }
        if (ih == null || hh == null) {
            throw new IllegalArgumentException(
                    "recurrent layer '" + prefix + "' has " + prefix + (ih == null ? ".bias_hh_l0" : ".bias_ih_l0")
                            + " but not " + prefix + (ih == null ? ".bias_ih_l0" : ".bias_hh_l0")
                            + "; PyTorch's state dict has both biases or neither");
        }
        if (ih.shape().length != 1 || hh.shape().length != 1 || ih.shape()[0] != hh.shape()[0]) {
            throw new IllegalArgumentException("recurrent layer '" + prefix + "': bias_ih_l0 " + dims(ih)
                    + " and bias_hh_l0 " + dims(hh) + " must be vectors of one length (gates × hidden)");
        }
        float[] a = ih.toFloats();
        float[] b = hh.toFloats();
        boolean gru = hhWeight != null
                && hhWeight.shape().length == 2
                && hhWeight.shape()[0] == 3 * hhWeight.shape()[1]
                && a.length == hhWeight.shape()[0];
        float[] sum = new float[a.length];
        int summed = gru ? 2 * a.length / 3 : a.length;
        for (int i = 0; i < a.length; i++) {
            sum[i] = i < summed ? a[i] + b[i] : a[i];
        }
        out.put(prefix + ".bias", NdArray.ofFloats(sum, sum.length));
        if (gru) {
            float[] hn = new float[a.length - summed];
            System.arraycopy(b, summed, hn, 0, hn.length);
            out.put(prefix + ".bias_hn", NdArray.ofFloats(hn, hn.length));
        }
        return out;
    }

    /** The model's batch norms by the path prefix of their parameters ({@code "1"} for {@code 1.weight}). */
    static Map<String, BatchNorm> batchNorms(Layer layer) {
        Map<String, BatchNorm> out = new LinkedHashMap<>();
        collect(layer, out);
        return out;
    }

    private static void collect(Layer layer, Map<String, BatchNorm> out) {
        switch (layer) {
            case Sequential s -> s.layers().forEach(l -> collect(l, out));
            case Residual r -> collect(r.branch(), out);
            case BatchNorm b -> out.put(prefix(b.scale().path(), ".weight"), b);
            default -> {}
        }
    }

    private static String prefix(String path, String suffix) {
        return path.endsWith(suffix) ? path.substring(0, path.length() - suffix.length()) : path;
    }

    private static NdArray floats(Parameter p) {
        return NdArray.ofFloats(p.value().clone(), p.shape().dims());
    }

    private static void put(SequencedMap<String, NdArray> out, String key, NdArray a) {
        if (out.put(key, a) != null) {
            throw new IllegalArgumentException("two entries of the state dict are named '" + key + "'");
        }
    }

    private static List<Integer> dims(NdArray a) {
        List<Integer> d = new ArrayList<>();
        for (int x : a.shape()) {
            d.add(x);
        }
        return d;
    }
}
