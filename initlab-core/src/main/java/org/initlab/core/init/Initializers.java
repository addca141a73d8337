package org.initlab.core.init;

/**
 * The short way in: one factory per common initializer, as JAX's {@code jax.nn.initializers} and
 * Keras's {@code keras.initializers} have, returning the record itself so its withers refine it
 * and {@link Initializer#sample} fills a tensor.
 *
 * {@snippet :
 * // PyTorch: kaiming_normal_(w, mode="fan_out"); JAX: he_normal()(key, shape)
 * float[] w = Initializers.heNormal().fanOut().sample(Shape.of(256, 784), 42, "encoder.0.weight");
 * float[] v = Initializers.parse("glorot_uniform").sample(Shape.of(784, 256), 42, "decoder.0.weight");
 * float[] t = Initializers.heNormal().forActivation(Activation.LEAKY_RELU, 0.2).asTruncated()
 *         .sample(Shape.of(64, 3, 3, 3), 42, "stem.weight");
 * }
 *
 * <p>Every value depends only on (seed, path, element index): the same seed and path give the same
 * tensor on any thread count ({@link Fill#tensor(Initializer, Target, int)} for several threads).
 * The spec strings of {@link #parse} are the ones the command line takes ({@link Registry}).
 */
public final class Initializers {
    private Initializers() {}

    /** The initializer a spec string such as {@code he_normal(mode=fan_out)} names ({@link Registry#parse}). */
    public static Initializer parse(String spec) {
        return Registry.parse(spec);
    }

    /** All zeros. */
    public static Zeros zeros() {
        return new Zeros();
    }

    /** Every element {@code value}. */
    public static Constant constant(double value) {
        return new Constant(value);
    }

    /** {@code U(low, high)}. */
    public static Uniform uniform(double low, double high) {
        return new Uniform(low, high);
    }

    /** {@code N(0, std²)}. */
    public static Normal normal(double std) {
        return new Normal(0, std);
    }

    /** {@code N(0, std²)} truncated at ±2 std, as PyTorch's {@code trunc_normal_(std=std, a=-2std, b=2std)}. */
    public static TruncatedNormal truncatedNormal(double std) {
        return new TruncatedNormal(0, std, -2, 2);
    }

    /** Glorot/Xavier uniform, gain 1: {@code U(±sqrt(6 / (fan_in + fan_out)))}. */
    public static GlorotUniform glorotUniform() {
        return new GlorotUniform();
    }

    /** Glorot/Xavier normal, gain 1: {@code N(0, 2 / (fan_in + fan_out))}, untruncated (PyTorch's). */
    public static GlorotNormal glorotNormal() {
        return new GlorotNormal();
    }

    /** He/Kaiming normal for ReLU, fan_in, untruncated (PyTorch's): {@code N(0, 2 / fan_in)}. */
    public static HeNormal heNormal() {
        return new HeNormal();
    }

    /** He/Kaiming uniform for ReLU, fan_in: {@code U(±sqrt(6 / fan_in))}. */
    public static HeUniform heUniform() {
        return new HeUniform();
    }

    /** LeCun normal, untruncated: {@code N(0, 1 / fan_in)}. */
    public static LecunNormal lecunNormal() {
        return new LecunNormal();
    }

    /** (Semi-)orthogonal with gain {@code gain} (Saxe et al. 2014), as PyTorch's {@code orthogonal_}. */
    public static Orthogonal orthogonal(double gain) {
        return new Orthogonal(gain);
    }
}
