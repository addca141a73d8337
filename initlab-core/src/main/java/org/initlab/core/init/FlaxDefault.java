package org.initlab.core.init;

/**
 * Flax's ({@code flax.linen}) layer defaults:
 * <pre>
 *   weight (Dense/Conv kernel):  lecun_normal, truncated (variance_scaling(1, fan_in, truncated_normal))
 *   recurrent kernel:            orthogonal (the LSTM/GRU cells' recurrent_kernel_init)
 *   bias:                        zeros
 *   embedding [n, features]:     N(0, 1/features)  (variance_scaling(1, fan_in, normal, out_axis=0))
 *   norm scale/shift:            ones / zeros
 * </pre>
 *
 * <p>Papers: LeCun et al. (1998), "Efficient BackProp", for the kernels; Saxe, McClelland and
 * Ganguli (2014) for the orthogonal recurrent kernels. PyTorch: {@code kaiming_normal_(nonlinearity='linear')}
 * has the kernels' variance but no truncation; the exact law is {@code trunc_normal_(std=σ', a=-2σ', b=2σ')},
 * {@code σ' = sqrt(1/fan_in)/0.87962566103423978}.
 */
public record FlaxDefault() implements FrameworkDefault {
    @Override
    public Initializer resolve(Target target) {
        return switch (target.role()) {
            case WEIGHT -> new LecunNormal(true);
            case RECURRENT -> new Orthogonal();
            case BIAS, NORM_SHIFT -> new Zeros();
            case EMBEDDING -> new Normal(0, 1 / Math.sqrt(target.shape().dim(-1)));
            case NORM_SCALE -> new Ones();
        };
    }
}
