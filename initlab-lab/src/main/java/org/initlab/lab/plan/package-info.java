/**
 * Initialization recipes that depend on the model they initialize, as
 * {@link org.initlab.nn.InitPlan}s of exact-path rules: the transformer-era residual scalings
 * ({@link org.initlab.lab.plan.Gpt2Scaling}, {@link org.initlab.lab.plan.DeepNorm},
 * {@link org.initlab.lab.plan.TFixup}), small embeddings ({@link org.initlab.lab.plan.SmallEmbedding})
 * and the maximal update parametrization ({@link org.initlab.lab.plan.Mup}), which also sets
 * per-parameter learning-rate scales. {@link org.initlab.lab.plan.Plans} names them and holds their
 * method cards. The recipes read a model's structure (top-level residual blocks, the weights of each
 * branch) and never its values.
 */
package org.initlab.lab.plan;
