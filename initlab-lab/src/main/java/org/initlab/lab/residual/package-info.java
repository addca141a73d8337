/**
 * Residual-aware initialization and the residual stream it controls.
 *
 * <p>In a residual block {@code y = x + α f(x)} the stream's mean square grows by the branch's
 * contribution at every block; with He on both layers of a ReLU branch that is a factor of 3 per
 * block in expectation ({@link org.initlab.lab.residual.ResidualStream}, which measures it).
 * Two remedies start every block as the identity:
 * <ul>
 *   <li>{@link org.initlab.lab.residual.Fixup}: H. Zhang, Y. N. Dauphin and T. Ma (2019),
 *       "Fixup Initialization: Residual Learning Without Normalization", ICLR: zero the last layer
 *       of each branch and the classifier, scale the other branch layers by
 *       {@code L^(−1/(2m−2))};</li>
 *   <li>{@link org.initlab.lab.residual.ReZero}: T. Bachlechner et al. (2020), "ReZero is All
 *       You Need: Fast Convergence at Large Depth", and S. De and S. L. Smith (2020), "Batch
 *       Normalization Biases Residual Blocks Towards the Identity Function in Deep Networks"
 *       (SkipInit): the branch scale α starts at 0.</li>
 * </ul>
 * Both are {@link org.initlab.nn.InitPlan}s; the measurement is a plain forward pass and depends
 * on no probe.
 */
package org.initlab.lab.residual;
