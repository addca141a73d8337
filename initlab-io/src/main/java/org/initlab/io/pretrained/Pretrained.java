package org.initlab.io.pretrained;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.initlab.io.StateDict;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;

/**
 * Loads a state dict into a model's parameters (and batch-norm running statistics), all or nothing.
 * A PyTorch {@code state_dict} loads as it is: its recurrent keys and batch-norm buffers are read as
 * {@link TorchStateDict} says.
 *
 * <p>Every entry point first computes the whole plan without touching the model: each file key is
 * renamed by the {@link NameMapping}, matched to the parameter with that path, its shape checked
 * after the {@link LayoutTransform}, its values converted to float (F16, BF16, F64, I32 and I64
 * included; F64 and integers rounded to nearest) into a new buffer and checked to be finite.
 * Shapes must be equal after the layout transform; nothing is reshaped (a scalar {@code []} does not
 * fit a {@code [1]} parameter, a flat {@code [12]} does not fit {@code [3, 4]}). Then:
 * <ul>
 *   <li>strict mode refuses the load if there is any problem at all (missing parameter, unexpected
 *       key, shape mismatch, name collision, non-finite value), listing all of them in one
 *       {@link PretrainedLoadException};</li>
 *   <li>non-strict mode loads the arrays that fit and reports the rest ({@link LoadReport}), but
 *       still refuses name collisions, non-finite values (a corrupt body layer must not silently be
 *       re-initialized) and a load that would load nothing.</li>
 * </ul>
 * Non-finite values are always refused; there is no option to allow them.
 *
 * <p><b>All or nothing.</b> A refused load writes nothing. Writing copies the prepared buffers
 * into the parameters; should it fail anyway (an {@link Error}, say), every parameter the call
 * changed is restored from a copy taken before the first write, so a call that throws leaves the
 * model's values exactly as they were. Gradients are never touched.
 *
 * <p>Allocates: the converted buffers of every loaded array, and a copy of every parameter the
 * call may write ({@link #load}: the loaded ones; {@link #initialize}: all of them).
 */
public final class Pretrained {
    private Pretrained() {}

    /**
     * What {@link #load} would do, without doing it: the report, or the exception it would throw.
     * Touches nothing.
     *
     * @throws PretrainedLoadException when the load would be refused
     */
    public static LoadReport check(Sequential model, StateDict dict, LoadOptions options) {
        return accepted(model, dict, options).report();
    }

    /**
     * Copies the arrays of {@code dict} into the matching parameters of {@code model}; parameters
     * not loaded keep their values.
     *
     * @return what was loaded and (non-strict) what was skipped
     * @throws PretrainedLoadException when the load is refused; the model is then unchanged
     */
    public static LoadReport load(Sequential model, StateDict dict, LoadOptions options) {
        return load(model, dict, options, p -> {});
    }

    /**
     * The usual fine-tuning set-up in one call: loads what {@code dict} has and initializes every
     * other parameter by {@code plan}. The result equals "{@code plan.apply(model, seed)}, then
     * {@link #load}" for every parameter, because the plan's randomness is keyed by (seed, path),
     * so skipping the loaded parameters changes no other's values; but the loaded parameters are
     * never filled only to be overwritten.
     *
     * @return what was loaded; {@link LoadReport#notLoadedPaths()} got the plan's values
     * @throws PretrainedLoadException when the load is refused; the model is then unchanged
     */
    public static LoadReport initialize(
            Sequential model, InitPlan plan, long seed, StateDict dict, LoadOptions options) {
        return initialize(model, plan, seed, dict, options, p -> {});
    }

    /** {@link #load} with a hook called before each parameter is written (tests inject failures through it). */
    static LoadReport load(Sequential model, StateDict dict, LoadOptions options, Consumer<Parameter> beforeWrite) {
        Matching m = accepted(model, dict, options);
        List<Parameter> written =
                m.writes().stream().map(Matching.Write::parameter).toList();
        allOrNothing(written, m, () -> write(m, beforeWrite));
        return m.report();
    }

    /** {@link #initialize} with a hook called before each loaded parameter is written. */
    static LoadReport initialize(
            Sequential model,
            InitPlan plan,
            long seed,
            StateDict dict,
            LoadOptions options,
            Consumer<Parameter> beforeWrite) {
        Matching m = accepted(model, dict, options);
        Set<String> loaded = new HashSet<>(m.report().loadedPaths());
        allOrNothing(model.parameters(), m, () -> {
            plan.apply(model, seed, p -> !loaded.contains(p.path()));
            write(m, beforeWrite);
        });
        return m.report();
    }

    private static Matching accepted(Sequential model, StateDict dict, LoadOptions options) {
        Matching m = Matching.of(model, dict, options);
        List<LoadProblem> blocking = m.blocking(options.strict());
        if (!blocking.isEmpty()) {
            throw new PretrainedLoadException(options.strict(), blocking);
        }
        return m;
    }

    private static void write(Matching m, Consumer<Parameter> beforeWrite) {
        for (Matching.Write w : m.writes()) {
            beforeWrite.accept(w.parameter());
            float[] target = w.parameter().value();
            System.arraycopy(w.values(), 0, target, 0, target.length);
        }
        for (Matching.BufferWrite w : m.bufferWrites()) {
            System.arraycopy(w.values(), 0, w.target(), 0, w.target().length);
        }
        for (Matching.CounterWrite w : m.counterWrites()) {
            w.layer().setBatchesTracked(w.value());
        }
    }

    /**
     * Runs {@code work}; if it throws, puts back the values {@code touched} and the batch-norm
     * buffers {@code m} writes had before, and rethrows.
     */
    private static void allOrNothing(List<Parameter> touched, Matching m, Runnable work) {
        List<float[]> arrays = new ArrayList<>();
        touched.forEach(p -> arrays.add(p.value()));
        m.bufferWrites().forEach(w -> arrays.add(w.target()));
        List<float[]> before = arrays.stream().map(float[]::clone).toList();
        long[] counters = m.counterWrites().stream()
                .mapToLong(w -> w.layer().batchesTracked())
                .toArray();
        try {
            work.run();
        } catch (RuntimeException | Error e) {
            for (int i = 0; i < arrays.size(); i++) {
                System.arraycopy(before.get(i), 0, arrays.get(i), 0, arrays.get(i).length);
            }
            for (int i = 0; i < counters.length; i++) {
                m.counterWrites().get(i).layer().setBatchesTracked(counters[i]);
            }
            throw e;
        }
    }
}
