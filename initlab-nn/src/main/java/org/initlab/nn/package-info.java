/**
 * The training engine: tensors, parameters, layers with their forward and backward side by side
 * (dense and Conv2D, each with or without a bias, max, average and global average pooling on NCHW
 * tensors, LayerNorm and BatchNorm, dropout, embedding,
 * residual blocks, SimpleRNN, LSTM and GRU, per-step heads, single-head self-attention),
 * losses, optimizers, the {@link org.initlab.nn.InitPlan} that initializes a model from rules,
 * datasets whose {@link org.initlab.nn.Labels} fix the task (classification, per-step
 * classification, regression) and the {@link org.initlab.nn.Trainer} that picks the loss from it,
 * and observers. Knows nothing of files or reports.
 */
package org.initlab.nn;
