/**
 * The training engine: tensors, parameters, layers with their forward and backward side by side
 * (dense, Conv2D and pooling on NCHW tensors, LayerNorm and BatchNorm, dropout, embedding,
 * residual blocks, SimpleRNN, LSTM and GRU, single-head self-attention),
 * losses, optimizers, the {@link org.initlab.nn.InitPlan} that initializes a model from rules,
 * and observers. Knows nothing of files or reports.
 */
package org.initlab.nn;
