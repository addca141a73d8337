package org.initlab.io.pretrained;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.initlab.io.pretrained.Models.bits;
import static org.initlab.io.pretrained.Models.initialized;
import static org.initlab.io.pretrained.Models.parameter;
import static org.initlab.io.pretrained.Models.stateDict;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.SequencedMap;
import java.util.function.Supplier;
import org.initlab.core.init.GlorotUniform;
import org.initlab.io.DType;
import org.initlab.io.NdArray;
import org.initlab.io.StateDict;
import org.initlab.io.pretrained.LoadProblem.Missing;
import org.initlab.io.pretrained.LoadProblem.NameCollision;
import org.initlab.io.pretrained.LoadProblem.NonFinite;
import org.initlab.io.pretrained.LoadProblem.NothingLoaded;
import org.initlab.io.pretrained.LoadProblem.ShapeMismatch;
import org.initlab.io.pretrained.LoadProblem.Unexpected;
import org.initlab.nn.Dense;
import org.initlab.nn.InitPlan;
import org.initlab.nn.Parameter;
import org.initlab.nn.Sequential;
import org.junit.jupiter.api.Test;

class PretrainedLoadTest {
    private static final LoadOptions STRICT = LoadOptions.defaults();
    private static final LoadOptions NON_STRICT = LoadOptions.defaults().withStrict(false);

    private static SequencedMap<String, NdArray> arrays(StateDict d) {
        return new LinkedHashMap<>(d.arrays());
    }

    @Test
    void strictLoadOfACompleteDictCopiesEveryArrayExactly() {
        for (Supplier<Sequential> architecture : List.<Supplier<Sequential>>of(Models::mixed, Models::conv)) {
            Sequential source = initialized(architecture.get(), 1);
            StateDict dict = stateDict(source);
            Sequential target = initialized(architecture.get(), 2);
            assertThat(Arrays.deepEquals(bits(target), bits(source))).isFalse();

            LoadReport report = Pretrained.load(target, dict, STRICT);

            for (Parameter p : target.parameters()) {
                assertThat(Models.f32Bytes(p.value()))
                        .as(p.path())
                        .isEqualTo(dict.arrays().get(p.path()).data());
            }
            assertThat(report.complete()).isTrue();
            assertThat(report.loadedPaths())
                    .containsExactlyElementsOf(dict.arrays().keySet());
            assertThat(report.loaded()).allSatisfy(l -> {
                assertThat(l.key()).isEqualTo(l.path());
                assertThat(l.dtype()).isEqualTo(DType.F32);
                assertThat(l.rearranged()).isFalse();
            });
            assertThat(report.summary()).isEqualTo("loaded " + dict.arrays().size() + " arrays");
        }
    }

    @Test
    void strictLoadOfAPartialDictFailsListingEveryProblemAtOnceAndChangesNothing() {
        Sequential source = initialized(Models.mixed(), 1);
        SequencedMap<String, NdArray> a = arrays(stateDict(source));
        a.remove("4.alpha");
        a.remove("5.weight");
        a.put("3.weight", NdArray.ofFloats(new float[6], 6));
        a.put("1.weight_hh", NdArray.ofFloats(new float[20 * 5], 5, 20));
        a.put("head.weight", NdArray.ofFloats(new float[2], 2));
        Sequential target = initialized(Models.mixed(), 2);
        int[][] before = bits(target);

        PretrainedLoadException e = (PretrainedLoadException)
                org.assertj.core.api.Assertions.catchThrowable(() -> Pretrained.load(target, new StateDict(a), STRICT));

        assertThat(e.problems())
                .containsExactlyInAnyOrder(
                        new ShapeMismatch("1.weight_hh", "1.weight_hh", List.of(5, 20), List.of(5, 20), List.of(20, 5)),
                        new ShapeMismatch("3.weight", "3.weight", List.of(6), List.of(6), List.of(5)),
                        new Unexpected("head.weight", "head.weight", List.of(2)),
                        new Missing("4.alpha", List.of(1)),
                        new Missing("5.weight", List.of(3, 5)));
        String firstLine = e.getMessage().lines().findFirst().orElseThrow();
        assertThat(firstLine)
                .contains(
                        "strict",
                        "5 problems",
                        "nothing was changed",
                        "missing 4.alpha [1]",
                        "missing 5.weight [3, 5]",
                        "unexpected head.weight [2]",
                        "shape mismatch 3.weight: file [6], model [5]",
                        "shape mismatch 1.weight_hh: file [5, 20], model [20, 5]");
        assertThat(e.getMessage().lines().count()).isEqualTo(6);
        assertThat(bits(target)).isDeepEqualTo(before);
        assertThatThrownBy(() -> Pretrained.check(target, new StateDict(a), STRICT))
                .isInstanceOf(PretrainedLoadException.class);
    }

