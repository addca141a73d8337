package org.initlab.djl;

import ai.djl.nn.Block;
import ai.djl.nn.BlockList;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.ParameterList;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Embedding;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.recurrent.RecurrentBlock;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.initlab.core.gain.Activation;
import org.initlab.core.init.Role;

/**
 * The parameters of a DJL block tree that InitLab initializes, each with a PyTorch-like path.
 *
 * <p>DJL names a nested parameter by joining the keys of the blocks above it with {@code _}: the
 * key of a child is a two-digit counter and a name ({@code "01Linear"}, the class name in a
 * {@link SequentialBlock}), so an MLP's parameters are {@code 01Linear_weight},
 * {@code 01Linear_bias}, {@code 03Linear_weight}. InitLab keys random streams by the path PyTorch
 * would give the same model, built by these rules:
 * <ul>
 *   <li>a child of a {@link SequentialBlock} or {@link ParallelBlock} is named by its position from
 *       0, as in {@code torch.nn.Sequential} and {@code ModuleList} (activation blocks count, so
 *       Linear-ReLU-Linear gives {@code 0.weight} and {@code 2.weight});</li>
 *   <li>a child of any other block keeps the name it was added with, without DJL's counter
 *       ({@code "01encoder"} becomes {@code encoder});</li>
 *   <li>components are joined with {@code .}; the root block adds none;</li>
 *   <li>parameter names follow PyTorch: {@link BatchNorm} and {@link LayerNorm} {@code gamma} and
 *       {@code beta} become {@code weight} and {@code bias}; {@link Embedding}'s
 *       {@code embedding} becomes {@code weight}; a recurrent block's {@code l_0_i2h_WEIGHT},
 *       {@code l_0_h2h_BIAS}, {@code r_1_h2h_WEIGHT} become {@code weight_ih_l0}, {@code bias_hh_l0},
 *       {@code weight_hh_l1_reverse}, as {@code torch.nn.LSTM} names them; others ({@code weight},
 *       {@code bias}) stay.</li>
 * </ul>
 *
 * <p>Roles come from DJL's {@link Parameter.Type}: {@code WEIGHT} is {@link Role#WEIGHT}
 * ({@link Role#EMBEDDING} in an {@link Embedding}, {@link Role#RECURRENT} for a recurrent block's
 * hidden-to-hidden {@code h2h} weights), {@code BIAS} {@link Role#BIAS}, {@code GAMMA}
 * {@link Role#NORM_SCALE}, {@code BETA} {@link Role#NORM_SHIFT}. Running statistics
 * ({@code RUNNING_MEAN}, {@code RUNNING_VAR}) are buffers, not initialized parameters, and
 * {@code OTHER} has no InitLab meaning: those stay with DJL's initializers and are not listed. A
 * bias takes the fans of the weight of the same name ({@code l_0_h2h_BIAS} those of
 * {@code l_0_h2h_WEIGHT}), else of its block's first weight.
 *
 * <p>The activation of a parameter is the {@link LambdaBlock} that follows its block in a
 * sequential parent, recognized by the names DJL's {@code Activation.*Block()} factories give
 * ({@code ReLU}, {@code LeakyReLU}, {@code Tanh}, ...), as {@link org.initlab.nn.InitPlan} reads
 * the engine's models. DJL's blocks hide a leaky ReLU's slope, an ELU's alpha and a swish's beta,
 * so InitLab's defaults apply (0.01, 1, and swish read as SiLU).
 */
public final class BlockParameters {
    /** DJL's names of recurrent parameters: direction, layer, gate side and type ({@code l_0_h2h_WEIGHT}). */
    private static final Pattern RECURRENT_NAME = Pattern.compile("([lr])_(\\d+)_(i2h|h2h)_(WEIGHT|BIAS)");

    private BlockParameters() {}

    /**
     * The initializable parameters of {@code root}, parents' before children's, each block's in
     * declaration order.
     *
     * @throws IllegalArgumentException if one parameter is reachable under two paths (a block
     *     added twice shares its parameters, so per-path determinism cannot hold for it)
     */
    public static List<BlockParameter> of(Block root) {
        List<BlockParameter> out = new ArrayList<>();
        walk(root, "", Activation.LINEAR, out);
        IdentityHashMap<Parameter, String> seen = new IdentityHashMap<>();
        for (BlockParameter p : out) {
            String before = seen.putIfAbsent(p.parameter(), p.path());
            if (before != null) {
                throw new IllegalArgumentException("the DJL parameter '" + p.djlName() + "' is reachable as both '"
                        + before + "' and '" + p.path() + "' (a block added twice shares its parameters); "
                        + "give each position its own block");
            }
        }
        return out;
    }

