package org.initlab.io.pretrained;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.initlab.io.DType;
import org.initlab.io.NdArray;
import org.initlab.io.StateDict;
import org.initlab.io.pretrained.LoadProblem.Missing;
import org.initlab.io.pretrained.LoadProblem.NameCollision;
import org.initlab.io.pretrained.LoadProblem.NonFinite;
import org.initlab.io.pretrained.LoadProblem.NothingLoaded;
import org.initlab.io.pretrained.LoadProblem.ShapeMismatch;
import org.initlab.io.pretrained.LoadProblem.Unexpected;
import org.initlab.nn.BatchNorm;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;

/**
 * The whole plan of a load, computed without touching the model: which file key goes to which
 * parameter, every problem, and each loadable array already converted to float and rearranged into
 * a new buffer of its parameter's shape.
 *
 * <p>Allocates one float array per matching key (the size of its parameter) plus, for a
 * rearranged kernel, one more of the same size while permuting.
 */
final class Matching {
    /** One array ready to be copied into its parameter. */
    record Write(Parameter parameter, float[] values) {}

    /** A batch-norm running statistic ready to be copied into its array. */
    record BufferWrite(String path, float[] target, float[] values) {}

    /** A batch norm's {@code num_batches_tracked}, to be set. */
    record CounterWrite(BatchNorm layer, long value) {}

    private final List<Write> writes = new ArrayList<>();
    private final List<BufferWrite> bufferWrites = new ArrayList<>();
    private final List<CounterWrite> counterWrites = new ArrayList<>();
    private final List<LoadReport.Loaded> loaded = new ArrayList<>();
    private final List<LoadProblem> problems = new ArrayList<>();
    private final int keys;
    private final String firstKey;
    private final List<Parameter> parameters;

    private Matching(StateDict dict, List<Parameter> parameters) {
        this.keys = dict.arrays().size();
        this.firstKey = keys == 0 ? null : dict.arrays().firstEntry().getKey();
        this.parameters = parameters;
    }

    /**
     * Matches {@code dict} against {@code model} under {@code options}. PyTorch's recurrent keys and
     * batch-norm buffers are first read as {@link TorchStateDict#split} says; buffers are matched to
     * the model's batch norms (after the same renaming); when the dict holds any buffer (a PyTorch
     * {@code state_dict} holds them all), a batch norm without its three is missing them. A dict of
     * parameters only ({@link StateDict#of}) leaves the running statistics as they are.
     *
     * @throws IllegalArgumentException when two parameters of the model share a path (a model
     *     defect, not a file problem)
     */
    static Matching of(Sequential model, StateDict file, LoadOptions options) {
        TorchStateDict.Split split = TorchStateDict.split(file);
        StateDict dict = split.parameters();
        List<Parameter> params = model.parameters();
        Map<String, Parameter> byPath = new LinkedHashMap<>();
        for (Parameter p : params) {
            if (byPath.putIfAbsent(p.path(), p) != null) {
                throw new IllegalArgumentException("the model has two parameters with the path '" + p.path()
                        + "'; paths must be unique to load weights by name");
            }
        }
        Matching m = new Matching(dict, params);
        Set<String> claimed = new HashSet<>();
        options.mapping().mapKeys(dict.arrays().keySet()).forEach((path, keys) -> {
            claimed.add(path);
            if (keys.size() > 1) {
                m.problems.add(new NameCollision(path, keys));
            } else {
                m.match(keys.getFirst(), dict.arrays().get(keys.getFirst()), path, byPath.get(path), options);
            }
        });
        for (Parameter p : params) {
            if (!claimed.contains(p.path())) {
                m.problems.add(new Missing(p.path(), dims(p.shape().dims())));
            }
        }
        m.matchBuffers(TorchStateDict.batchNorms(model), split.buffers(), options);
        return m;
    }

