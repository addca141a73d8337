/**
 * Data-driven initialization: initializers that look at a batch of inputs and rescale a model's
 * weights until the signal has the wanted statistics.
 *
 * <p>{@link org.initlab.lab.datadriven.Lsuv} is layer-sequential unit-variance initialization
 * (D. Mishkin and J. Matas (2016), "All you need is a good init", ICLR; reference code
 * github.com/ducha-aiki/LSUVinit): orthogonal pre-initialization (A. M. Saxe, J. L. McClelland
 * and S. Ganguli (2014), "Exact solutions to the nonlinear dynamics of learning in deep linear
 * neural networks"), then each dense or convolution weight divided by the standard deviation of
 * its output on the batch until that variance is 1 within a tolerance;
 * {@link org.initlab.lab.datadriven.LsuvReport} says, per layer, how many rescalings it took and
 * the variances before and after.
 */
package org.initlab.lab.datadriven;