    private static void walk(Block block, String prefix, Activation after, List<BlockParameter> out) {
        ParameterList direct = block.getDirectParameters();
        for (Parameter p : direct.values()) {
            Role role = role(block, p);
            if (role == null) {
                continue;
            }
            int groups = block instanceof Convolution c ? c.getGroups() : 1;
            out.add(new BlockParameter(
                    prefix + torchName(block, p.getName()),
                    p,
                    block,
                    role,
                    kind(block),
                    after,
                    Double.NaN,
                    role == Role.BIAS ? weightOf(p, direct) : null,
                    groups));
        }
        BlockList children = block.getChildren();
        boolean indexed = block instanceof SequentialBlock || block instanceof ParallelBlock;
        for (int i = 0; i < children.size(); i++) {
            Block child = children.valueAt(i);
            String name = indexed ? Integer.toString(i) : withoutCounter(children.keyAt(i), i);
            Activation next = block instanceof SequentialBlock && i + 1 < children.size()
                    ? activation(children.valueAt(i + 1))
                    : Activation.LINEAR;
            walk(child, prefix + name + ".", next, out);
        }
    }

    /** DJL's child key without the {@code %02d} counter that {@code addChildBlock} puts first. */
    static String withoutCounter(String key, int index) {
        String counter = String.format(Locale.ROOT, "%02d", index + 1);
        return key.startsWith(counter) && key.length() > counter.length() ? key.substring(counter.length()) : key;
    }

    /**
     * The weight whose fans a bias takes: the direct parameter named like the bias with
     * {@code weight} for {@code bias} ({@code l_0_h2h_WEIGHT} for {@code l_0_h2h_BIAS}), else the
     * block's first weight, else none.
     */
    private static Parameter weightOf(Parameter bias, ParameterList direct) {
        String name = bias.getName().replace("BIAS", "WEIGHT").replace("bias", "weight");
        Parameter first = null;
        for (Parameter p : direct.values()) {
            if (p.getType() == Parameter.Type.WEIGHT) {
                if (p.getName().equals(name)) {
                    return p;
                }
                first = first == null ? p : first;
            }
        }
        return first;
    }

    private static Role role(Block block, Parameter p) {
        return switch (p.getType()) {
            case WEIGHT ->
                block instanceof Embedding<?>
                        ? Role.EMBEDDING
                        : block instanceof RecurrentBlock && p.getName().contains("h2h") ? Role.RECURRENT : Role.WEIGHT;
            case BIAS -> Role.BIAS;
            case GAMMA -> Role.NORM_SCALE;
            case BETA -> Role.NORM_SHIFT;
            case RUNNING_MEAN, RUNNING_VAR, OTHER -> null;
        };
    }

    private static String torchName(Block block, String djlName) {
        boolean norm = block instanceof BatchNorm || block instanceof LayerNorm;
        if (norm && djlName.equals("gamma")) {
            return "weight";
        }
        if (norm && djlName.equals("beta")) {
            return "bias";
        }
        if (block instanceof Embedding<?> && djlName.equals("embedding")) {
            return "weight";
        }
        if (block instanceof RecurrentBlock) {
            Matcher m = RECURRENT_NAME.matcher(djlName);
            if (m.matches()) {
                return m.group(4).toLowerCase(Locale.ROOT) + "_" + (m.group(3).equals("i2h") ? "ih" : "hh") + "_l"
                        + m.group(2) + (m.group(1).equals("r") ? "_reverse" : "");
            }
        }
        return djlName;
    }

    /** The InitLab layer kind of a DJL block, for {@link org.initlab.nn.InitPlan.Rule#layerKind()}. */
    static String kind(Block block) {
        if (block instanceof Linear) {
            return "dense";
        }
        if (block instanceof BatchNorm) {
            return "batch_norm";
        }
        if (block instanceof LayerNorm) {
            return "layer_norm";
        }
        if (block instanceof Embedding<?>) {
            return "embedding";
        }
        return block.getClass().getSimpleName().toLowerCase(Locale.ROOT);
    }

    /** The activation a DJL activation block applies, or linear for any other block. */
    static Activation activation(Block block) {
        if (!(block instanceof LambdaBlock lambda)) {
            return Activation.LINEAR;
        }
        return switch (lambda.getName()) {
            case "ReLU" -> Activation.RELU;
            case "ReLU6" -> Activation.RELU6;
            case "LeakyReLU" -> Activation.LEAKY_RELU;
            case "ELU" -> Activation.ELU;
            case "SELU" -> Activation.SELU;
            case "GELU" -> Activation.GELU;
            case "Swish" -> Activation.SILU;
            case "Mish" -> Activation.MISH;
            case "sigmoid" -> Activation.SIGMOID;
            case "Tanh" -> Activation.TANH;
            case "softPlus" -> Activation.SOFTPLUS;
            case "softSign" -> Activation.SOFTSIGN;
            default -> Activation.LINEAR;
        };
    }
}
