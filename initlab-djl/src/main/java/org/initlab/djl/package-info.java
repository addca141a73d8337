/**
 * InitLab initializers and {@link org.initlab.nn.InitPlan}s applied to Deep Java Library (DJL)
 * blocks, parameter by parameter, with InitLab's per-path determinism.
 *
 * <p>DJL's {@code ai.djl.training.initializer.Initializer} sees a shape and a data type, never the
 * parameter's name, so one initializer per parameter would otherwise draw every tensor of the same
 * shape alike. {@link org.initlab.djl.DjlInit} therefore binds to each DJL {@code Parameter} its own
 * {@link org.initlab.djl.PathInitializer}, which knows the parameter's PyTorch-like path
 * ({@link org.initlab.djl.BlockParameters} derives it from the block tree) and the seed: the value
 * of every parameter equals {@code initlab sample SPEC --shape S --seed N --path P} bit for bit.
 * The module depends on DJL's API only; an engine (PyTorch, with its native library) is the
 * application's choice.
 */
package org.initlab.djl;
