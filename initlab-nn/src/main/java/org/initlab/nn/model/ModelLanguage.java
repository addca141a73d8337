package org.initlab.nn.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.initlab.core.Names;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.SpecBinder;
import org.initlab.core.init.SpecBinder.Form;
import org.initlab.core.init.SpecSyntax;
import org.initlab.nn.model.Family.Cnn;
import org.initlab.nn.model.Family.Mlp;
import org.initlab.nn.model.Family.RecurrentNet;
import org.initlab.nn.model.Family.ResMlp;
import org.initlab.nn.model.Family.Steps;
import org.initlab.nn.model.LayerSpec.Activate;
import org.initlab.nn.model.LayerSpec.AvgPool;
import org.initlab.nn.model.LayerSpec.BatchNorm;
import org.initlab.nn.model.LayerSpec.Cell;
import org.initlab.nn.model.LayerSpec.Conv2d;
import org.initlab.nn.model.LayerSpec.Dense;
import org.initlab.nn.model.LayerSpec.Dropout;
import org.initlab.nn.model.LayerSpec.Embedding;
import org.initlab.nn.model.LayerSpec.Flatten;
import org.initlab.nn.model.LayerSpec.LastStep;
import org.initlab.nn.model.LayerSpec.LayerNorm;
import org.initlab.nn.model.LayerSpec.MaxPool;
import org.initlab.nn.model.LayerSpec.PerStep;
import org.initlab.nn.model.LayerSpec.Recurrent;
import org.initlab.nn.model.LayerSpec.Residual;
import org.initlab.nn.model.LayerSpec.SelfAttention;
import org.initlab.nn.model.LayerSpec.Seq;

/**
 * Model spec strings: the names of the layer kinds and how each is written, parsed and printed by
 * the initializer specs' {@link SpecBinder} (positional or {@code key=value} arguments, duplicates
 * refused, did-you-mean on unknown names and keys). For example
 * <pre>
 *   seq(conv2d(1,16,3,pad=1), batchnorm, relu, maxpool(2), flatten, dropout(0.1), dense(10), input=[1,28,28])
 * </pre>
 * {@link #format} prints the canonical spec, and {@code parse(format(m)).equals(m)} for every model.
 */
public final class ModelLanguage {
    /** One kind: how it is written, the other names it answers to, and a usage line for errors. */
    private record Kind(Form form, List<String> aliases, String usage) {}

    private static final Map<String, Kind> BY_NAME = new LinkedHashMap<>();
    private static final List<String> CANONICAL = new ArrayList<>();

    static {
        add(form("dense", Dense.class, Map.of("in", 0), Set.of("in")), "dense([IN,] OUT)");
        add(
                form("conv2d", Conv2d.class, Map.of("in", 0, "stride", 1, "pad", 0, "groups", 1), Set.of("in")),
                "conv2d([IN,] OUT, KERNEL, stride=1, pad=0, groups=1)",
                "conv");
        add(
                form("maxpool", MaxPool.class, Map.of("stride", 0), Set.of()),
                "maxpool(KERNEL, stride=KERNEL)",
                "max_pool2d",
                "max_pool");
        add(
                form("avgpool", AvgPool.class, Map.of("stride", 0), Set.of()),
                "avgpool(KERNEL, stride=KERNEL)",
                "avg_pool2d",
                "avg_pool");
        add(
                form(
                        "batchnorm",
                        BatchNorm.class,
                        Map.of("channels", 0, "eps", 1e-5, "momentum", 0.1),
                        Set.of("channels")),
                "batchnorm([CHANNELS], eps=1e-5, momentum=0.1)",
                "batch_norm");
        add(
                form("layernorm", LayerNorm.class, Map.of("features", 0, "eps", 1e-5), Set.of("features")),
                "layernorm([FEATURES], eps=1e-5)",
                "layer_norm");
        add(form("dropout", Dropout.class, Map.of("seed", 0L), Set.of()), "dropout(P, seed=0)");
        add(form("flatten", Flatten.class, Map.of(), Set.of()), "flatten");
        add(form("residual", Residual.class, Map.of("scale", false), Set.of()), "residual(BRANCH, scale=false)");
        add(form("embedding", Embedding.class, Map.of(), Set.of()), "embedding(NUM, DIM)");
        for (Cell cell : Cell.values()) {
            String name = cell.name().toLowerCase(Locale.ROOT) + "_layer";
            add(
                    new Form(name, Recurrent.class, Map.of("in", 0), Set.of("in"), Map.of("cell", cell), false),
                    name + "([IN,] HIDDEN)");
        }
        add(form("last_step", LastStep.class, Map.of(), Set.of()), "last_step");
        add(form("per_step", PerStep.class, Map.of(), Set.of()), "per_step(LAYER)");
        add(
                form("self_attention", SelfAttention.class, Map.of("dim", 0, "scaled", true), Set.of("dim")),
                "self_attention([DIM], scaled=true)");
        add(
                form(
                        "transformer",
                        LayerSpec.Transformer.class,
                        Map.of("norm", LayerSpec.Norm.PRE, "causal", true),
                        Set.of()),
                "transformer(VOCAB,D,HEADS,LAYERS,T,norm=pre|post,causal=true|false), e.g. transformer(50,64,4,2,16)");
        add(
                new Form("seq", Seq.class, Map.of("input", List.of()), Set.of(), Map.of(), true),
                "seq(LAYER, LAYER, ..., input=[D1, D2, ...])");
        for (Activation a : Activation.values()) {
            add(
                    new Form(
                            a.specName(),
                            Activate.class,
                            Map.of("param", Double.NaN),
                            Set.of(),
                            Map.of("activation", a),
                            false,
                            a.hasParam() ? Map.of("param", a.paramName()) : Map.of()),
                    a.hasParam() ? a.specName() + "(" + a.paramName().toUpperCase(Locale.ROOT) + ")" : a.specName());
        }
        BY_NAME.put("identity", BY_NAME.get("linear"));
        BY_NAME.put("swish", BY_NAME.get("silu"));
        add(
                form("mlp", Mlp.class, Map.of("act", Activation.RELU), Set.of()),
                "mlp(IN,[H1,H2,...],OUT,act=ACT), e.g. mlp(784,[256,128],10,act=relu)");
        add(
                form("resmlp", ResMlp.class, Map.of("act", Activation.RELU, "scale", false), Set.of()),
                "resmlp(IN,WIDTH,BLOCKS,OUT,act=ACT,scale=BOOL)");
        add(form("cnn", Cnn.class, Map.of(), Set.of()), "cnn(C,H,W,CLASSES), e.g. cnn(1,28,28,10)");
        for (Cell cell : Cell.values()) {
            String name = cell.name().toLowerCase(Locale.ROOT);
            add(
                    new Form(
                            name,
                            RecurrentNet.class,
                            Map.of("steps", Steps.LAST),
                            Set.of(),
                            Map.of("cell", cell),
                            false),
                    name + "(IN,HIDDEN,OUT,steps=last|all)");
        }
    }

