/**
 * Activations and their gains: the elementwise nonlinearities ({@link
 * org.initlab.core.gain.Activation}, with exact derivatives for the training engine),
 * expectations under the standard normal ({@link org.initlab.core.gain.GaussianExpectation}),
 * and the gain factors initializers scale by ({@link org.initlab.core.gain.Gains}): PyTorch's
 * {@code calculate_gain} table and the variance-preserving gain {@code 1/√E[φ(z)²]}; and
 * {@link org.initlab.core.gain.FloatGelu}, GELU and its slope on float arrays for the training
 * engine, within half an ulp of float of the double definition.
 * Self-contained: depends on nothing else in InitLab except {@link org.initlab.core.Names}.
 */
package org.initlab.core.gain;