    @Test
    void nonStrictFineTuningLoadsTheBodyAndGivesTheNewHeadThePlansValues() {
        Sequential pretrained = initialized(Models.mlp(4, 8, 10), 1);
        Sequential model = Models.mlp(4, 8, 3); // same body, a head for 3 classes instead of 10
        LoadReport report = Pretrained.initialize(model, InitPlan.defaults(), 7, stateDict(pretrained), NON_STRICT);

        Sequential planOnly = initialized(Models.mlp(4, 8, 3), 7);
        assertThat(parameter(model, "0.weight").value())
                .isEqualTo(parameter(pretrained, "0.weight").value());
        assertThat(parameter(model, "0.bias").value())
                .isEqualTo(parameter(pretrained, "0.bias").value());
        assertThat(bits(parameter(model, "2.weight").value()))
                .isEqualTo(bits(parameter(planOnly, "2.weight").value()));
        assertThat(bits(parameter(model, "2.bias").value()))
                .isEqualTo(bits(parameter(planOnly, "2.bias").value()));
        assertThat(parameter(model, "0.weight").value())
                .isNotEqualTo(parameter(planOnly, "0.weight").value());

        assertThat(report.loadedPaths()).containsExactly("0.weight", "0.bias");
        assertThat(report.mismatched())
                .containsExactly(
                        new ShapeMismatch("2.weight", "2.weight", List.of(10, 8), List.of(10, 8), List.of(3, 8)),
                        new ShapeMismatch("2.bias", "2.bias", List.of(10), List.of(10), List.of(3)));
        assertThat(report.missing()).isEmpty();
        assertThat(report.unexpected()).isEmpty();
        assertThat(report.notLoadedPaths()).containsExactly("2.weight", "2.bias");
        assertThat(report.summary())
                .isEqualTo("loaded 2 arrays; 2 parameters left to the init plan (0 missing, 2 shape mismatches)");
        assertThat(report.rows())
                .extracting(LoadReport.Row::status)
                .containsExactly("loaded", "loaded", "shape mismatch", "shape mismatch");
    }

    @Test
    void nonStrictReportsRenamedHeadsAsUnexpectedKeysAndMissingParameters() {
        Sequential pretrained = initialized(Models.mlp(4, 8, 10), 1);
        SequencedMap<String, NdArray> a = arrays(stateDict(pretrained));
        a.put("fc.weight", a.remove("2.weight"));
        a.put("fc.bias", a.remove("2.bias"));
        Sequential model = Models.mlp(4, 8, 3);
        LoadReport report = Pretrained.initialize(model, InitPlan.defaults(), 7, new StateDict(a), NON_STRICT);

        assertThat(report.unexpected()).extracting(Unexpected::key).containsExactly("fc.weight", "fc.bias");
        assertThat(report.missing()).extracting(Missing::path).containsExactly("2.weight", "2.bias");
        assertThat(report.summary())
                .isEqualTo(
                        "loaded 2 arrays; 2 parameters left to the init plan (2 missing, 0 shape mismatches); 2 unexpected keys skipped");
        assertThat(bits(parameter(model, "2.weight").value()))
                .isEqualTo(bits(parameter(initialized(Models.mlp(4, 8, 3), 7), "2.weight")
                        .value()));
        assertThat(report.toString().lines().toList())
                .hasSize(1 + 6)
                .contains("missing  -  2.bias  model [3], left to the init plan");
    }