    private ModelLanguage() {}

    /**
     * The model {@code spec} describes.
     *
     * @throws IllegalArgumentException naming the layer, the value received and what is valid
     */
    public static LayerSpec parse(String spec) {
        SpecSyntax.Call call =
                SpecSyntax.parse(spec, "model", "mlp(784,[256,128],10,act=relu) or seq(dense(4,8), relu, dense(2))");
        Kind kind = BY_NAME.get(call.name());
        if (kind == null) {
            throw new Nested("unknown layer '" + call.name() + "'" + Names.didYouMean(call.name(), BY_NAME.keySet())
                    + "valid: " + String.join(", ", CANONICAL));
        }
        try {
            return (LayerSpec) SpecBinder.bind(kind.form(), call, spec, ModelLanguage::resolve);
        } catch (Nested e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new Nested(e.getMessage() + "; expected " + kind.usage());
        }
    }

    /** The canonical spec of {@code model}: {@code parse(format(m)).equals(m)}. */
    public static String format(LayerSpec model) {
        return SpecBinder.format(formOf(model), model, ModelLanguage::render);
    }

    /** Every canonical layer name, in the order they are documented. */
    public static List<String> names() {
        return List.copyOf(CANONICAL);
    }

    /** The canonical name of {@code model}'s kind ({@code dense}, {@code relu}, {@code lstm_layer}, {@code mlp}). */
    public static String name(LayerSpec model) {
        return formOf(model).name();
    }

    /** How {@code model}'s kind is written: an exhaustive switch, so a new kind cannot be forgotten. */
    private static Form formOf(LayerSpec model) {
        String name = switch (model) {
            case Dense d -> "dense";
            case Conv2d c -> "conv2d";
            case MaxPool m -> "maxpool";
            case AvgPool a -> "avgpool";
            case BatchNorm b -> "batchnorm";
            case LayerNorm l -> "layernorm";
            case Dropout d -> "dropout";
            case Flatten f -> "flatten";
            case Activate a -> a.activation().specName();
            case Residual r -> "residual";
            case Embedding e -> "embedding";
            case Recurrent r -> r.cell().name().toLowerCase(Locale.ROOT) + "_layer";
            case LastStep l -> "last_step";
            case PerStep p -> "per_step";
            case SelfAttention s -> "self_attention";
            case LayerSpec.Transformer t -> "transformer";
            case Seq s -> "seq";
            case Mlp m -> "mlp";
            case ResMlp r -> "resmlp";
            case Cnn c -> "cnn";
            case RecurrentNet r -> r.cell().name().toLowerCase(Locale.ROOT);
        };
        return BY_NAME.get(name).form();
    }

    private static Object resolve(java.lang.reflect.Type type, String text) {
        if (type == LayerSpec.class) {
            return parse(text);
        }
        if (type == Activation.class) {
            return Activation.parse(text);
        }
        return null;
    }

    private static String render(Object value) {
        if (value instanceof LayerSpec l) {
            return format(l);
        }
        if (value instanceof Activation a) {
            return a.specName();
        }
        return null;
    }

    private static Form form(String name, Class<?> type, Map<String, Object> defaults, Set<String> inferred) {
        return new Form(name, type, defaults, inferred, Map.of(), false);
    }

    private static void add(Form form, String usage, String... aliases) {
        Kind kind = new Kind(form, List.of(aliases), usage);
        BY_NAME.put(form.name(), kind);
        CANONICAL.add(form.name());
        for (String alias : aliases) {
            BY_NAME.put(alias, kind);
        }
    }

    /** An error already worded for the innermost layer (so an outer {@code seq} does not add its usage too). */
    private static final class Nested extends IllegalArgumentException {
        Nested(String message) {
            super(message);
        }
    }
}
