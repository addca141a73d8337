/**
 * Mean-field theory of signal propagation in deep random networks, and the spectrum of their
 * input-output Jacobian: what a wide network at initialization should do, for the probes and the
 * advisor to compare measurements with.
 *
 * <ul>
 *   <li>{@link org.initlab.lab.theory.MeanField}: the length map, its fixed point {@code q*},
 *       {@code χ₁}, the correlation map and its fixed point {@code c*}, the depth scales
 *       {@code ξ_q} and {@code ξ_c}, and the predicted per-layer second moments;
 *       {@link org.initlab.lab.theory.MeanFieldAnalysis} holds the results.</li>
 *   <li>{@link org.initlab.lab.theory.EdgeOfChaos}: the critical {@code σ_w²} for a given
 *       {@code σ_b²}.</li>
 *   <li>{@link org.initlab.lab.theory.ActivationKernel}: the Gaussian expectations of an
 *       activation, in closed form for the rectifier family
 *       ({@link org.initlab.lab.theory.PiecewiseLinearKernel}) or by quadrature for any activation
 *       ({@link org.initlab.lab.theory.QuadratureKernel}).</li>
 *   <li>{@link org.initlab.lab.theory.JacobianSpectrum}: the singular values of an MLP's
 *       input-output Jacobian at given inputs, and how close it is to dynamical isometry.</li>
 * </ul>
 *
 * <p>References:
 * <ul>
 *   <li>B. Poole, S. Lahiri, M. Raghu, J. Sohl-Dickstein, S. Ganguli (2016), "Exponential
 *       expressivity in deep neural networks through transient chaos", NeurIPS: the length and
 *       correlation maps, {@code χ₁}, the order-to-chaos transition.</li>
 *   <li>S. S. Schoenholz, J. Gilmer, S. Ganguli, J. Sohl-Dickstein (2017), "Deep information
 *       propagation", ICLR: the depth scales {@code ξ_q}, {@code ξ_c} and their divergence at the
 *       edge of chaos.</li>
 *   <li>J. Pennington, S. S. Schoenholz, S. Ganguli (2017), "Resurrecting the sigmoid in deep
 *       learning through dynamical isometry: theory and practice", NeurIPS: the spectrum of the
 *       input-output Jacobian and dynamical isometry.</li>
 *   <li>Y. Cho, L. K. Saul (2009), "Kernel methods for deep learning", NeurIPS: the arc-cosine
 *       kernels, ReLU's correlation map in closed form.</li>
 *   <li>K. He, X. Zhang, S. Ren, J. Sun (2015), "Delving deep into rectifiers", ICCV: the ReLU
 *       network's variance recursion, {@code σ_w² = 2}.</li>
 * </ul>
 * Depends on the core's activations and quadrature and on the engine's layers; nothing here
 * writes files or prints.
 */
package org.initlab.lab.theory;