    @Test
    void initializeEqualsPlanThenLoadForEveryParameter() {
        Sequential source = initialized(Models.mixed(), 3);
        SequencedMap<String, NdArray> a = arrays(stateDict(source));
        a.remove("1.weight_ih");
        a.remove("4.2.bias");
        a.put("5.weight", NdArray.ofFloats(new float[4 * 5], 4, 5));
        StateDict dict = new StateDict(a);
        for (InitPlan plan : List.of(InitPlan.defaults(), InitPlan.allWeights(new GlorotUniform()))) {
            Sequential oneCall = Models.mixed();
            LoadReport r1 = Pretrained.initialize(oneCall, plan, 11, dict, NON_STRICT);
            Sequential twoSteps = Models.mixed();
            plan.apply(twoSteps, 11);
            LoadReport r2 = Pretrained.load(twoSteps, dict, NON_STRICT);

            assertThat(bits(oneCall)).isDeepEqualTo(bits(twoSteps));
            assertThat(r1).isEqualTo(r2);
            assertThat(r1.notLoadedPaths()).containsExactly("1.weight_ih", "4.2.bias", "5.weight");
        }
    }

    @Test
    void checkReportsWhatLoadWouldDoAndTouchesNothing() {
        Sequential pretrained = initialized(Models.mlp(4, 8, 10), 1);
        Sequential model = initialized(Models.mlp(4, 8, 3), 2);
        int[][] before = bits(model);
        LoadReport checked = Pretrained.check(model, stateDict(pretrained), NON_STRICT);
        assertThat(bits(model)).isDeepEqualTo(before);
        assertThat(Pretrained.load(model, stateDict(pretrained), NON_STRICT)).isEqualTo(checked);
    }

