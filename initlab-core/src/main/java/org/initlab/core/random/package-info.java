/**
 * Counter-based random numbers and the samplers built on them.
 *
 * <p>Design rule: randomness is a pure function of (seed, tensor path, element index).
 * {@link org.initlab.core.random.RandomStream} addresses 32-bit words of Philox-4x32-10
 * ({@link org.initlab.core.random.Philox4x32}) by index, and element {@code i} of a tensor
 * consumes exactly word {@code i}; so any slice of a tensor can be generated alone, on any
 * thread or shard, and equals the same slice of a whole fill bit for bit.
 * {@link org.initlab.core.random.Samplers} turns words into uniform, normal and truncated
 * normal floats by exact conversions ({@link org.initlab.core.random.Uniforms}) and
 * inversion ({@link org.initlab.core.random.SamplingQuantile}, a fast quantile checked
 * against {@link org.initlab.core.random.NormalDistribution}), using only IEEE-exact
 * arithmetic ({@code + - * / sqrt}, {@link java.lang.Math#fma}) and
 * {@link java.lang.StrictMath}, so results are also bit-identical across
 * machines and JIT compilers. {@link org.initlab.core.random.TruncatedNormalMoments} gives
 * the exact mean and variance an initializer reports for a truncated normal. In a JVM with
 * {@code jdk.incubator.vector}, the Philox blocks and the normal fills' central pass also have a
 * Vector API path ({@code VectorPhilox}, {@code VectorNormal}) that gives the same bits as the
 * scalar code; {@code VectorApi} decides when it is used.
 *
 * <p>Owns: the random stream, the word-to-number conversions, the standard normal
 * functions, and the bulk fills. Knows nothing of shapes, fans or initializers.
 */
package org.initlab.core.random;
