/**
 * Tensor shapes, memory layouts and fans: the one place where fan_in, fan_out and the
 * receptive field of a weight tensor are computed, for dense, convolutional, grouped and
 * transposed layers in the PyTorch and Keras/JAX layouts.
 */
package org.initlab.core.shape;