    private static NdArray encoded(DType dtype, int[] shape, double... values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * dtype.bytes()).order(ByteOrder.LITTLE_ENDIAN);
        for (double v : values) {
            switch (dtype) {
                case F64 -> b.putDouble(v);
                case F32 -> b.putFloat((float) v);
                case F16 -> b.putShort(Float.floatToFloat16((float) v));
                case BF16 -> b.putShort((short) (Float.floatToRawIntBits((float) v) >>> 16));
                case I32 -> b.putInt((int) v);
                case I64 -> b.putLong((long) v);
            }
        }
        return new NdArray(dtype, shape, b.array());
    }

    @Test
    void everyElementTypeIsConvertedToFloat() {
        Sequential model = new Sequential(List.of(new Dense("0", 2, 2), new Dense("1", 2, 1)));
        SequencedMap<String, NdArray> a = new LinkedHashMap<>();
        a.put("0.weight", encoded(DType.F64, new int[] {2, 2}, 0.1, -1e-3, 2.5, 1e30));
        a.put("0.bias", encoded(DType.F16, new int[] {2}, 0.5, -1.25));
        a.put("1.weight", encoded(DType.BF16, new int[] {1, 2}, 1.5, -0.375));
        a.put("1.bias", encoded(DType.I64, new int[] {1}, -7));
        LoadReport report = Pretrained.load(model, new StateDict(a), STRICT);

        assertThat(parameter(model, "0.weight").value()).containsExactly(0.1f, -1e-3f, 2.5f, 1e30f);
        assertThat(parameter(model, "0.bias").value()).containsExactly(0.5f, -1.25f);
        assertThat(parameter(model, "1.weight").value()).containsExactly(1.5f, -0.375f);
        assertThat(parameter(model, "1.bias").value()).containsExactly(-7f);
        assertThat(report.loaded())
                .extracting(LoadReport.Loaded::dtype)
                .containsExactly(DType.F64, DType.F16, DType.BF16, DType.I64);

        a.put("1.bias", encoded(DType.I32, new int[] {1}, 12));
        Pretrained.load(model, new StateDict(a), STRICT);
        assertThat(parameter(model, "1.bias").value()).containsExactly(12f);
    }

    @Test
    void nonFiniteValuesAreRefusedInEitherModeWithTheKeyAndTheElement() {
        Sequential source = initialized(Models.mlp(4, 8, 3), 1);
        float[] w = parameter(source, "0.weight").value().clone(); // [8, 4]
        w[6] = Float.NaN;
        w[9] = Float.POSITIVE_INFINITY;
        SequencedMap<String, NdArray> a = arrays(stateDict(source));
        a.put("0.weight", NdArray.ofFloats(w, 8, 4));
        a.put("2.bias", encoded(DType.F64, new int[] {3}, 0, 1e300, 0));
        for (LoadOptions options : List.of(STRICT, NON_STRICT)) {
            Sequential model = initialized(Models.mlp(4, 8, 3), 2);
            int[][] before = bits(model);
            PretrainedLoadException e = (PretrainedLoadException) org.assertj.core.api.Assertions.catchThrowable(
                    () -> Pretrained.load(model, new StateDict(a), options));
            assertThat(e.problems())
                    .containsExactly(
                            new NonFinite("0.weight", List.of(1, 2), 6, "NaN", 2),
                            new NonFinite("2.bias", List.of(1), 1, "1.0E300", 1));
            assertThat(e.getMessage().lines().findFirst().orElseThrow())
                    .contains(
                            "non-finite value in 0.weight: element [1, 2] (index 6) is NaN; 2 elements are not finite floats",
                            "non-finite value in 2.bias: element [1] (index 1) is 1.0E300");
            assertThat(bits(model)).isDeepEqualTo(before);
        }
    }

    @Test
    void twoKeysMappedToOnePathAreRefusedInEitherMode() {
        Sequential source = initialized(Models.mlp(4, 8, 3), 1);
        SequencedMap<String, NdArray> a = arrays(stateDict(source));
        a.put("backup.0.weight", a.get("0.weight"));
        NameMapping mapping = NameMapping.parse(List.of("^backup\\.="));
        for (LoadOptions options : List.of(STRICT, NON_STRICT)) {
            Sequential model = initialized(Models.mlp(4, 8, 3), 2);
            int[][] before = bits(model);
            assertThatThrownBy(() -> Pretrained.load(model, new StateDict(a), options.withMapping(mapping)))
                    .isInstanceOfSatisfying(
                            PretrainedLoadException.class,
                            e -> assertThat(e.problems())
                                    .containsExactly(
                                            new NameCollision("0.weight", List.of("0.weight", "backup.0.weight"))))
                    .hasMessageContaining("name collision: keys 0.weight, backup.0.weight all map to 0.weight");
            assertThat(bits(model)).isDeepEqualTo(before);
        }
    }

    @Test
    void aMappingRenamesFileKeysToModelPaths() {
        Sequential source = initialized(Models.mlp(4, 8, 3), 1);
        SequencedMap<String, NdArray> a = new LinkedHashMap<>();
        stateDict(source).arrays().forEach((k, v) -> a.put("module.features." + k, v));
        Sequential model = initialized(Models.mlp(4, 8, 3), 2);
        LoadReport r = Pretrained.load(
                model, new StateDict(a), STRICT.withMapping(NameMapping.parse(List.of("^module\\.features\\.="))));
        assertThat(bits(model)).isDeepEqualTo(bits(source));
        assertThat(r.loaded().getFirst().key()).isEqualTo("module.features.0.weight");
        assertThat(r.loaded().getFirst().path()).isEqualTo("0.weight");
    }

    @Test
    void aNonStrictLoadThatWouldLoadNothingIsRefused() {
        Sequential source = initialized(Models.mlp(4, 8, 3), 1);
        SequencedMap<String, NdArray> a = new LinkedHashMap<>();
        stateDict(source).arrays().forEach((k, v) -> a.put("model." + k, v));
        Sequential model = initialized(Models.mlp(4, 8, 3), 2);
        assertThatThrownBy(() -> Pretrained.load(model, new StateDict(a), NON_STRICT))
                .isInstanceOfSatisfying(
                        PretrainedLoadException.class,
                        e -> assertThat(e.problems())
                                .containsExactly(new NothingLoaded(4, 4, "model.0.weight", "0.weight")))
                .hasMessageContaining("no array of the file fits the model");
        assertThatThrownBy(() -> Pretrained.load(model, new StateDict(new LinkedHashMap<>()), NON_STRICT))
                .isInstanceOfSatisfying(
                        PretrainedLoadException.class,
                        e -> assertThat(e.problems()).containsExactly(new NothingLoaded(0, 4, null, "0.weight")));
    }

    @Test
    void aModelWithTwoParametersOfOnePathIsRefused() {
        // refused when it is built, so no loader ever sees it
        assertThatThrownBy(() -> new Sequential(List.of(new Dense("0", 2, 2), new Dense("0", 2, 2))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two parameters share the path '0.weight'");
    }
}