    private void matchBuffers(Map<String, BatchNorm> norms, Map<String, NdArray> buffers, LoadOptions options) {
        Set<String> claimed = new HashSet<>();
        buffers.forEach((key, array) -> {
            String path = options.mapping().map(key);
            String buffer = path.substring(path.lastIndexOf('.') + 1);
            BatchNorm bn = norms.get(path.substring(0, Math.max(0, path.lastIndexOf('.'))));
            if (bn == null || !TorchStateDict.BUFFERS.contains(buffer) || !claimed.add(path)) {
                problems.add(new Unexpected(key, path, dims(array.shape())));
                return;
            }
            boolean counter = buffer.equals("num_batches_tracked");
            int[] expected = counter ? new int[0] : new int[] {bn.runningMean().length};
            if (!Arrays.equals(array.shape(), expected)) {
                problems.add(new ShapeMismatch(key, path, dims(array.shape()), dims(array.shape()), dims(expected)));
                return;
            }
            float[] values = array.toFloats();
            NonFinite bad = firstNonFinite(key, array, values);
            if (bad != null) {
                problems.add(bad);
                return;
            }
            if (counter) {
                long count = array.dtype() == DType.I64
                        ? ByteBuffer.wrap(array.data())
                                .order(ByteOrder.LITTLE_ENDIAN)
                                .getLong(0)
                        : Math.round((double) values[0]);
                counterWrites.add(new CounterWrite(bn, count));
            } else {
                float[] target = buffer.equals("running_mean") ? bn.runningMean() : bn.runningVariance();
                bufferWrites.add(new BufferWrite(path, target, values));
            }
            loaded.add(new LoadReport.Loaded(key, path, array.dtype(), dims(array.shape()), false));
        });
        if (buffers.isEmpty()) {
            return; // a dict of parameters only (StateDict.of): running statistics stay as they are
        }
        norms.forEach((prefix, bn) -> {
            for (String b : TorchStateDict.BUFFERS) {
                String path = prefix + "." + b;
                if (!claimed.contains(path)) {
                    problems.add(new Missing(
                            path, b.equals("num_batches_tracked") ? List.of() : List.of(bn.runningMean().length)));
                }
            }
        });
    }

    private void match(String key, NdArray array, String path, Parameter param, LoadOptions options) {
        int[] fileShape = array.shape();
        if (param == null) {
            problems.add(new Unexpected(key, path, dims(fileShape)));
            return;
        }
        int[] order = LayoutTransform.axisOrder(param.role(), fileShape.length, options.fileLayout(), param.layout());
        int[] arranged = LayoutTransform.permuteShape(fileShape, order);
        if (!Arrays.equals(arranged, param.shape().dims())) {
            problems.add(new ShapeMismatch(
                    key,
                    path,
                    dims(fileShape),
                    dims(arranged),
                    dims(param.shape().dims())));
            return;
        }
        float[] values = array.toFloats();
        NonFinite bad = firstNonFinite(key, array, values);
        if (bad != null) {
            problems.add(bad);
            return;
        }
        boolean rearranged = !isIdentity(order);
        writes.add(new Write(param, rearranged ? LayoutTransform.permute(values, fileShape, order) : values));
        loaded.add(new LoadReport.Loaded(key, path, array.dtype(), dims(fileShape), rearranged));
    }

    /** The problems that stop a load in this mode; empty when it may proceed. */
    List<LoadProblem> blocking(boolean strict) {
        if (strict) {
            return List.copyOf(problems);
        }
        List<LoadProblem> stop =
                problems.stream().filter(LoadProblem::stopsNonStrictLoad).toList();
        if (stop.isEmpty() && writes.isEmpty() && !parameters.isEmpty()) {
            return List.of(new NothingLoaded(
                    keys, parameters.size(), firstKey, parameters.getFirst().path()));
        }
        return stop;
    }

    List<Write> writes() {
        return writes;
    }

    List<BufferWrite> bufferWrites() {
        return bufferWrites;
    }

    List<CounterWrite> counterWrites() {
        return counterWrites;
    }

    /** The report of this load (as if it went through). */
    LoadReport report() {
        List<Missing> missing = new ArrayList<>();
        List<Unexpected> unexpected = new ArrayList<>();
        List<ShapeMismatch> mismatched = new ArrayList<>();
        for (LoadProblem p : problems) {
            switch (p) {
                case Missing m -> missing.add(m);
                case Unexpected u -> unexpected.add(u);
                case ShapeMismatch s -> mismatched.add(s);
                case NameCollision c -> {}
                case NonFinite n -> {}
                case NothingLoaded n -> {}
            }
        }
        return new LoadReport(loaded, missing, unexpected, mismatched);
    }

    /** The first element that is not a finite float (NaN, infinite, or an F64 beyond float range), or {@code null}. */
    private static NonFinite firstNonFinite(String key, NdArray array, float[] values) {
        int first = -1;
        long count = 0;
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                if (first < 0) {
                    first = i;
                }
                count++;
            }
        }
        if (first < 0) {
            return null;
        }
        String value = array.dtype() == DType.F64
                ? Double.toString(ByteBuffer.wrap(array.data())
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .getDouble(8 * first))
                : Float.toString(values[first]);
        return new NonFinite(key, dims(position(first, array.shape())), first, value, count);
    }

    private static int[] position(int index, int[] shape) {
        int[] pos = new int[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            pos[a] = index % shape[a];
            index /= shape[a];
        }
        return pos;
    }

    private static boolean isIdentity(int[] order) {
        for (int i = 0; i < order.length; i++) {
            if (order[i] != i) {
                return false;
            }
        }
        return true;
    }

    private static List<Integer> dims(int[] shape) {
        return Arrays.stream(shape).boxed().toList();
    }
}
