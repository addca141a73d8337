package org.initlab.lab.plan;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.initlab.core.Names;
import org.initlab.core.init.MethodCard;
import org.initlab.core.init.RecordSpec;
import org.initlab.core.init.SpecSyntax;

/**
 * The names, aliases, spec strings and method cards of the model-dependent initialization plans
 * ({@link ModelPlan}), and the card of μP ({@link Mup}, which needs a base model and has its own
 * command, {@code initlab mup}). Specs follow the initializers' grammar: {@code gpt2},
 * {@code deepnorm(decoder_layers=12, stack=decoder)}, {@code t_fixup(encoder_layers=6)},
 * {@code small_embedding(variant=small_init)}. Cards are {@code cards/NAME.txt} beside this class.
 */
public final class Plans {
    /** The name of μP's card. */
    public static final String MUP = "mup";

    /**
     * One kind of plan.
     *
     * @param name canonical spec name
     * @param aliases other accepted names
     * @param defaults the instance with every component at its default
     */
    public record Kind(String name, List<String> aliases, ModelPlan defaults) {}

    private static final List<Kind> KINDS = List.of(
            kindOf(new Gpt2Scaling()), kindOf(new DeepNorm()), kindOf(new TFixup()), kindOf(new SmallEmbedding()));
    private static final Map<String, Kind> BY_NAME;

    static {
        Map<String, Kind> byName = new LinkedHashMap<>();
        for (Kind k : KINDS) {
            byName.put(k.name(), k);
            k.aliases().forEach(a -> byName.put(a, k));
        }
        BY_NAME = Collections.unmodifiableMap(byName);
    }

    private Plans() {}

    /** The kind of a plan: the one place where each record gets its name. Exhaustive over the family. */
    public static Kind kindOf(ModelPlan plan) {
        return switch (plan) {
            case Gpt2Scaling g -> new Kind("gpt2", List.of("gpt2_residual"), new Gpt2Scaling());
            case DeepNorm d -> new Kind("deepnorm", List.of("deepnet"), new DeepNorm());
            case TFixup t -> new Kind("t_fixup", List.of("tfixup"), new TFixup());
            case SmallEmbedding s -> new Kind("small_embedding", List.of("small_init_embedding"), new SmallEmbedding());
        };
    }

    /** Every kind, in a fixed order. */
    public static List<Kind> kinds() {
        return KINDS;
    }

    /** Whether {@code spec} names a plan (its name before any argument list, canonical or alias). */
    public static boolean isPlan(String spec) {
        String s = spec.strip();
        int open = s.indexOf('(');
        return BY_NAME.containsKey((open < 0 ? s : s.substring(0, open)).strip().toLowerCase(Locale.ROOT));
    }

    /**
     * The kind named {@code name}.
     *
     * @throws IllegalArgumentException with a suggestion and the valid names
     */
    public static Kind kind(String name) {
        String key = name.strip().toLowerCase(Locale.ROOT);
        Kind k = BY_NAME.get(key);
        if (k == null) {
            throw new IllegalArgumentException(
                    "unknown plan '" + name.strip() + "'" + Names.didYouMean(key, BY_NAME.keySet()) + "valid: "
                            + String.join(", ", KINDS.stream().map(Kind::name).toList()));
        }
        return k;
    }

    /**
     * Parses a plan spec such as {@code deepnorm(encoder_layers=6, decoder_layers=6, stack=decoder)}.
     *
     * @throws IllegalArgumentException naming what was wrong and what is valid
     */
    public static ModelPlan parse(String spec) {
        SpecSyntax.Call call = SpecSyntax.parse(spec, "plan", "gpt2 or deepnorm(encoder_layers=6)");
        Kind kind = kind(call.name());
        return (ModelPlan) RecordSpec.bind(kind.name(), call, (Record) kind.defaults(), spec);
    }

    /** The canonical spec of a plan. */
    public static String format(ModelPlan plan) {
        Kind kind = kindOf(plan);
        return RecordSpec.format(kind.name(), (Record) plan, (Record) kind.defaults());
    }

    /** The components of a kind with their defaults rendered. */
    public static Map<String, String> parameters(Kind kind) {
        return RecordSpec.parameters((Record) kind.defaults());
    }

    /** The method card of a plan kind or of {@link #MUP}. */
    public static MethodCard card(String name) {
        return MethodCard.of(name, Plans.class);
    }

    /** Every card name: the plan kinds, then {@link #MUP}. */
    public static List<String> cardNames() {
        List<String> names = new ArrayList<>(KINDS.stream().map(Kind::name).toList());
        names.add(MUP);
        return names;
    }
}
